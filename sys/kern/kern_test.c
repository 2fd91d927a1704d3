/* The in-kernel test runner; see sys/kern_test.h. */
#include "sys/systm.h"
#include "sys/kern_test.h"
#include "machine/md.h"

extern const struct kern_test *const __start_set_kern_tests[];
extern const struct kern_test *const __stop_set_kern_tests[];

u_int kern_test_checks;			/* of the running test */
static bool kt_failed, kt_skipped;		/* the running test's result */
static const char *kt_current;

/* Record a failure of the running test with where and why. */
void
kern_test_fail(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	kt_failed = true;
	printf("FAIL kern/%s: %s:%d: ", kt_current, file, line);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
}

/* End the running test as skipped, printing why; KT_SKIP returns. */
void
kern_test_skip(const char *fmt, ...)
{
	va_list ap;

	kt_skipped = true;
	printf("SKIP kern/%s: ", kt_current);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
}

/* True if the test is named in the comma-separated list, or list is all. */
static bool
kt_selected(const char *list, const struct kern_test *kt)
{
	const char *name = kt->kt_name;
	size_t n = strlen(name);
	const char *p = list;

	if (*p == '\0' || *p == ' ' || strncmp(p, "all", 3) == 0)
		return (!kt->kt_explicit);
	while (*p != '\0' && *p != ' ') {
		if (strncmp(p, name, n) == 0 &&
		    (p[n] == ',' || p[n] == ' ' || p[n] == '\0'))
			return (true);
		while (*p != ',' && *p != ' ' && *p != '\0')
			p++;
		if (*p == ',')
			p++;
	}
	return (false);
}

/*
 * Run the tests named in which ("" or "all" for every test), print a
 * summary and power off: status 0 if none failed.  A test that skipped
 * made its own SKIP line; one that made no check fails, since it would
 * pass whatever the kernel did.
 */
void
kern_test_run(const char *which)
{
	const struct kern_test *const *tp;
	u_int passed = 0, failed = 0, skipped = 0;

	for (tp = __start_set_kern_tests; tp < __stop_set_kern_tests; tp++) {
		if (!kt_selected(which, *tp))
			continue;
		kt_current = (*tp)->kt_name;
		kt_failed = false;
		kt_skipped = false;
		kern_test_checks = 0;
		(*tp)->kt_fn();
		if (!kt_failed && !kt_skipped && kern_test_checks == 0)
			kern_test_fail(__FILE__, __LINE__,
			    "the test made no check");
		if (kt_failed) {
			failed++;
		} else if (kt_skipped) {
			skipped++;
		} else {
			passed++;
			printf("PASS kern/%s\n", kt_current);
		}
	}
	printf("kernel tests: %u passed, %u failed, %u skipped\n", passed,
	    failed, skipped);
	cpu_poweroff(failed != 0);
}
