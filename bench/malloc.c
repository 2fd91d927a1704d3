/*
 * malloc: what the C library's malloc and free cost, untagged and with
 * a tagged heap (docs/malloc.md, "Cost").
 *   "malloc_free"   one malloc(n) and its free, repeated: per pair
 *                   (n = 16, 256, 4096 bytes);
 *   "malloc_churn"  a malloc-heavy program: a pool of POOL chunks of
 *                   random sizes (16 B to 2 KiB) replaced at random n
 *                   times, each written once, then all freed: the total.
 *
 * A heap's kind is fixed at its first allocation, so the tagged rows run
 * in a fresh image of this program (argv[1] "tagged") whose environment
 * asks for a tagged heap: MALLOC_TAGGING=sync on TagOS, and on Linux
 * glibc's GLIBC_TUNABLES=glibc.mem.tagging=3 (tagging, SYNC checks),
 * which works only if that glibc was built with memory tagging; if the
 * pointers come back untagged the rows are skipped.
 */
#include <stdlib.h>
#include <sys/wait.h>

#include "bench.h"

#ifndef __linux__
#include <malloc_np.h>
#endif

#define	PAIRS		1000	/* malloc+free pairs per round */
#define	CHURN_OPS	10000	/* replacements per round */
#define	POOL		512

static void *volatile sink;	/* keeps the compiler from the calls */

/* The malloc_free row for size bytes: instructions per pair. */
static void
pairs_row(const char *mode, size_t size)
{
	uint64_t v[BENCH_ROUNDS], t0;
	int r, i;

	/* One round first, so the class's slab is there. */
	for (r = -1; r < BENCH_ROUNDS; r++) {
		BENCH_PROF_BEGIN(r);
		t0 = bench_now();
		for (i = 0; i < PAIRS; i++) {
			sink = malloc(size);
			free(sink);
		}
		if (r >= 0)
			v[r] = (bench_now() - t0) / PAIRS;
		BENCH_PROF_END(r);
	}
	bench_row("malloc_free", mode, size, v);
}

/* The malloc_churn row: instructions for CHURN_OPS replacements. */
static void
churn_row(const char *mode)
{
	static char *pool[POOL];
	uint64_t v[BENCH_ROUNDS], t0;
	uint32_t seed;
	size_t n;
	int r, i, k;

	for (r = -1; r < BENCH_ROUNDS; r++) {
		seed = 1;
		BENCH_PROF_BEGIN(r);
		t0 = bench_now();
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
		if (r >= 0)
			v[r] = bench_now() - t0;
		BENCH_PROF_END(r);
	}
	bench_row("malloc_churn", mode, CHURN_OPS, v);
}

/* Every row, for a heap of the given kind. */
static void
rows(const char *mode)
{

	pairs_row(mode, 16);
	pairs_row(mode, 256);
	pairs_row(mode, 4096);
	churn_row(mode);
}

/* True if this process's heap hands out tagged pointers. */
static int
heap_tagged(void)
{
#ifdef __linux__
	void *p;
	int t;

	p = malloc(16);
	t = ((uintptr_t)p >> 56 & 0xf) != 0;
	free(p);
	return (t);
#else
	return (malloc_tagging() == MALLOC_TAGGING_SYNC);
#endif
}

/* Run this program again as "self tagged", with a tagged heap asked for. */
static void
run_tagged(const char *self)
{
	char *argv[3], *envp[2];
	int status;
	pid_t pid;

	argv[0] = (char *)self;
	argv[1] = "tagged";
	argv[2] = NULL;
#ifdef __linux__
	envp[0] = "GLIBC_TUNABLES=glibc.mem.tagging=3";
#else
	envp[0] = "MALLOC_TAGGING=sync";
#endif
	envp[1] = NULL;
	fflush(stdout);
	if ((pid = fork()) == 0) {
		execve(self, argv, envp);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid ||
	    !WIFEXITED(status) || WEXITSTATUS(status) != 0)
		bench_skip("malloc_free", "tagged", "the tagged run failed");
}

int
main(int argc, char **argv)
{

	if (argc > 1 && strcmp(argv[1], "tagged") == 0) {
		if (!heap_tagged()) {
			bench_skip("malloc_free", "tagged",
			    "this malloc does not tag");
			return (0);
		}
		rows("tagged");
		return (0);
	}
	rows("untagged");
	run_tagged(argv[0]);
	return (0);
}
