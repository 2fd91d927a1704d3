/*
 * getpid: the shortest system call, made as one raw svc, so the row is
 * the cost of entering and leaving the kernel.  Each round is the mean of
 * CALLS calls.
 */
#include "bench.h"

#define	CALLS	64

int
main(void)
{
	uint64_t v[BENCH_ROUNDS], t0;
	int i, r;

	bench_getpid_raw();
	for (r = 0; r < BENCH_ROUNDS; r++) {
		BENCH_PROF_BEGIN(r);
		t0 = bench_now();
		for (i = 0; i < CALLS; i++)
			bench_getpid_raw();
		v[r] = (bench_now() - t0) / CALLS;
		BENCH_PROF_END(r);
	}
	bench_row("getpid", "-", 1, v);
	return (0);
}
