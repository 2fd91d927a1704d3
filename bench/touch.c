/*
 * touch: the first write to each page of a fresh private anonymous
 * mapping (one page fault each, the page zeroed and, when tagged, its
 * tags cleared), per page, for n = 1, 64, 4096 pages and over a 2 MiB and
 * a 64 MiB region aligned to 2 MiB (where superpages would apply).
 * Tag checking is on (SYNC) for the whole process, so the untagged rows
 * differ from the tagged ones only in PROT_MTE.
 */
#include "bench.h"

#define	MB	(1024UL * 1024)

/* One row: map len bytes aligned to align, touch its pages, per page. */
static void
touch_row(const char *row, size_t len, size_t align, int tagged)
{
	uint64_t v[BENCH_ROUNDS], t0;
	char *map, *p;
	size_t n;
	int r;

	n = len / BENCH_PAGE;
	for (r = 0; r < BENCH_ROUNDS; r++) {
		map = bench_map(len + align, tagged);
		if (map == NULL) {
			bench_skip(row, bench_modename(tagged), "mmap failed");
			return;
		}
		p = map;
		if (align != 0)
			p = (char *)(((uintptr_t)map + align - 1) &
			    ~(uintptr_t)(align - 1));
		BENCH_PROF_BEGIN(r);
		t0 = bench_now();
		bench_touch(p, n);
		v[r] = (bench_now() - t0) / n;
		BENCH_PROF_END(r);
		munmap(map, len + align);
	}
	bench_row(row, bench_modename(tagged), n, v);
}

int
main(void)
{
	static const size_t ns[] = { 1, 64, 4096 };
	int have_mte, i, tagged;

	have_mte = bench_mte(BENCH_SYNC) == 0;
	for (tagged = 0; tagged <= 1; tagged++) {
		if (tagged && !have_mte) {
			bench_skip("touch", "tagged", "no MTE");
			continue;
		}
		for (i = 0; i < 3; i++)
			touch_row("touch", ns[i] * BENCH_PAGE, 0, tagged);
		touch_row("touch_2m", 2 * MB, 2 * MB, tagged);
		touch_row("touch_64m", 64 * MB, 2 * MB, tagged);
	}
	return (0);
}
