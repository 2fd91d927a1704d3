/*
 * pageout: madvise(MADV_PAGEOUT) of n resident private pages (written to
 * swap and freed before the call returns), per page, and the first read
 * of each page after it (a fault that reads the page back from swap, with
 * its neighbours), per page, for n = 64 and 4096: untagged, tagged with a
 * different tag in every granule from its neighbours (mode "tagged": the
 * dearest case, each page's tags a 128-byte record), and tagged with one
 * tag a page (mode "tagged-uniform": a 1-byte record).  Tag checking is on
 * (SYNC); the three modes run the same user instructions (an untagged
 * page is read through a tagged pointer too: the top byte is ignored), so
 * they differ only in PROT_MTE and the tags.  Both rows wait for the
 * disk: the counter ticks the CPU spent idle meanwhile are subtracted
 * (bench_idle, docs/bench.md).  Skipped without swap (Linux's peer has
 * none).
 */
#include "bench.h"

/* What a row's pages hold: no tags, a tag per granule, a tag per page. */
enum kind { UNTAGGED, DISTINCT, UNIFORM };

static const char *const kind_mode[] = { "untagged", "tagged",
    "tagged-uniform" };

/*
 * The tag of granule g (counted from the mapping's start) in a row of
 * kind k: 1..15, the granule's own or its page's (256 granules a page).
 * The same instructions for every kind.
 */
static inline unsigned
tag_of(enum kind k, size_t g)
{
	return ((unsigned)((g >> (k == UNIFORM ? 8 : 0)) % 15) + 1);
}

/* Fill n pages of p: a word in every granule, and its tag if tagged. */
static void
fill(char *p, size_t n, enum kind k)
{
	volatile uint64_t *q;
	size_t i;

	for (i = 0; i < n * BENCH_PAGE / 16; i++) {
		q = (uint64_t *)(p + i * 16);
		if (k != UNTAGGED) {
			q = bench_tag((void *)q, tag_of(k, i));
			bench_stg((void *)q);
		}
		*q = i;
	}
}

/* The two rows for n pages of kind k. */
static void
pageout_rows(size_t n, enum kind k)
{
	uint64_t vo[BENCH_ROUNDS], vi[BENCH_ROUNDS], t0, t1, i0, i1;
	volatile uint64_t *q;
	uint64_t sum = 0;
	const char *mode = kind_mode[k];
	size_t i;
	char *p;
	int r;

	for (r = 0; r < BENCH_ROUNDS; r++) {
		if ((p = bench_map(n * BENCH_PAGE, k != UNTAGGED)) == NULL) {
			bench_skip("pageout", mode, "mmap failed");
			return;
		}
		fill(p, n, k);
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
			q = bench_tag(p + i * BENCH_PAGE,
			    tag_of(k, i * BENCH_PAGE / 16));
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
		bench_skip("pageout", "tagged-uniform", "no swap");
		return (0);
	}
	have_mte = bench_mte(BENCH_SYNC) == 0;
	for (i = 0; i < 2; i++) {
		pageout_rows(ns[i], UNTAGGED);
		if (have_mte) {
			pageout_rows(ns[i], DISTINCT);
			pageout_rows(ns[i], UNIFORM);
		} else {
			bench_skip("pageout", "tagged", "no MTE");
			bench_skip("pageout", "tagged-uniform", "no MTE");
		}
	}
	return (0);
}
