/* Runner for the host unit tests; see hosttest.h. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hosttest.h"

static struct ht_test *ht_head, **ht_tail = &ht_head;
static int ht_failed_now;
static const char *ht_current;
static const char *ht_prog;

void
ht_register(struct ht_test *t)
{
	*ht_tail = t;
	ht_tail = &t->next;
}

void
ht_fail(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	ht_failed_now = 1;
	printf("FAIL host/%s/%s: %s:%d: ", ht_prog, ht_current, file, line);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
}

int
main(int argc, char **argv)
{
	struct ht_test *t;
	const char *slash;
	int failed = 0;

	(void)argc;
	slash = strrchr(argv[0], '/');
	ht_prog = slash != NULL ? slash + 1 : argv[0];
	for (t = ht_head; t != NULL; t = t->next) {
		ht_failed_now = 0;
		ht_current = t->name;
		t->fn();
		if (ht_failed_now)
			failed++;
		else
			printf("PASS host/%s/%s\n", ht_prog, t->name);
		fflush(stdout);
	}
	return (failed != 0);
}
