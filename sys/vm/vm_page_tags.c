/*
 * A physical page's memory-tag state, from birth to free: the one owner
 * of PG_TAGGED and PG_TAGBUSY (vm_page.h) and of the tag counters.
 *
 * With Arm MTE every 16-byte granule of memory carries a 4-bit allocation
 * tag.  A page mapped with VM_PROT_MTE gets the Tagged memory attribute,
 * so its tags must be valid before the first Tagged mapping of it can be
 * used: PG_TAGGED says they are (docs/abi.md, kernel invariants 1, 2, 4).
 * A page's tag life, in order:
 *
 *   born	vm_fault() asks vm_page_alloc() for vm_page_tag_alloc_flags()
 *		of the mapping's protection; for a tagged mapping that is
 *		VM_ALLOC_ZERO_TAGS, and vm_page_tag_zero() zeroes data and
 *		tags in one pass and sets PG_TAGGED.
 *   mapped	pmap_enter(), pmap_enter_object() and pmap_protect_mte()
 *		call vm_page_tag_init() before they write a Tagged
 *		descriptor: a page not yet
 *		PG_TAGGED (one faulted in before mprotect added PROT_MTE)
 *		gets tag 0 in every granule, its data kept, exactly once
 *		however many CPUs map it at the same time.
 *   copied	copy-on-write (vm_fault) and INHERIT_COPY (vm_map) call
 *		vm_page_tag_copy(): data, and the tags of a tagged page.
 *   paged	vm_page_tag_save() and vm_page_tag_restore() carry a page's
 *		256 tags through a 128-byte buffer, for a swap pager.
 *   freed	vm_phys_free_pages() calls vm_page_tag_free(): PG_TAGGED is
 *		cleared, so a page's tags never outlive its contents.
 *
 * Losing PROT_MTE (mprotect) changes nothing here: the page is mapped
 * untagged, its tags stay valid in memory and are checked again if
 * PROT_MTE comes back.  The hardware work is vm/md_tags.h's.
 */
#include "sys/systm.h"
#include "sys/param.h"
#include "vm/pmap.h"
#include "vm/vm.h"
#include "vm/vm_page.h"
#include "vm/vm_page_tags.h"
#include "machine/cpufunc.h"

struct vm_page_tag_counters vm_page_tag_counters;

/* Add one to a counter of vm_page_tag_counters. */
static void
vm_page_tag_count(u_long *counter)
{
	__atomic_add_fetch(counter, 1, __ATOMIC_RELAXED);
}

/* Panics unless m is fresh for tags: neither tagged nor being tagged. */
static void
vm_page_tag_assert_fresh(struct vm_page *m, const char *func)
{
	KASSERT((vm_page_flags(m) & (PG_TAGGED | PG_TAGBUSY)) == 0,
	    ("%s: page %#lx already has tag state %#x", func,
	    VM_PAGE_TO_PHYS(m), vm_page_flags(m)));
}

/*
 * The vm_page_alloc() flags for a fresh page a mapping of prot will map:
 * for a tagged mapping, data and tags zeroed together (never zeroed
 * twice, docs/abi.md kernel invariant 4).
 */
int
vm_page_tag_alloc_flags(vm_prot_t prot)
{
	return ((prot & VM_PROT_MTE) != 0 ? VM_ALLOC_ZERO_TAGS :
	    VM_ALLOC_ZERO);
}

/*
 * Publish the tags the caller just stored for m, whose PG_TAGBUSY bit
 * lock it holds, and drop the lock, in one atomic: PG_TAGGED set and
 * PG_TAGBUSY cleared together (release: whoever sees PG_TAGGED with an
 * acquire load also sees the tags).  Not counted.
 */
static inline void
vm_page_tag_publish_unlock(struct vm_page *m, int order)
{
	uint16_t old;

	old = __atomic_fetch_xor(&m->flags, (uint16_t)(PG_TAGGED |
	    PG_TAGBUSY), order);
	KASSERT((old & (PG_TAGGED | PG_TAGBUSY)) == PG_TAGBUSY,
	    ("%s: page %#lx had tag state %#x", __func__,
	    VM_PAGE_TO_PHYS(m), old));
	(void)old;
}

/* Take m's PG_TAGBUSY bit lock; returns m's flags from before. */
static inline uint16_t
vm_page_tag_lock(struct vm_page *m)
{
	uint16_t f;

	while (((f = __atomic_fetch_or(&m->flags, PG_TAGBUSY,
	    __ATOMIC_ACQUIRE)) & PG_TAGBUSY) != 0)
		cpu_spinwait();
	return (f);
}

/*
 * Make one managed page's tags valid, race-free.  PG_TAGGED set (acquire)
 * means done.  Otherwise take the page's PG_TAGBUSY bit lock; the holder
 * that still finds PG_TAGGED clear stores tag 0 in every granule (the
 * primitive returns with the stores visible: DSB ISH), then publishes
 * PG_TAGGED and drops the bit in one release.  So of CPUs mapping the
 * page at once exactly one initialises it, and none returns before its
 * tags are visible and PG_TAGGED is set.
 */
static void
vm_page_tag_init_page(struct vm_page *m)
{
	if (vm_page_tagged(m))
		return;
	vm_page_tag_init_slow(m);
}

/*
 * vm_page_tag_init_page once PG_TAGGED was found clear: apart, so that
 * the common case (a page already tagged: every page-in, every mapping
 * after the first) is a flag test with no stack frame, inline in the
 * caller (vm_page_tag_init, vm_page_tags.h).
 */
void
vm_page_tag_init_slow(struct vm_page *m)
{
	KASSERT(md_tags_enabled(), ("%s: no tag storage", __func__));
	KASSERT((vm_page_flags(m) & PG_FREE) == 0 && m->object != NULL,
	    ("%s: page %#lx is not managed", __func__, VM_PAGE_TO_PHYS(m)));
	if ((vm_page_tag_lock(m) & PG_TAGGED) == 0) {
		md_tags_clear_page(m);
		vm_page_tag_publish_unlock(m, __ATOMIC_RELEASE);
		vm_page_tag_count(&vm_page_tag_counters.initialised);
	} else {
		__atomic_fetch_and(&m->flags, (uint16_t)~PG_TAGBUSY,
		    __ATOMIC_RELEASE);
	}
}

/* The AND of the flags of the eight pages at p (plain loads). */
static inline uint16_t
vm_page_flags_and8(struct vm_page *p)
{
	return (vm_page_flags(&p[0]) & vm_page_flags(&p[1]) &
	    vm_page_flags(&p[2]) & vm_page_flags(&p[3]) &
	    vm_page_flags(&p[4]) & vm_page_flags(&p[5]) &
	    vm_page_flags(&p[6]) & vm_page_flags(&p[7]));
}

/* Clear PG_TAGGED on the eight pages at p, all tagged (being freed). */
static inline void
vm_page_tag_clear8(struct vm_page *p)
{
	vm_page_flag_clear(&p[0], PG_TAGGED);
	vm_page_flag_clear(&p[1], PG_TAGGED);
	vm_page_flag_clear(&p[2], PG_TAGGED);
	vm_page_flag_clear(&p[3], PG_TAGGED);
	vm_page_flag_clear(&p[4], PG_TAGGED);
	vm_page_flag_clear(&p[5], PG_TAGGED);
	vm_page_flag_clear(&p[6], PG_TAGGED);
	vm_page_flag_clear(&p[7], PG_TAGGED);
}

/*
 * True if every one of the npages pages at m is PG_TAGGED, their tag
 * stores then visible (one acquire fence for the run).  The flags are
 * ANDed sixteen pages a step with plain loads: a superpage's check costs
 * little more than two instructions a page, not a locked test each.
 */
static bool
vm_page_tag_run_tagged(struct vm_page *m, u_long npages)
{
	struct vm_page *p = m, *end = m + npages;
	uint16_t all = PG_TAGGED;

	for (; end - p >= 16; p += 16)
		all &= vm_page_flags_and8(p) & vm_page_flags_and8(p + 8);
	for (; p < end; p++)
		all &= vm_page_flags(p);
	if ((all & PG_TAGGED) == 0)
		return (false);
	__atomic_thread_fence(__ATOMIC_ACQUIRE);
	return (true);
}

/*
 * vm_page_tag_init for the npages physically contiguous pages starting at
 * m (consecutive in their vm_page array, so in one RAM segment): what a
 * superpage needs before its block or contiguous-run mapping is
 * installed (docs/abi.md kernel invariant 3), and what mprotect adding
 * PROT_MTE needs for each physically contiguous stretch it maps.  A run
 * whose pages are all tagged already (a run born tagged,
 * vm_page_tag_zero_run, or pages each mapped Tagged before a promotion)
 * is checked in one pass.  Otherwise every page's PG_TAGBUSY bit lock is
 * taken, in ascending order (two runs that overlap take theirs in the
 * same order, and vm_page_tag_init_page holds one lock and waits for
 * none, so none can deadlock); if no page was tagged, one STGM pass
 * clears the run's tags (mprotect of untagged resident memory), else
 * each untagged page is cleared alone; then each page's tags are
 * published and its lock dropped in one atomic.  Tags stay per 4 KiB
 * page, so promotion and demotion keep them.
 */
void
vm_page_tag_init_run(struct vm_page *m, u_long npages)
{
	u_long i, tagged = 0;

	KASSERT(npages > 0, ("%s: empty run at page %#lx", __func__,
	    VM_PAGE_TO_PHYS(m)));
	if (npages == 1) {
		vm_page_tag_init_page(m);
		return;
	}
	vm_page_tag_count(&vm_page_tag_counters.init_runs);
	if (vm_page_tag_run_tagged(m, npages))
		return;
	KASSERT(md_tags_enabled(), ("%s: no tag storage", __func__));
	KASSERT((vm_page_flags(m) & PG_FREE) == 0 && m->object != NULL,
	    ("%s: page %#lx is not managed", __func__, VM_PAGE_TO_PHYS(m)));
	for (i = 0; i < npages; i++)
		if ((vm_page_tag_lock(&m[i]) & PG_TAGGED) != 0)
			tagged++;
	if (tagged == 0) {
		md_tags_clear_run(m, npages);
		/* Ordered once here, the stores below need not be. */
		__atomic_thread_fence(__ATOMIC_RELEASE);
		for (i = 0; i < npages; i++)
			vm_page_tag_publish_unlock(&m[i], __ATOMIC_RELAXED);
	} else {
		for (i = 0; i < npages; i++) {
			if ((vm_page_flags(&m[i]) & PG_TAGGED) != 0) {
				__atomic_fetch_and(&m[i].flags,
				    (uint16_t)~PG_TAGBUSY, __ATOMIC_RELEASE);
				continue;
			}
			md_tags_clear_page(&m[i]);
			vm_page_tag_publish_unlock(&m[i], __ATOMIC_RELEASE);
		}
	}
	__atomic_add_fetch(&vm_page_tag_counters.initialised, npages - tagged,
	    __ATOMIC_RELAXED);
}

/*
 * Set PG_TAGGED on the eight fresh pages at p (relaxed: the run's caller
 * fences once, vm_page_tag_zero_run).
 */
static inline void
vm_page_tag_set8(struct vm_page *p)
{
	vm_page_flag_set(&p[0], PG_TAGGED);
	vm_page_flag_set(&p[1], PG_TAGGED);
	vm_page_flag_set(&p[2], PG_TAGGED);
	vm_page_flag_set(&p[3], PG_TAGGED);
	vm_page_flag_set(&p[4], PG_TAGGED);
	vm_page_flag_set(&p[5], PG_TAGGED);
	vm_page_flag_set(&p[6], PG_TAGGED);
	vm_page_flag_set(&p[7], PG_TAGGED);
}

/*
 * vm_page_tag_zero for a fresh run of npages physically contiguous pages
 * at m (a whole superpage reservation just taken from vm_phys, whose
 * free pages have no tag state: vm_page_tag_free), before any of them is
 * shared: data and tags zeroed in one pass over the run with one barrier,
 * then every page's PG_TAGGED set, sixteen pages a step, and the counters
 * added to once.  The release fence orders the tags before the flags, for
 * whoever reads them with vm_page_tagged once the pages are shared (under
 * the object's lock, then through the mapping).  Counted once in
 * init_runs.
 */
void
vm_page_tag_zero_run(struct vm_page *m, u_long npages)
{
	struct vm_page *p = m, *end = m + npages;

	if (!md_tags_enabled()) {
		pmap_zero_run(m, npages);
		return;
	}
	vm_page_tag_assert_fresh(m, __func__);
	vm_page_tag_assert_fresh(end - 1, __func__);
	md_tags_zero_run(m, npages);
	__atomic_thread_fence(__ATOMIC_RELEASE);
	for (; end - p >= 16; p += 16) {
		vm_page_tag_set8(p);
		vm_page_tag_set8(p + 8);
	}
	for (; p < end; p++)
		vm_page_flag_set(p, PG_TAGGED);
	__atomic_add_fetch(&vm_page_tag_counters.zeroed, npages,
	    __ATOMIC_RELAXED);
	vm_page_tag_count(&vm_page_tag_counters.init_runs);
}

/*
 * Pages whose tags became valid since boot, any way: the sum of the four
 * ways, added here rather than counted a second time on every path.
 */
u_long
vm_page_tag_valid_count(void)
{
	return (__atomic_load_n(&vm_page_tag_counters.initialised,
	    __ATOMIC_RELAXED) + __atomic_load_n(&vm_page_tag_counters.zeroed,
	    __ATOMIC_RELAXED) + __atomic_load_n(&vm_page_tag_counters.copied,
	    __ATOMIC_RELAXED) + __atomic_load_n(&vm_page_tag_counters.restored,
	    __ATOMIC_RELAXED));
}

/* Count n pages whose tags vm_page_tag_save saved. */
void
vm_page_tag_saved(u_long n)
{
	__atomic_add_fetch(&vm_page_tag_counters.saved, n, __ATOMIC_RELAXED);
}

/*
 * Give ma[0..n), fresh pages being paged in (their data already there),
 * the tags vm_page_tag_save put in bufs[0..n) (any alignment: the swap
 * pager passes each record where it lies in its read buffer), and set
 * their PG_TAGGED, before any is mapped.  The one routine that makes a
 * paged-in page's tags valid.  A run, so the cost of a page is its STGM
 * loop and its flag: the primitive makes every page's stores visible
 * with one DSB ISH, one release fence orders them before all the flags
 * (whoever sees PG_TAGGED with an acquire load also sees the tags), and
 * the counters are added to once.  Tags were saved, so tag storage is
 * there (vm_page_tag_save saves only a PG_TAGGED page).
 */
void
vm_page_tag_restore(struct vm_page **ma, const uint8_t *const *bufs, int n)
{
	int i;

	uint16_t old;

	if (n == 0)
		return;
	md_tags_restore_run(ma, bufs, n);
	__atomic_thread_fence(__ATOMIC_RELEASE);
	for (i = 0; i < n; i++) {
		/* Fresh pages: the check rides on the flag's own atomic. */
		old = __atomic_fetch_or(&ma[i]->flags, PG_TAGGED,
		    __ATOMIC_RELAXED);
		KASSERT((old & (PG_TAGGED | PG_TAGBUSY)) == 0,
		    ("%s: page %#lx already had tag state %#x", __func__,
		    VM_PAGE_TO_PHYS(ma[i]), old));
	}
	__atomic_add_fetch(&vm_page_tag_counters.restored, n,
	    __ATOMIC_RELAXED);
}

/*
 * The npages pages at m are being freed: they lose their tag state, so
 * the next owner's first Tagged mapping never trusts stale tags.  No CPU
 * may be initialising them (mappings are made and pages freed under the
 * object lock).  A run (a whole reservation going back to vm_phys) is
 * read eight pages a step with plain loads; only its tagged pages are
 * written, every page of an all-tagged run without a test, and the
 * counter is added to once.
 */
void
vm_page_tag_free(struct vm_page *m, u_long npages)
{
	struct vm_page *p, *end = m + npages;
	uint16_t f, any = 0, all = PG_TAGGED;
	u_long freed = 0;
	int i;

	if (npages == 1) {
		/* One page (vm_phys's per-CPU cache): no run's set-up. */
		f = vm_page_flags(m);
		KASSERT((f & PG_TAGBUSY) == 0,
		    ("%s: page %#lx freed while its tags are initialised",
		    __func__, VM_PAGE_TO_PHYS(m)));
		if ((f & PG_TAGGED) != 0) {
			vm_page_flag_clear(m, PG_TAGGED);
			vm_page_tag_count(&vm_page_tag_counters.freed);
		}
		return;
	}
	for (p = m; end - p >= 8; p += 8) {
		for (i = 0; i < 8; i++) {
			f = vm_page_flags(&p[i]);
			any |= f;
			all &= f;
		}
	}
	for (; p < end; p++) {
		f = vm_page_flags(p);
		any |= f;
		all &= f;
	}
	KASSERT((any & PG_TAGBUSY) == 0,
	    ("%s: a page of the %lu at %#lx freed while its tags are "
	    "initialised", __func__, npages, VM_PAGE_TO_PHYS(m)));
	if ((any & PG_TAGGED) == 0)
		return;
	if ((all & PG_TAGGED) != 0) {
		for (p = m; end - p >= 8; p += 8)
			vm_page_tag_clear8(p);
		for (; p < end; p++)
			vm_page_flag_clear(p, PG_TAGGED);
		freed = npages;
	} else {
		for (p = m; p < end; p++) {
			if ((vm_page_flags(p) & PG_TAGGED) != 0) {
				vm_page_flag_clear(p, PG_TAGGED);
				freed++;
			}
		}
	}
	__atomic_add_fetch(&vm_page_tag_counters.freed, freed,
	    __ATOMIC_RELAXED);
}
