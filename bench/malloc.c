/*
 * bench/malloc: what malloc and free cost, per operation, with the heap
 * untagged and tagged (docs/malloc.md has the figures and what they mean).
 *
 * An ordinary POSIX C program.  Each row runs in a child process, since
 * a heap's kind is fixed at its first allocation: on TagOS the child
 * chooses it with malloc_set_tagging() (<malloc_np.h>); elsewhere only
 * the untagged rows run.  Rows:
 *
 *   malloc+free N B   one malloc(N) and its free, repeated: ns per pair
 *   churn             a malloc-heavy program: a pool of 512 chunks of
 *                     random sizes (16 B to 2 KiB) replaced at random,
 *                     written once each: total ms for 50000 replacements
 *
 * Times are from CLOCK_MONOTONIC; each row is the best of three runs.
 */
#include <sys/types.h>
#include <sys/wait.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#if defined(__has_include)
#if __has_include(<malloc_np.h>)
#include <malloc_np.h>
#define	HAVE_TAGGING	1
#endif
#endif

#define	PAIRS		50000
#define	CHURN_OPS	50000
#define	POOL		512
#define	RUNS		3

static void *volatile sink;	/* keeps the optimizer from the calls */

/* Now in nanoseconds. */
static uint64_t
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((uint64_t)ts.tv_sec * 1000000000 + ts.tv_nsec);
}

/* ns for one malloc(size) and its free, the best of RUNS. */
static uint64_t
pairs(size_t size)
{
	uint64_t best = UINT64_MAX, t;
	int run, i;

	for (run = 0; run < RUNS; run++) {
		t = now_ns();
		for (i = 0; i < PAIRS; i++) {
			sink = malloc(size);
			free(sink);
		}
		t = now_ns() - t;
		if (t < best)
			best = t;
	}
	return (best / PAIRS);
}

/* ms for the churn row, the best of RUNS. */
static uint64_t
churn(void)
{
	static char *pool[POOL];
	uint64_t best = UINT64_MAX, t;
	uint32_t seed = 1;
	size_t n;
	int run, i, k;

	for (run = 0; run < RUNS; run++) {
		t = now_ns();
		for (i = 0; i < CHURN_OPS; i++) {
			seed = seed * 1103515245 + 12345;
			k = (seed >> 8) % POOL;
			n = 16 + (seed >> 16) % 2032;
			free(pool[k]);
			if ((pool[k] = malloc(n)) == NULL)
				exit(1);
			memset(pool[k], k, n < 64 ? n : 64);
		}
		for (k = 0; k < POOL; k++) {
			free(pool[k]);
			pool[k] = NULL;
		}
		t = now_ns() - t;
		if (t < best)
			best = t;
	}
	return (best / 1000000);
}

/* Print the rows for one heap kind, in a child whose heap is mode. */
static void
rows(const char *kind, int mode)
{
	static const size_t sizes[] = { 16, 256, 4096 };
	unsigned int i;
	pid_t pid;

	fflush(stdout);
	if ((pid = fork()) == 0) {
#ifdef HAVE_TAGGING
		if (malloc_set_tagging(mode) != 0 || malloc_tagging() != mode) {
			printf("%-9s (not available here)\n", kind);
			_exit(0);
		}
#else
		(void)mode;
#endif
		for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++)
			printf("malloc+free %4zu B  %-9s %6llu ns\n", sizes[i],
			    kind, (unsigned long long)pairs(sizes[i]));
		printf("churn               %-9s %6llu ms\n", kind,
		    (unsigned long long)churn());
		fflush(stdout);
		_exit(0);
	}
	if (pid > 0)
		waitpid(pid, NULL, 0);
}

int
main(void)
{

	rows("untagged", 0);
#ifdef HAVE_TAGGING
	rows("sync", MALLOC_TAGGING_SYNC);
	rows("async", MALLOC_TAGGING_ASYNC);
#endif
	return (0);
}
