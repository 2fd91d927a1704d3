/*
 * mprotect and munmap over n resident pages:
 *   "mprotect_mte"    mprotect(RW -> RW|MTE), per page;
 *   "mprotect_touch"  the first write to each page after it, per page;
 *   "munmap"          munmap of n resident pages, per page, untagged and
 *                     tagged.
 */
#include "bench.h"

/*
 * The mprotect_mte and mprotect_touch rows for n pages: each round maps n
 * untagged pages, writes them, adds PROT_MTE, writes them again.
 */
static void
mprotect_rows(size_t n)
{
	uint64_t vm[BENCH_ROUNDS], vt[BENCH_ROUNDS], t0, t1;
	size_t len;
	char *p;
	int r;

	len = n * BENCH_PAGE;
	for (r = 0; r < BENCH_ROUNDS; r++) {
		if ((p = bench_map(len, 0)) == NULL) {
			bench_skip("mprotect_mte", "tagged", "mmap failed");
			return;
		}
		bench_touch(p, n);
		BENCH_PROF_BEGIN(r);
		t0 = bench_now();
		if (mprotect(p, len, PROT_READ | PROT_WRITE | PROT_MTE) != 0) {
			bench_skip("mprotect_mte", "tagged", "mprotect failed");
			return;
		}
		t1 = bench_now();
		BENCH_PROF_END(r);
		BENCH_PROF_BEGIN(r);
		bench_touch(p, n);
		vt[r] = (bench_now() - t1) / n;
		BENCH_PROF_END(r);
		vm[r] = (t1 - t0) / n;
		munmap(p, len);
	}
	bench_row("mprotect_mte", "tagged", n, vm);
	bench_row("mprotect_touch", "tagged", n, vt);
}

/* The munmap row: unmap n resident pages, PROT_MTE if tagged. */
static void
munmap_row(size_t n, int tagged)
{
	uint64_t v[BENCH_ROUNDS], t0;
	char *p;
	int r;

	for (r = 0; r < BENCH_ROUNDS; r++) {
		if ((p = bench_map(n * BENCH_PAGE, tagged)) == NULL) {
			bench_skip("munmap", bench_modename(tagged),
			    "mmap failed");
			return;
		}
		bench_touch(p, n);
		BENCH_PROF_BEGIN(r);
		t0 = bench_now();
		munmap(p, n * BENCH_PAGE);
		v[r] = (bench_now() - t0) / n;
		BENCH_PROF_END(r);
	}
	bench_row("munmap", bench_modename(tagged), n, v);
}

int
main(void)
{
	static const size_t ns[] = { 1, 64, 4096 };
	int have_mte, i;

	have_mte = bench_mte(BENCH_SYNC) == 0;
	for (i = 0; i < 3; i++) {
		if (have_mte)
			mprotect_rows(ns[i]);
		else
			bench_skip("mprotect_mte", "tagged", "no MTE");
	}
	for (i = 0; i < 3; i++) {
		munmap_row(ns[i], 0);
		if (have_mte)
			munmap_row(ns[i], 1);
	}
	return (0);
}
