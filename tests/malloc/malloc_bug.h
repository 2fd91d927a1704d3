/*
 * The tagging malloc's bug corpus (tests/malloc/mb_<name>.c ->
 * /tests/mb_<name>): each program holds one classic heap bug and names
 * the report it must get.  malloc_bug_main() runs the bug in a child per
 * checking mode, with the child's stderr sent through a pipe, and checks
 * the outcome from the parent, so each program checks itself:
 *
 *  - SYNC: the child dies (SIGSEGV from the tag fault, or SIGABRT from
 *    malloc's own check) and its report has the line "malloc: <kind>";
 *  - ASYNC: the child still dies of SIGSEGV or SIGABRT, with either that
 *    line or, for a tag fault taken asynchronously, malloc's
 *    SEGV_MTEAERR line (the access and its address are then unknown).
 *
 * The parent never allocates, so each child chooses its heap's mode with
 * malloc_set_tagging() before its first allocation.  Without MTE the
 * bugs would go unseen: the program checks that the tagging request is
 * accepted and ignored, then ends as skipped.
 */
#ifndef _TESTS_MALLOC_MALLOC_BUG_H_
#define	_TESTS_MALLOC_MALLOC_BUG_H_

#include <malloc_np.h>
#include <pthread.h>

#include "check.h"

/* A pointer the compiler cannot see through, so bugs stay in the code. */
static inline void *
opaque(void *p)
{

	__asm__ __volatile__("" : "+r" (p));
	return (p);
}

/* What malloc_bug_child's child runs: bug in a heap tagged in mode. */
struct malloc_bug_args {
	void	(*bug)(void);
	int	mode;
};

/*
 * The child of malloc_bug_child: take the mode, run the bug, and say so
 * if it went unnoticed.
 */
static inline void
malloc_bug_run(void *arg)
{
	struct malloc_bug_args *a = arg;

	if (malloc_set_tagging(a->mode) != 0 || malloc_tagging() != a->mode) {
		fprintf(stderr, "tagging mode %d not taken\n", a->mode);
		_exit(2);
	}
	a->bug();
	(void)getpid();		/* delivers a pending async fault */
	fprintf(stderr, "the bug went unnoticed\n");
}

/*
 * Run bug() in a child whose heap is tagged in mode; its stderr in
 * buf[len] (NUL-terminated).  Returns the child's wait status.
 */
static inline int
malloc_bug_child(void (*bug)(void), int mode, char *buf, size_t len)
{
	struct malloc_bug_args a = { bug, mode };

	return (check_capture(malloc_bug_run, &a, buf, len));
}

/* The child's status and report fit mode and kind; if not, say why. */
static inline void
malloc_bug_check(const char *name, int mode, const char *kind, int status,
    const char *report)
{
	char want[80];
	int sig;

	check_count++;
	snprintf(want, sizeof(want), "malloc: %s", kind);
	sig = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
	if (sig != SIGSEGV && sig != SIGABRT) {
		check_fail(__FILE__, __LINE__, "%s, mode %d: expected death by "
		    "SIGSEGV or SIGABRT, got status %#x; its stderr:\n%s",
		    name, mode, status, report);
		return;
	}
	if (strstr(report, want) != NULL)
		return;
	if (mode == MALLOC_TAGGING_ASYNC && sig == SIGSEGV &&
	    strstr(report, "SEGV_MTEAERR") != NULL)
		return;
	check_fail(__FILE__, __LINE__, "%s, mode %d: no \"%s\" in the "
	    "report:\n%s", name, mode, want, report);
}

/*
 * The whole test: bug() must be reported as kind in SYNC mode and end
 * the program in ASYNC mode.
 */
static inline int
malloc_bug_main(void (*bug)(void), const char *kind)
{
	static char report[4096];
	int status;

	if (!check_have_mte()) {
		CHECK_EQ(malloc_set_tagging(MALLOC_TAGGING_SYNC), 0);
		CHECK_EQ(malloc_tagging(), MALLOC_TAGGING_OFF);
		check_skip("this machine has no MTE, so malloc cannot tag the "
		    "heap (checked that the request is accepted and ignored)");
	}
	status = malloc_bug_child(bug, MALLOC_TAGGING_SYNC, report,
	    sizeof(report));
	malloc_bug_check(getprogname(), MALLOC_TAGGING_SYNC, kind, status,
	    report);
	status = malloc_bug_child(bug, MALLOC_TAGGING_ASYNC, report,
	    sizeof(report));
	malloc_bug_check(getprogname(), MALLOC_TAGGING_ASYNC, kind, status,
	    report);
	return (check_done());
}

/* A bug program: BUG(kind) { the bug } */
#define	BUG(kind)							\
static void bug(void);							\
int									\
main(void)								\
{									\
									\
	return (malloc_bug_main(bug, (kind)));				\
}									\
static void								\
bug(void)

#endif /* !_TESTS_MALLOC_MALLOC_BUG_H_ */
