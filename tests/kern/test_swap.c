/*
 * In-kernel test of the swap pager (swap_pager.c) on the real disk: pages
 * of a fresh anonymous object (tags distinct per granule, one tag, two
 * tags, runs, no tags) paged out with swap_pager_putpages, freed, paged
 * back into fresh pages with swap_pager_getpages; data and tags must be
 * identical, the counters must have moved and every slot be free again.
 * Skipped without a disk; without MTE only the data travels.
 */
#include "sys/systm.h"
#include "sys/kern_test.h"
#include "sys/param.h"
#include "sys/proc.h"
#include "vm/vm.h"
#include "vm/vm_object.h"
#include "vm/vm_page.h"
#include "vm/vm_page_tags.h"
#include "vm/md_tags.h"
#include "vm/swap_pager.h"

#define SWT_PAGES	6
#define SWT_GRANULES	(PAGE_SIZE / MD_TAG_GRANULE_SIZE)

static u_int swt_done, swt_errors;	/* (A) */

/* putpages' done(), in interrupt context. */
static void
swt_done_cb(struct vm_page *m, int error)
{
	if (error != 0)
		__atomic_add_fetch(&swt_errors, 1, __ATOMIC_RELAXED);
	__atomic_add_fetch(&swt_done, 1, __ATOMIC_RELEASE);
}

/* Page i's tag of granule g; -1: page i is not tagged. */
static int
swt_tag(int i, u_int g)
{
	switch (i) {
	case 0:
		return ((g * 7 + 3) & 0xf);	/* distinct neighbours */
	case 1:
		return (9);			/* one tag */
	case 2:
		return (-1);			/* no tags */
	case 3:
		return (g % 2 ? 4 : 11);	/* two tags */
	case 4:
		return ((g / 16) & 0xf);	/* runs */
	default:
		return (-1);
	}
}

static uint8_t
swt_byte(int i, u_int off)
{
	return ((uint8_t)(off * 13 + i * 71 + (off >> 9)));
}

/* Page i's tags in vm_page_tag_save's packed form. */
static void
swt_pack(int i, uint8_t buf[MD_TAG_PAGE_BYTES])
{
	u_int g;

	memset(buf, 0, MD_TAG_PAGE_BYTES);
	for (g = 0; g < SWT_GRANULES; g++)
		buf[g / 2] |= swt_tag(i, g) << (4 * (g % 2));
}

KERN_TEST(swap_pager_round_trip)
{
	uint8_t want[MD_TAG_PAGE_BYTES], got[MD_TAG_PAGE_BYTES];
	struct swap_pager_counters c0 = swap_pager_counters;
	struct vm_page *ma[SWT_PAGES];
	struct vm_object *object;
	uint64_t used0;
	uint8_t *p;
	bool mte, on;
	u_int off, ntagged;
	int before, after, chan, i;

	swap_pager_init();
	if (swap_pager_total() == 0)
		KT_SKIP("no swap disk");
	mte = md_tags_enabled();
	used0 = swap_pager_used();
	object = vm_object_allocate_anon(SWT_PAGES + 8);
	KT_ASSERT(object != NULL);
	ntagged = 0;
	vm_object_lock(object);
	for (i = 0; i < SWT_PAGES; i++) {
		ma[i] = vm_page_alloc(object, i + 3, 0);
		KASSERT(ma[i] != NULL, ("swap_pager_round_trip: no page"));
		p = vm_page_to_dmap(ma[i]);
		for (off = 0; off < PAGE_SIZE; off++)
			p[off] = swt_byte(i, off);
		if (mte && swt_tag(i, 0) >= 0) {
			vm_page_tag_init(ma[i]);
			swt_pack(i, want);
			md_tags_restore_page(ma[i], want);
			ntagged++;
		}
	}
	swt_done = swt_errors = 0;
	KT_ASSERT_EQ(swap_pager_putpages(object, ma, SWT_PAGES, swt_done_cb),
	    0);
	vm_object_unlock(object);
	while (__atomic_load_n(&swt_done, __ATOMIC_ACQUIRE) < SWT_PAGES)
		sleep_on(&chan, NULL, false, 1);
	KT_ASSERT_EQ(swt_errors, 0);
	KT_ASSERT_EQ(swap_pager_counters.pgsout - c0.pgsout, SWT_PAGES);
	KT_ASSERT_EQ(swap_pager_counters.tagged_out - c0.tagged_out, ntagged);
	/*
	 * distinct 128 + one tag 1 + two tags 128 + 16 runs 128: only a
	 * uniform page's record is shorter than raw, and the records after
	 * it lie at odd offsets (129, 257) in the tag block.
	 */
	KT_ASSERT_EQ(swap_pager_counters.tag_bytes_out - c0.tag_bytes_out,
	    mte ? 128 + 1 + 128 + 128 : 0);
	KT_ASSERT_EQ(swap_pager_used(),
	    used0 + (SWT_PAGES + (mte ? 1 : 0)) * PAGE_SIZE);

	vm_object_lock(object);
	for (i = 0; i < SWT_PAGES; i++)
		vm_page_free(ma[i]);
	on = swap_pager_haspage(object, 3, &before, &after);
	for (i = 0; i < SWT_PAGES; i++) {
		ma[i] = vm_page_alloc(object, i + 3, 0);
		KASSERT(ma[i] != NULL, ("swap_pager_round_trip: no page"));
		memset(vm_page_to_dmap(ma[i]), 0xa5, PAGE_SIZE);
	}
	vm_object_unlock(object);
	KT_ASSERT(on);
	KT_ASSERT_EQ(before, 0);
	KT_ASSERT_EQ(after, SWT_PAGES - 1);
	KT_ASSERT_EQ(swap_pager_getpages(object, ma, SWT_PAGES), 0);
	for (i = 0; i < SWT_PAGES; i++) {
		p = vm_page_to_dmap(ma[i]);
		for (off = 0; off < PAGE_SIZE; off++)
			if (p[off] != swt_byte(i, off))
				break;
		KT_ASSERT_EQ(off, PAGE_SIZE);
		KT_ASSERT_EQ(vm_page_tagged(ma[i]), mte && swt_tag(i, 0) >= 0);
		if (!vm_page_tagged(ma[i]))
			continue;
		swt_pack(i, want);
		md_tags_save_page(ma[i], got);
		KT_ASSERT(memcmp(want, got, MD_TAG_PAGE_BYTES) == 0);
	}
	KT_ASSERT_EQ(swap_pager_counters.pgsin - c0.pgsin, SWT_PAGES);
	KT_ASSERT_EQ(swap_pager_counters.tagged_in - c0.tagged_in, ntagged);
	KT_ASSERT_EQ(swap_pager_used(), used0);
	vm_object_lock(object);
	on = swap_pager_haspage(object, 3, NULL, NULL);
	for (i = 0; i < SWT_PAGES; i++)
		vm_page_free(ma[i]);
	vm_object_unlock(object);
	vm_object_deallocate(object);
	KT_ASSERT(!on);
}

#define SWT_CLUSTERS	4
#define SWT_MANY	(SWT_CLUSTERS * SWAP_PAGER_MAXPAGES)

/*
 * Four full clusters queued back to back, several requests in flight and
 * ending on any CPU, then read back a cluster at a time with the
 * read-around haspage offers: every page's data and (with MTE) its tags
 * distinct per granule come back, and every slot is free again.
 */
KERN_TEST(swap_pager_clusters_in_flight)
{
	uint8_t want[MD_TAG_PAGE_BYTES], got[MD_TAG_PAGE_BYTES];
	static struct vm_page *ma[SWT_MANY];
	struct vm_object *object;
	uint64_t used0, *w;
	bool mte, on;
	u_int g, bad;
	int before, after, chan, c, i, error;

	swap_pager_init();
	if (swap_pager_total() == 0)
		KT_SKIP("no swap disk");
	mte = md_tags_enabled();
	used0 = swap_pager_used();
	object = vm_object_allocate_anon(SWT_MANY);
	KT_ASSERT(object != NULL);
	vm_object_lock(object);
	for (i = 0; i < SWT_MANY; i++) {
		ma[i] = vm_page_alloc(object, i, 0);
		KASSERT(ma[i] != NULL, ("swap_pager_clusters_in_flight: "
		    "no page"));
		w = vm_page_to_dmap(ma[i]);
		for (g = 0; g < PAGE_SIZE / 8; g++)
			w[g] = (uint64_t)i << 32 | g;
		if (mte && i % 2 == 0) {
			vm_page_tag_init(ma[i]);
			for (g = 0; g < MD_TAG_PAGE_BYTES; g++)
				want[g] = (uint8_t)(g * 37 + i);
			md_tags_restore_page(ma[i], want);
		}
	}
	swt_done = swt_errors = 0;
	error = 0;
	for (c = 0; c < SWT_CLUSTERS && error == 0; c++)
		error = swap_pager_putpages(object,
		    &ma[c * SWAP_PAGER_MAXPAGES], SWAP_PAGER_MAXPAGES,
		    swt_done_cb);
	vm_object_unlock(object);
	KT_ASSERT_EQ(error, 0);
	while (__atomic_load_n(&swt_done, __ATOMIC_ACQUIRE) < SWT_MANY)
		sleep_on(&chan, NULL, false, 1);
	KT_ASSERT_EQ(swt_errors, 0);

	vm_object_lock(object);
	for (i = 0; i < SWT_MANY; i++)
		vm_page_free(ma[i]);
	on = swap_pager_haspage(object, 0, &before, &after);
	vm_object_unlock(object);
	KT_ASSERT(on);
	KT_ASSERT_EQ(before, 0);
	KT_ASSERT_EQ(after, SWAP_PAGER_MAXPAGES - 1);
	bad = 0;
	for (c = 0; c < SWT_CLUSTERS; c++) {
		vm_object_lock(object);
		for (i = c * SWAP_PAGER_MAXPAGES;
		    i < (c + 1) * SWAP_PAGER_MAXPAGES; i++) {
			ma[i] = vm_page_alloc(object, i, 0);
			KASSERT(ma[i] != NULL,
			    ("swap_pager_clusters_in_flight: no page"));
		}
		vm_object_unlock(object);
		error = swap_pager_getpages(object,
		    &ma[c * SWAP_PAGER_MAXPAGES], SWAP_PAGER_MAXPAGES);
		if (error != 0)
			break;
	}
	KT_ASSERT_EQ(error, 0);
	for (i = 0; i < SWT_MANY; i++) {
		w = vm_page_to_dmap(ma[i]);
		for (g = 0; g < PAGE_SIZE / 8; g++)
			if (w[g] != ((uint64_t)i << 32 | g))
				bad++;
		if (vm_page_tagged(ma[i]) != (mte && i % 2 == 0))
			bad++;
		if (!vm_page_tagged(ma[i]))
			continue;
		for (g = 0; g < MD_TAG_PAGE_BYTES; g++)
			want[g] = (uint8_t)(g * 37 + i);
		md_tags_save_page(ma[i], got);
		if (memcmp(want, got, MD_TAG_PAGE_BYTES) != 0)
			bad++;
	}
	KT_ASSERT_EQ(bad, 0);
	KT_ASSERT_EQ(swap_pager_used(), used0);
	vm_object_lock(object);
	for (i = 0; i < SWT_MANY; i++)
		vm_page_free(ma[i]);
	vm_object_unlock(object);
	vm_object_deallocate(object);
}
