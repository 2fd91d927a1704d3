/* Runner for the host unit tests; see hosttest.h. */
#include <sys/wait.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hosttest.h"

static struct ht_test *ht_head, **ht_tail = &ht_head;
unsigned ht_checks;
static int ht_failed_now, ht_skipped_now;
static const char *ht_current;
static const char *ht_prog;

/* Add t to the tests main() runs, in the order of registration. */
void
ht_register(struct ht_test *t)
{
	*ht_tail = t;
	ht_tail = &t->next;
}

/* Fail the current test, printing where and why. */
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

/* End the current test as skipped, printing why; HT_SKIP returns. */
void
ht_skip(const char *fmt, ...)
{
	va_list ap;

	ht_skipped_now = 1;
	printf("SKIP host/%s/%s: ", ht_prog, ht_current);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
}

/*
 * Run fn in a child process, its stderr silenced; true if it died by a
 * panic (the host kernel stubs' panic() and a failed KASSERT abort).
 */
int
ht_panics(void (*fn)(void))
{
	pid_t pid;
	int status;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		if (freopen("/dev/null", "w", stderr) == NULL)
			_exit(2);
		fn();
		_exit(0);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return (0);
	return (WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT);
}

/*
 * The next number of the xorshift64 sequence kept in *state (never 0): a
 * fixed sequence for a fixed seed, so a failure can be replayed.
 */
uint64_t
ht_random(uint64_t *state)
{
	*state ^= *state << 13;
	*state ^= *state >> 7;
	*state ^= *state << 17;
	return (*state);
}

/*
 * Run every registered test and print its result line; a test that made
 * no check fails.  Exits non-zero if any test failed.
 */
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
		ht_skipped_now = 0;
		ht_checks = 0;
		ht_current = t->name;
		t->fn();
		if (!ht_failed_now && !ht_skipped_now && ht_checks == 0)
			ht_fail(__FILE__, __LINE__, "the test made no check");
		if (ht_failed_now)
			failed++;
		else if (!ht_skipped_now)
			printf("PASS host/%s/%s\n", ht_prog, t->name);
		fflush(stdout);
	}
	return (failed != 0);
}
