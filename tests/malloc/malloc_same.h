/*
 * Correct programs under the tagging malloc (tests/malloc/mg_<name>.c):
 * the workload runs in a child with an untagged heap and again with a
 * tagged one (SYNC, then ASYNC); each must exit 0 with no report, and its
 * output must be the same bytes every time.  Without MTE the tagging
 * request is ignored, so the runs still compare malloc with itself.
 */
#ifndef _TESTS_MALLOC_MALLOC_SAME_H_
#define	_TESTS_MALLOC_MALLOC_SAME_H_

#include <malloc_np.h>
#include <pthread.h>

#include "check.h"

#define	SAME_OUT	8192	/* output kept per run */

/* A small deterministic generator: the next value of *seed. */
static inline uint32_t
same_random(uint32_t *seed)
{

	*seed = *seed * 1103515245 + 12345;
	return (*seed >> 8);
}

/* What same_run's child runs: work in a heap in mode. */
struct same_args {
	void	(*work)(char *, size_t);
	int	mode;
};

/*
 * The child of same_run: take the mode, run the work and write what it
 * printed into out to stderr.
 */
static inline void
same_child(void *arg)
{
	static char out[SAME_OUT];
	struct same_args *a = arg;

	if (malloc_set_tagging(a->mode) != 0)
		_exit(2);
	memset(out, 0, sizeof(out));
	a->work(out, sizeof(out));
	(void)write(STDERR_FILENO, out, strlen(out));
}

/*
 * Run work(out) in a child whose heap is in mode; what it printed (with
 * snprintf into out) comes back in buf.  Returns the wait status.
 */
static inline int
same_run(void (*work)(char *, size_t), int mode, char *buf, size_t len)
{
	struct same_args a = { work, mode };

	return (check_capture(same_child, &a, buf, len));
}

/* The whole test. */
static inline int
same_main(void (*work)(char *, size_t))
{
	static char plain[SAME_OUT], tagged[SAME_OUT];
	static const int modes[] = { MALLOC_TAGGING_SYNC,
	    MALLOC_TAGGING_ASYNC };
	unsigned int i;
	int status;

	status = same_run(work, MALLOC_TAGGING_OFF, plain, sizeof(plain));
	CHECK_EQ(status, 0);
	CHECK(strlen(plain) > 0);
	for (i = 0; i < sizeof(modes) / sizeof(modes[0]); i++) {
		status = same_run(work, modes[i], tagged, sizeof(tagged));
		CHECK_EQ(status, 0);
		check_count++;
		if (strcmp(plain, tagged) != 0)
			check_fail(__FILE__, __LINE__, "mode %d: output "
			    "differs from the untagged run:\n%s\n--- "
			    "untagged:\n%s", modes[i], tagged, plain);
	}
	return (check_done());
}

/* Append to out (printf-style). */
#define	SAME_PRINT(out, len, ...)					\
	snprintf((out) + strlen(out), (len) - strlen(out), __VA_ARGS__)

#endif /* !_TESTS_MALLOC_MALLOC_SAME_H_ */
