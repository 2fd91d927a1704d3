/*
 * In-kernel tests of the pmap: when memory runs out, every allocation of
 * a page-table page (a user root table, a user table under pmap_enter, a
 * kernel table under pmap_kenter) fails with ENOMEM, and everything works
 * again once memory is back; a 2 MiB block's one pv entry is split by
 * demotion and merged by promotion; the pv chunk pool's pages are counted;
 * a list of pages is unmapped in one pass, and a whole run mapped by a
 * block leaves its object as one reservation freed.
 */
#include "sys/systm.h"
#include "sys/errno.h"
#include "sys/kern_test.h"
#include "sys/param.h"
#include "sys/proc.h"
#include "vm/vm.h"
#include "vm/vm_object.h"
#include "vm/vm_page.h"
#include "vm/vm_phys.h"
#include "vm/vm_reserv.h"
#include "vm/pmap.h"
#include "machine/md.h"
#include "machine/pmap.h"
#include "machine/pte.h"
#include "machine/vmparam.h"

/* Enough 2 MiB regions to drain the boot pool of kernel table pages. */
#define FRESH_REGIONS	64

/* Take every free page; returns them chained through their first word. */
static struct vm_page *
hoard_all(void)
{
	struct vm_page *list = NULL, *m;

	while ((m = vm_phys_alloc_pages(0)) != NULL) {
		*(struct vm_page **)vm_page_to_dmap(m) = list;
		list = m;
	}
	return (list);
}

/* Give back the pages hoard_all() took. */
static void
unhoard(struct vm_page *list)
{
	struct vm_page *next;

	for (; list != NULL; list = next) {
		next = *(struct vm_page **)vm_page_to_dmap(list);
		vm_phys_free_pages(list, 0);
	}
}

/*
 * A page address in the top GiB of KVA, which kernel stacks never reach,
 * in a 2 MiB region of its own: mapping it needs a new L3 table.
 */
static vm_offset_t
fresh_kva(int region)
{
	return (KVA_MAX_ADDRESS - L1_SIZE +
	    (vm_offset_t)(region + 1) * L2_SIZE);
}

KERN_TEST(pmap_out_of_memory_is_an_errno)
{
	struct pmap pmap, other;
	struct vm_page *hoard, *m;
	struct thread *td;
	int pinit_error, enter_error, kenter_error = 0;
	int mapped = 0, i;

	m = vm_phys_alloc_pages(0);
	KT_ASSERT(m != NULL);
	KT_ASSERT_EQ(pmap_pinit(&pmap), 0);

	hoard = hoard_all();
	pinit_error = pmap_pinit(&other);
	/* L1, L2 and L3 tables are missing under a fresh root. */
	enter_error = pmap_enter(&pmap, 0x40000000, m, VM_PROT_READ, 0);
	td = thread_alloc(NULL);
	/* The boot pool may still hold a few table pages: drain it. */
	for (i = 0; i < FRESH_REGIONS && kenter_error == 0; i++) {
		kenter_error = pmap_kenter(fresh_kva(i), VM_PAGE_TO_PHYS(m));
		if (kenter_error == 0)
			mapped++;
	}
	unhoard(hoard);

	if (pinit_error == 0)
		pmap_release(&other);
	for (i = 0; i < mapped; i++)
		pmap_kremove(fresh_kva(i));
	if (td != NULL)
		thread_free(td);
	KT_ASSERT_EQ(pinit_error, ENOMEM);
	KT_ASSERT_EQ(enter_error, ENOMEM);
	KT_ASSERT(td == NULL);
	KT_ASSERT_EQ(kenter_error, ENOMEM);
	KT_ASSERT_EQ(pmap_extract(&pmap, 0x40000000), 0);

	/* With memory back, the same calls succeed. */
	KT_ASSERT_EQ(pmap_enter(&pmap, 0x40000000, m, VM_PROT_READ, 0), 0);
	KT_ASSERT_EQ(pmap_extract(&pmap, 0x40000123),
	    VM_PAGE_TO_PHYS(m) + 0x123);
	pmap_remove(&pmap, 0x40000000, 0x40001000);
	pmap_release(&pmap);
	KT_ASSERT_EQ(pmap_pinit(&other), 0);
	pmap_release(&other);
	KT_ASSERT_EQ(pmap_kenter(fresh_kva(mapped), VM_PAGE_TO_PHYS(m)), 0);
	KT_ASSERT_EQ(pmap_kextract(fresh_kva(mapped) + 0x10),
	    VM_PAGE_TO_PHYS(m) + 0x10);
	pmap_kremove(fresh_kva(mapped));
	KT_ASSERT_EQ(pmap_kextract(fresh_kva(mapped)), 0);
	td = thread_alloc(NULL);
	KT_ASSERT(td != NULL);
	thread_free(td);
	vm_phys_free_pages(m, 0);
}

/*
 * A fresh zeroed 2 MiB run of pages in obj at index 0, as a superpage
 * fault takes it, or NULL if there is none free.
 */
static struct vm_page *
pmap_test_run(struct vm_object *obj)
{
	struct vm_page *m;

	vm_object_lock(obj);
	m = vm_page_alloc_run(obj, 0, VM_ALLOC_ZERO);
	vm_object_unlock(obj);
	return (m);
}

#define PV_COUNT()	(pmap_superpage_counters.pv_entries)

/*
 * A 2 MiB block has one pv entry, whoever maps it.  Demotion splits it
 * into one per page, so pmap_remove_all of one page of a run mapped by
 * blocks in two address spaces demotes both and removes exactly that
 * page's two mappings; entering the page again completes the 512 entries
 * and promotion merges the pv entries back into one.  The run's data are
 * zero (pmap_zero_run, one pass).
 */
KERN_TEST(pmap_block_pv_split_on_demotion)
{
	const vm_offset_t va = 0x40000000, vb = 0x80200000;
	const vm_prot_t rw = VM_PROT_READ | VM_PROT_WRITE;
	struct vm_object *obj;
	struct vm_page *m;
	struct pmap a, b;
	u_long pv0, dem0, pro0, i;
	uint64_t *w;

	obj = vm_object_allocate_anon(VM_LEVEL_0_NPAGES);
	KT_ASSERT(obj != NULL);
	if ((m = pmap_test_run(obj)) == NULL) {
		vm_object_deallocate(obj);
		KT_SKIP("no free 2 MiB run");
	}
	for (i = 0; i < VM_LEVEL_0_NPAGES; i++) {
		w = vm_page_to_dmap(&m[i]);
		KT_ASSERT(w[0] == 0 && w[PAGE_SIZE / 8 - 1] == 0);
	}
	KT_ASSERT_EQ(pmap_pinit(&a), 0);
	KT_ASSERT_EQ(pmap_pinit(&b), 0);
	pv0 = PV_COUNT();
	dem0 = pmap_superpage_counters.l2_demotions;
	pro0 = pmap_superpage_counters.l2_promotions;

	KT_ASSERT_EQ(pmap_enter_l2(&a, va, m, rw), 0);
	KT_ASSERT_EQ(PV_COUNT(), pv0 + 1);
	KT_ASSERT_EQ(pmap_enter_l2(&b, vb, m, rw), 0);
	KT_ASSERT_EQ(PV_COUNT(), pv0 + 2);
	KT_ASSERT_EQ(pmap_extract(&a, va + ptoa(5) + 8),
	    VM_PAGE_TO_PHYS(&m[5]) + 8);

	pmap_remove_all(&m[5]);
	KT_ASSERT_EQ(pmap_superpage_counters.l2_demotions, dem0 + 2);
	KT_ASSERT_EQ(PV_COUNT(), pv0 + 2 * (VM_LEVEL_0_NPAGES - 1));
	KT_ASSERT_EQ(pmap_extract(&a, va + ptoa(5)), 0);
	KT_ASSERT_EQ(pmap_extract(&b, vb + ptoa(5)), 0);
	for (i = 0; i < VM_LEVEL_0_NPAGES; i++) {
		if (i == 5)
			continue;
		KT_ASSERT_EQ(pmap_extract(&a, va + ptoa(i) + 16),
		    VM_PAGE_TO_PHYS(&m[i]) + 16);
		KT_ASSERT_EQ(pmap_extract(&b, vb + ptoa(i)),
		    VM_PAGE_TO_PHYS(&m[i]));
	}
	KT_ASSERT_EQ(a.pm_resident, VM_LEVEL_0_NPAGES - 1);

	/* The run is complete again in a: promoted, one pv entry. */
	KT_ASSERT_EQ(pmap_enter(&a, va + ptoa(5), &m[5], rw, 0), 0);
	KT_ASSERT_EQ(pmap_superpage_counters.l2_promotions, pro0 + 1);
	KT_ASSERT_EQ(PV_COUNT(), pv0 + 1 + (VM_LEVEL_0_NPAGES - 1));
	KT_ASSERT_EQ(pmap_extract(&a, va + ptoa(5)), VM_PAGE_TO_PHYS(&m[5]));

	pmap_remove(&a, va, va + L2_SIZE);
	KT_ASSERT_EQ(PV_COUNT(), pv0 + VM_LEVEL_0_NPAGES - 1);
	pmap_remove(&b, vb, vb + L2_SIZE);
	KT_ASSERT_EQ(PV_COUNT(), pv0);
	KT_ASSERT_EQ(a.pm_resident + b.pm_resident, 0);
	pmap_release(&a);
	pmap_release(&b);
	vm_object_deallocate(obj);
}

#define PC_COUNT()	(pmap_superpage_counters.pv_chunks)

/*
 * Fill pages[0 .. n) with single pages from vm_phys: true if there were
 * n free, else false with none kept.
 */
static bool
pages_take(struct vm_page **pages, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		if ((pages[i] = vm_phys_alloc_pages(0)) == NULL) {
			while (i-- > 0)
				vm_phys_free_pages(pages[i], 0);
			return (false);
		}
	}
	return (true);
}

/* Give pages[0 .. n), which pages_take filled, back to vm_phys. */
static void
pages_give(struct vm_page **pages, int n)
{
	int i;

	for (i = 0; i < n; i++)
		vm_phys_free_pages(pages[i], 0);
}

/*
 * pv entries come from page-sized chunks (pmap_pv_alloc): mapping 300
 * pages takes three chunks, and unmapping them gives every chunk page
 * back to vm_phys but at most the one kept for the next fault, with no
 * pv entry left over.  vm.pmap.pc_chunk_count counts the chunk pages, so
 * free pages plus chunk pages come back exactly.
 */
KERN_TEST(pmap_pv_chunks_return_pages)
{
	const vm_prot_t rw = VM_PROT_READ | VM_PROT_WRITE;
	const vm_offset_t base = 0x40000000;
	enum { NPAGES = 300 };
	struct vm_page *pages[NPAGES];
	struct pmap pmap;
	u_long free0, pv0, pc0;
	int i;

	if (!pages_take(pages, NPAGES))
		KT_SKIP("not enough free pages");
	pv0 = PV_COUNT();
	free0 = vm_phys_free_count();
	pc0 = PC_COUNT();
	KT_ASSERT_EQ(pmap_pinit(&pmap), 0);
	for (i = 0; i < NPAGES; i++)
		KT_ASSERT_EQ(pmap_enter(&pmap, base + ptoa(i), pages[i],
		    rw, 0), 0);
	KT_ASSERT_EQ(PV_COUNT(), pv0 + NPAGES);
	/* Tables and at least two fresh chunks came from vm_phys. */
	KT_ASSERT(PC_COUNT() >= pc0 + 2);
	KT_ASSERT(vm_phys_free_count() + 2 < free0);
	for (i = 0; i < NPAGES; i++)
		KT_ASSERT_EQ(pmap_extract(&pmap, base + ptoa(i)),
		    VM_PAGE_TO_PHYS(pages[i]));
	pmap_remove(&pmap, base, base + ptoa(NPAGES));
	KT_ASSERT_EQ(PV_COUNT(), pv0);
	KT_ASSERT_EQ(pmap.pm_resident, 0);
	pmap_release(&pmap);
	/* The tables are freed with the pmap; one chunk may stay. */
	KT_ASSERT(PC_COUNT() <= pc0 + 1);
	KT_ASSERT_EQ(vm_phys_free_count() + PC_COUNT(), free0 + pc0);
	pages_give(pages, NPAGES);
}

/*
 * The pv chunk pool keeps more than its one empty chunk when long-lived
 * mappings hold entries in several chunks: map 378 pages (three chunks'
 * worth), unmap all but every 63rd, and each chunk filled by the mapping
 * still holds two of the six entries left.  No page is lost: free pages
 * plus vm.pmap.pc_chunk_count do not move, and after the last unmap they
 * are back where they started.  A leak check counting free pages alone
 * (seqfuzz's did) sees such held chunk pages as lost.
 */
KERN_TEST(pmap_pv_chunks_counted_when_fragmented)
{
	const vm_prot_t rw = VM_PROT_READ | VM_PROT_WRITE;
	const vm_offset_t base = 0x40000000;
	enum { NPAGES = 378, KEEP_EVERY = 63 };
	struct vm_page *pages[NPAGES];
	struct pmap pmap;
	u_long free0, pc0, pv0, free_mapped, pc_mapped;
	int i;

	if (!pages_take(pages, NPAGES))
		KT_SKIP("not enough free pages");
	pv0 = PV_COUNT();
	free0 = vm_phys_free_count();
	pc0 = PC_COUNT();
	KT_ASSERT_EQ(pmap_pinit(&pmap), 0);
	for (i = 0; i < NPAGES; i++)
		KT_ASSERT_EQ(pmap_enter(&pmap, base + ptoa(i), pages[i],
		    rw, 0), 0);
	free_mapped = vm_phys_free_count();
	pc_mapped = PC_COUNT();
	/* Every fresh chunk but the last took 126 entries in a row. */
	KT_ASSERT(pc_mapped >= pc0 + 2);
	for (i = 0; i < NPAGES; i++)
		if (i % KEEP_EVERY != 0)
			pmap_remove(&pmap, base + ptoa(i),
			    base + ptoa(i + 1));
	KT_ASSERT_EQ(PV_COUNT(), pv0 + NPAGES / KEEP_EVERY);
	KT_ASSERT(PC_COUNT() >= pc_mapped - 1);
	KT_ASSERT_EQ(vm_phys_free_count() + PC_COUNT(),
	    free_mapped + pc_mapped);
	pmap_remove(&pmap, base, base + ptoa(NPAGES));
	KT_ASSERT_EQ(PV_COUNT(), pv0);
	pmap_release(&pmap);
	KT_ASSERT(PC_COUNT() <= pc0 + 1);
	KT_ASSERT_EQ(vm_phys_free_count() + PC_COUNT(), free0 + pc0);
	pages_give(pages, NPAGES);
}

/*
 * The other two ways a block is split split its pv entry too: pmap_enter
 * of one page under a block with other permissions (demoted in its one
 * walk), and pmap_protect_mte over part of a block.  After each the 512
 * pages have one pv entry each, which pmap_remove_all of a page then
 * finds (it panics on a missing one), and unmapping frees them all.
 */
KERN_TEST(pmap_block_pv_split_by_enter_and_protect_mte)
{
	const vm_offset_t va = 0x40000000;
	const vm_prot_t rw = VM_PROT_READ | VM_PROT_WRITE;
	struct vm_object *obj;
	struct vm_page *m;
	struct pmap a;
	u_long pv0, dem0, i;

	obj = vm_object_allocate_anon(VM_LEVEL_0_NPAGES);
	KT_ASSERT(obj != NULL);
	if ((m = pmap_test_run(obj)) == NULL) {
		vm_object_deallocate(obj);
		KT_SKIP("no free 2 MiB run");
	}
	KT_ASSERT_EQ(pmap_pinit(&a), 0);
	pv0 = PV_COUNT();
	dem0 = pmap_superpage_counters.l2_demotions;

	KT_ASSERT_EQ(pmap_enter_l2(&a, va, m, rw), 0);
	KT_ASSERT_EQ(PV_COUNT(), pv0 + 1);
	KT_ASSERT_EQ(pmap_enter(&a, va + ptoa(7), &m[7], VM_PROT_READ, 0), 0);
	KT_ASSERT_EQ(pmap_superpage_counters.l2_demotions, dem0 + 1);
	KT_ASSERT_EQ(PV_COUNT(), pv0 + VM_LEVEL_0_NPAGES);
	for (i = 0; i < VM_LEVEL_0_NPAGES; i++)
		KT_ASSERT_EQ(pmap_extract(&a, va + ptoa(i)),
		    VM_PAGE_TO_PHYS(&m[i]));
	pmap_remove_all(&m[300]);
	KT_ASSERT_EQ(PV_COUNT(), pv0 + VM_LEVEL_0_NPAGES - 1);
	pmap_remove(&a, va, va + L2_SIZE);
	KT_ASSERT_EQ(PV_COUNT(), pv0);

	KT_ASSERT_EQ(pmap_enter_l2(&a, va, m, rw), 0);
	KT_ASSERT_EQ(PV_COUNT(), pv0 + 1);
	pmap_protect_mte(&a, va, va + ptoa(16), VM_PROT_READ);
	KT_ASSERT_EQ(pmap_superpage_counters.l2_demotions, dem0 + 2);
	KT_ASSERT_EQ(PV_COUNT(), pv0 + VM_LEVEL_0_NPAGES);
	KT_ASSERT_EQ(pmap_extract(&a, va + ptoa(3)), VM_PAGE_TO_PHYS(&m[3]));
	KT_ASSERT_EQ(pmap_extract(&a, va + ptoa(400)),
	    VM_PAGE_TO_PHYS(&m[400]));
	pmap_remove_all(&m[3]);
	pmap_remove_all(&m[400]);
	KT_ASSERT_EQ(PV_COUNT(), pv0 + VM_LEVEL_0_NPAGES - 2);
	pmap_remove(&a, va, va + L2_SIZE);
	KT_ASSERT_EQ(PV_COUNT(), pv0);
	KT_ASSERT_EQ(a.pm_resident, 0);
	pmap_release(&a);
	vm_object_deallocate(obj);
}

/*
 * pmap_remove_all_list takes every mapping of a list of pages in one
 * pass: a run mapped by a block in one address space and, for two of its
 * pages, by L3 entries in another; the block is demoted once and every
 * entry goes, pv entries with it.  Then the same run, mapped by a block
 * again, leaves its object by an object range removal with the block
 * still in place (vm_page_free_range unmaps it): the reservation is freed
 * whole, not broken, and no pv entry or page is left behind.
 */
KERN_TEST(pmap_remove_all_list_and_whole_run_free)
{
	const vm_offset_t va = 0x40000000, vb = 0x80200000;
	const vm_prot_t rw = VM_PROT_READ | VM_PROT_WRITE;
	struct vm_object *obj;
	struct vm_page *m;
	struct pmap a, b;
	u_long pv0, dem0, freed0, broken0, i;

	obj = vm_object_allocate_anon(VM_LEVEL_0_NPAGES);
	KT_ASSERT(obj != NULL);
	if ((m = pmap_test_run(obj)) == NULL) {
		vm_object_deallocate(obj);
		KT_SKIP("no free 2 MiB run");
	}
	KT_ASSERT_EQ(pmap_pinit(&a), 0);
	KT_ASSERT_EQ(pmap_pinit(&b), 0);
	pv0 = PV_COUNT();
	dem0 = pmap_superpage_counters.l2_demotions;
	KT_ASSERT_EQ(pmap_enter_l2(&a, va, m, rw), 0);
	KT_ASSERT_EQ(pmap_enter(&b, vb, &m[3], VM_PROT_READ, 0), 0);
	KT_ASSERT_EQ(pmap_enter(&b, vb + ptoa(1), &m[400], VM_PROT_READ, 0),
	    0);
	KT_ASSERT_EQ(PV_COUNT(), pv0 + 3);

	vm_object_lock(obj);
	pmap_remove_all_list(TAILQ_FIRST(&obj->memq));
	vm_object_unlock(obj);
	KT_ASSERT_EQ(pmap_superpage_counters.l2_demotions, dem0 + 1);
	KT_ASSERT_EQ(PV_COUNT(), pv0);
	KT_ASSERT_EQ(a.pm_resident + b.pm_resident, 0);
	for (i = 0; i < VM_LEVEL_0_NPAGES; i += 37)
		KT_ASSERT_EQ(pmap_extract(&a, va + ptoa(i)), 0);
	KT_ASSERT_EQ(pmap_extract(&b, vb), 0);
	KT_ASSERT_EQ(pmap_extract(&b, vb + ptoa(1)), 0);

	KT_ASSERT_EQ(pmap_enter_l2(&a, va, m, rw), 0);
	freed0 = vm_reserv_counters.freed;
	broken0 = vm_reserv_counters.broken;
	vm_object_page_remove(obj, 0, VM_LEVEL_0_NPAGES);
	KT_ASSERT_EQ(vm_reserv_counters.freed, freed0 + 1);
	KT_ASSERT_EQ(vm_reserv_counters.broken, broken0);
	KT_ASSERT_EQ(obj->resident_page_count, 0);
	KT_ASSERT_EQ(PV_COUNT(), pv0);
	KT_ASSERT_EQ(pmap_extract(&a, va), 0);
	KT_ASSERT((vm_page_flags(&m[0]) & PG_FREE) != 0);
	KT_ASSERT((vm_page_flags(&m[VM_LEVEL_0_NPAGES - 1]) & PG_FREE) != 0);
	pmap_release(&a);
	pmap_release(&b);
	vm_object_deallocate(obj);
}
