/*
 * pageout: madvise(MADV_PAGEOUT) of n resident private pages (written to
 * swap and freed before the call returns), per page, and the first read
 * of each page after it (a fault that reads the page back from swap, with
 * its neighbours), per page, for n = 64 and 4096, untagged and tagged.
 * Tag checking is on (SYNC); a tagged page has a different tag in every
 * granule from its neighbours, so its tags compress to the largest record
 * (128 bytes), the dearest case.  Both rows wait for the disk: the
 * counter ticks the CPU spent idle meanwhile are subtracted (bench_idle,
 * docs/bench.md).  Skipped without swap (Linux's peer has none).
 */
#include "bench.h"

/* Fill n pages of p: a word in every granule, and its tag if tagged. */
static void
fill(char *p, size_t n, int tagged)
{
	volatile uint64_t *q;
	size_t i;

	for (i = 0; i < n * BENCH_PAGE / 16; i++) {
		q = (uint64_t *)(p + i * 16);
		if (tagged) {
			q = bench_tag((void *)q, (unsigned)(i % 15) + 1);
			bench_stg((void *)q);
		}
		*q = i;
	}
}

/* The two rows for n pages, PROT_MTE if tagged. */
static void
pageout_rows(size_t n, int tagged)
{
	uint64_t vo[BENCH_ROUNDS], vi[BENCH_ROUNDS], t0, t1, i0, i1;
	volatile uint64_t *q;
	uint64_t sum = 0;
	const char *mode = bench_modename(tagged);
	size_t i;
	char *p;
	int r;

	for (r = 0; r < BENCH_ROUNDS; r++) {
		if ((p = bench_map(n * BENCH_PAGE, tagged)) == NULL) {
			bench_skip("pageout", mode, "mmap failed");
			return;
		}
		fill(p, n, tagged);
		BENCH_PROF_BEGIN(r);
		i0 = bench_idle();
		t0 = bench_now();
		if (madvise(p, n * BENCH_PAGE, MADV_PAGEOUT) != 0) {
			bench_skip("pageout", mode, "madvise failed");
			return;
		}
		t1 = bench_now();
		i1 = bench_idle();
		BENCH_PROF_END(r);
		vo[r] = (t1 - t0 - (i1 - i0)) / n;
		BENCH_PROF_BEGIN(r);
		i0 = bench_idle();
		t0 = bench_now();
		/* Each page's first granule, with the tag fill() gave it. */
		for (i = 0; i < n; i++) {
			q = (uint64_t *)(p + i * BENCH_PAGE);
			if (tagged)
				q = bench_tag((void *)q,
				    (unsigned)(i * BENCH_PAGE / 16 % 15) + 1);
			sum += *q;
		}
		t1 = bench_now();
		i1 = bench_idle();
		BENCH_PROF_END(r);
		vi[r] = (t1 - t0 - (i1 - i0)) / n;
		munmap(p, n * BENCH_PAGE);
	}
	if (sum != BENCH_ROUNDS * (BENCH_PAGE / 16) * (n * (n - 1) / 2)) {
		bench_skip("pageout", mode, "pages read back wrong");
		return;
	}
	bench_row("pageout", mode, n, vo);
	bench_row("pagein", mode, n, vi);
}

int
main(void)
{
	static const size_t ns[] = { 64, 4096 };
	int have_mte, i;

	if (bench_swap_bytes() == 0) {
		bench_skip("pageout", "untagged", "no swap");
		bench_skip("pageout", "tagged", "no swap");
		return (0);
	}
	have_mte = bench_mte(BENCH_SYNC) == 0;
	for (i = 0; i < 2; i++) {
		pageout_rows(ns[i], 0);
		if (have_mte)
			pageout_rows(ns[i], 1);
		else
			bench_skip("pageout", "tagged", "no MTE");
	}
	return (0);
}
