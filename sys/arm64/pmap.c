/*
 * arm64 pmap: the kernel's own translation tables.
 *
 * pmap_bootstrap() replaces locore's coarse boot tables with the final
 * kernel map: the image at KERNBASE in 4 KiB pages with W^X permissions
 * (text RX, rodata R, data and bss RW, never writable and executable), and
 * the direct map of all RAM at DMAP_MIN_ADDRESS, read/write, never
 * executable, with the Tagged attribute so the kernel can read and write
 * the MTE tags of any page.  Device registers are mapped on demand by
 * pmap_mapdev() in the DEVMAP range.
 */
#include "sys/systm.h"
#include "sys/errno.h"
#include "sys/kernel.h"
#include "sys/param.h"
#include "sys/spinlock.h"
#include "vm/vm.h"
#include "vm/vm_phys.h"
#include "vm/vm_page.h"
#include "vm/vm_page_tags.h"
#include "vm/vm_reserv.h"
#include "machine/cpufunc.h"
#include "machine/pageops.h"
#include "machine/pmap.h"
#include "vm/pmap.h"
#include "machine/pte.h"
#include "machine/vmparam.h"

#define BOOT_PT_PAGES	24

/* Table pages for the kernel map until the page allocator is up. */
static pt_entry_t boot_pt_pool[BOOT_PT_PAGES][Ln_ENTRIES] __aligned(PAGE_SIZE);
static u_int boot_pt_used;
static vm_offset_t kernel_va_offset;	/* KERNBASE - kernel physical base */
static bool pmap_dmap_ready;		/* the direct map is live */
static vm_offset_t devmap_next = DEVMAP_MIN_ADDRESS;
/* Serialises changes to the kernel's tables after boot (pmap_kenter...). */
static struct spinlock kernel_pmap_lock = SPINLOCK_INITIALIZER("kernel_pmap");

vm_paddr_t kernel_l0_pa;

struct pmap_superpage_counters pmap_superpage_counters;
bool pmap_hw_af;		/* the hardware sets access flags */

extern char __kernel_start[], __text_end[], __rodata_end[], __kernel_end[];

#define ATTR_KERN	(ATTR_AF | ATTR_SH_IS | ATTR_UXN)
#define ATTR_KERN_TEXT	(ATTR_KERN | ATTR_AP_RO | ATTR_IDX(VM_MEMATTR_WRITE_BACK))
#define ATTR_KERN_RO	(ATTR_KERN | ATTR_AP_RO | ATTR_PXN | \
			 ATTR_IDX(VM_MEMATTR_WRITE_BACK))
#define ATTR_KERN_RW	(ATTR_KERN | ATTR_PXN | ATTR_IDX(VM_MEMATTR_WRITE_BACK))
#define ATTR_DMAP	(ATTR_KERN | ATTR_PXN | ATTR_IDX(VM_MEMATTR_TAGGED))
#define ATTR_DEVICE	(ATTR_KERN | ATTR_PXN | ATTR_IDX(VM_MEMATTR_DEVICE))

/* The kernel virtual address of the table page at physical address pa. */
static pt_entry_t *
pt_va(vm_paddr_t pa)
{
	if (pmap_dmap_ready)
		return ((pt_entry_t *)PHYS_TO_DMAP(pa));
	return ((pt_entry_t *)(pa + kernel_va_offset));
}

/*
 * A zeroed page for a kernel translation table: from the boot pool while
 * it lasts, then from the page allocator.  0 if memory is short.
 */
static vm_paddr_t
pt_alloc(void)
{
	struct vm_page *m;
	vm_paddr_t pa;

	if (boot_pt_used < BOOT_PT_PAGES)
		return ((vm_offset_t)boot_pt_pool[boot_pt_used++] -
		    kernel_va_offset);
	KASSERT(pmap_dmap_ready, ("pt_alloc: boot table pool exhausted"));
	m = vm_phys_alloc_pages(0);
	if (m == NULL)
		return (0);
	pa = VM_PAGE_TO_PHYS(m);
	memset(pt_va(pa), 0, PAGE_SIZE);
	return (pa);
}

/*
 * Translation tables: 4 KiB granule, 48-bit virtual addresses, four
 * levels (Arm ARM D8.2, "Translation table walk").  Bits 63:48 of an
 * address choose the root: all ones TTBR1 (the kernel), all zeros TTBR0
 * (the running process), except that the MMU ignores a user pointer's top
 * byte (TCR_EL1.TBI0), where MTE keeps its tag.  The rest is four 9-bit
 * table indexes and the offset in the page:
 *
 *   63    56 55  48 47    39 38    30 29    21 20    12 11        0
 *  +--------+------+--------+--------+--------+--------+-----------+
 *  |  tag   | TTBR |   L0   |   L1   |   L2   |   L3   |  offset   |
 *  +--------+------+--------+--------+--------+--------+-----------+
 *
 * Each table is one page of 512 descriptors.  L0-L2 entries point to the
 * next table; an L1 entry may instead map a 1 GiB block and an L2 entry a
 * 2 MiB block; an L3 entry maps a 4 KiB page (D8.3, "Translation table
 * descriptor formats"):
 *
 *   54  53  52  51  48 47          12 11  10  9:8  7:6   5   4:2    1:0
 *  +---+---+----+-----+--------------+---+---+----+----+---+------+----+
 *  |UXN|PXN|Cont| res | output addr  |nG |AF | SH | AP |NS |AttrIx|type|
 *  +---+---+----+-----+--------------+---+---+----+----+---+------+----+
 *
 * type (ATTR_DESCR_MASK): 0bx0 invalid, 0b01 block (L1/L2), 0b11 table
 * (L0-L2) or page (L3).  AP[2:1]: 00 EL1 RW, 01 EL1+EL0 RW, 10 EL1 RO,
 * 11 EL1+EL0 RO.  AttrIndx picks a MAIR_EL1 attribute (VM_MEMATTR_*).
 * A table entry carries only the next table's address and the type.
 *
 * pmap_walk() is the one walker, for the kernel's tables and every user
 * pmap alike.
 */

/*
 * Follow va from the root table at physical address root down to the
 * entry at level *levelp (0-3) and return a pointer to it.  A missing
 * table on the way is taken from alloc() (a zeroed page, 0 if none), or,
 * with alloc NULL, the walk stops there.  The walk also stops at a block.
 * On an early stop the entry reached (invalid, or a block) is returned
 * and *levelp set to its level: Ln_SIZE(*levelp) bytes around va are
 * unmapped, or mapped by that block, so a caller scanning a range can
 * skip all of them in one step.  NULL only if alloc() found no memory
 * (the tables allocated so far stay, empty).
 */
static pt_entry_t *
pmap_walk(vm_paddr_t root, vm_offset_t va, int *levelp,
    vm_paddr_t (*alloc)(void))
{
	pt_entry_t *table = pt_va(root), *pte;
	vm_paddr_t pa;
	int l;

	KASSERT(*levelp >= 0 && *levelp < PTE_LEVELS,
	    ("pmap_walk: bad level %d", *levelp));
	for (l = 0;; l++) {
		pte = &table[pmap_ln_index(va, l)];
		if (l == *levelp)
			return (pte);
		if ((*pte & ATTR_DESCR_MASK) != Ln_TABLE) {
			if (alloc == NULL || (*pte & ATTR_DESCR_VALID) != 0) {
				*levelp = l;
				return (pte);
			}
			if ((pa = alloc()) == 0)
				return (NULL);
			/* Other CPUs' walks must see the zeroes first. */
			dsb(ishst);
			*pte = pa | Ln_TABLE;
		}
		table = pt_va(*pte & ATTR_ADDR_MASK);
	}
}

/*
 * The kernel map's entry for va at the given level (1, 2 or 3), creating
 * the tables above it; NULL if there was no memory for one.  A block in
 * the way is a kernel bug: kernel ranges never overlap.
 */
static pt_entry_t *
pmap_kwalk(vm_offset_t va, int level)
{
	pt_entry_t *pte;
	int l = level;

	pte = pmap_walk(kernel_l0_pa, va, &l, pt_alloc);
	KASSERT(pte == NULL || l == level,
	    ("pmap_kwalk: block at level %d over va %#lx", l, va));
	return (pte);
}

/*
 * The kernel map's leaf descriptor for va and its level (1 for a 1 GiB
 * block, 2 for 2 MiB, 3 for a page), or 0 if va is unmapped.
 */
static pt_entry_t
pmap_klookup(vm_offset_t va, int *level)
{
	pt_entry_t *pte;
	int l = 3;

	pte = pmap_walk(kernel_l0_pa, va, &l, NULL);
	if ((*pte & ATTR_DESCR_VALID) == 0)
		return (0);
	*level = l;
	return (*pte);
}

/*
 * Map [va, va + size) to [pa, pa + size) with attr, using the largest
 * blocks the alignment of va, pa and the remaining size allow.  Only for
 * the boot map and device registers, mapped while the kernel starts:
 * running out of memory there panics.
 */
static void
pmap_kmap_range(vm_offset_t va, vm_paddr_t pa, vm_size_t size, pt_entry_t attr)
{
	pt_entry_t *pte;
	vm_size_t len;
	int level;

	KASSERT(((va | pa | size) & PAGE_MASK) == 0,
	    ("pmap_kmap_range: unaligned %#lx -> %#lx size %#lx", va, pa, size));
	while (size > 0) {
		if (((va | pa) & (L1_SIZE - 1)) == 0 && size >= L1_SIZE)
			level = 1;
		else if (((va | pa) & (L2_SIZE - 1)) == 0 && size >= L2_SIZE)
			level = 2;
		else
			level = 3;
		if ((pte = pmap_kwalk(va, level)) == NULL)
			panic("pmap_kmap_range: no memory for a table at %#lx",
			    va);
		*pte = pa | attr | (level == 3 ? L3_PAGE : Ln_BLOCK);
		len = Ln_SIZE(level);
		va += len;
		pa += len;
		size -= len;
	}
}

/* Invalidate every kernel TLB entry on every CPU (inner shareable). */
void
pmap_invalidate_all_kernel(void)
{
	dsb(ishst);
	__asm __volatile("tlbi vmalle1is" ::: "memory");
	dsb(ish);
	isb();
}

/*
 * Build the final kernel map and switch TTBR1 to it.  kernel_pa is where
 * the image was loaded; mr lists RAM.  The tables locore built map the
 * image at the same addresses, so the switch is seamless.
 */
void
pmap_bootstrap(vm_paddr_t kernel_pa, const struct mem_region *mr, int nmr)
{
	vm_offset_t text = (vm_offset_t)__kernel_start;
	vm_offset_t etext = (vm_offset_t)__text_end;
	vm_offset_t erodata = (vm_offset_t)__rodata_end;
	vm_offset_t end = (vm_offset_t)__kernel_end;
	int i;

	kernel_va_offset = KERNBASE - kernel_pa;
	kernel_l0_pa = pt_alloc();

	pmap_kmap_range(text, text - kernel_va_offset, etext - text,
	    ATTR_KERN_TEXT);
	pmap_kmap_range(etext, etext - kernel_va_offset, erodata - etext,
	    ATTR_KERN_RO);
	pmap_kmap_range(erodata, erodata - kernel_va_offset, end - erodata,
	    ATTR_KERN_RW);
	for (i = 0; i < nmr; i++) {
		KASSERT(PHYS_TO_DMAP(mr[i].end) <= DMAP_MAX_ADDRESS,
		    ("pmap_bootstrap: RAM at %#lx beyond the direct map",
		    mr[i].end));
		pmap_kmap_range(PHYS_TO_DMAP(mr[i].start), mr[i].start,
		    mr[i].end - mr[i].start, ATTR_DMAP);
	}

	dsb(ishst);
	WRITE_SPECIALREG(ttbr1_el1, kernel_l0_pa);
	isb();
	pmap_invalidate_all_kernel();
	pmap_dmap_ready = true;
}

/*
 * Map size bytes of device registers at physical address pa; returns the
 * kernel virtual address.  Device mappings are never unmapped.
 */
vm_offset_t
pmap_mapdev(vm_paddr_t pa, vm_size_t size)
{
	vm_offset_t va;
	vm_paddr_t base = trunc_page(pa);

	size = round_page(pa + size) - base;
	va = devmap_next;
	KASSERT(va + size <= DEVMAP_MAX_ADDRESS,
	    ("pmap_mapdev: device map full mapping %#lx", pa));
	devmap_next += size;
	pmap_kmap_range(va, base, size, ATTR_DEVICE);
	dsb(ishst);
	isb();
	return (va + (pa - base));
}

/* Invalidate the kernel TLB entries for va on every CPU (inner shareable). */
static void
pmap_invalidate_kernel_page(vm_offset_t va)
{
	dsb(ishst);
	__asm __volatile("tlbi vaae1is, %0" : : "r" (va >> TLBI_VA_SHIFT) :
	    "memory");
	dsb(ish);
	isb();
}

/*
 * Map the page at physical address pa at kernel address va (in the KVA
 * range), read/write, never executable.  va must be unmapped.  Returns 0,
 * or ENOMEM if a table page for va could not be allocated.
 */
int
pmap_kenter(vm_offset_t va, vm_paddr_t pa)
{
	pt_entry_t *pte;

	KASSERT(va >= KVA_MIN_ADDRESS && va < KVA_MAX_ADDRESS &&
	    (va & PAGE_MASK) == 0 && (pa & PAGE_MASK) == 0,
	    ("pmap_kenter: bad va %#lx or pa %#lx", va, pa));
	spin_lock(&kernel_pmap_lock);
	if ((pte = pmap_kwalk(va, 3)) == NULL) {
		spin_unlock(&kernel_pmap_lock);
		return (ENOMEM);
	}
	KASSERT((*pte & ATTR_DESCR_VALID) == 0,
	    ("pmap_kenter: va %#lx already mapped", va));
	*pte = pa | ATTR_KERN_RW | L3_PAGE;
	dsb(ishst);
	isb();
	spin_unlock(&kernel_pmap_lock);
	return (0);
}

/* Unmap the page pmap_kenter mapped at kernel address va on every CPU. */
void
pmap_kremove(vm_offset_t va)
{
	pt_entry_t *pte;
	int l = 3;

	KASSERT(va >= KVA_MIN_ADDRESS && va < KVA_MAX_ADDRESS,
	    ("pmap_kremove: bad va %#lx", va));
	spin_lock(&kernel_pmap_lock);
	pte = pmap_walk(kernel_l0_pa, va, &l, NULL);
	KASSERT(l == 3 && (*pte & ATTR_DESCR_VALID) != 0,
	    ("pmap_kremove: va %#lx not mapped", va));
	*pte = 0;
	pmap_invalidate_kernel_page(va);
	spin_unlock(&kernel_pmap_lock);
}

/* The leaf descriptor mapping kernel address va, or 0 if unmapped. */
pt_entry_t
pmap_kernel_pte(vm_offset_t va)
{
	int level;

	return (pmap_klookup(va, &level));
}

/* The physical address the kernel map gives va, or 0 if unmapped. */
vm_paddr_t
pmap_kextract(vm_offset_t va)
{
	pt_entry_t pte;
	vm_size_t mask;
	int level;

	pte = pmap_klookup(va, &level);
	if (pte == 0)
		return (0);
	mask = Ln_SIZE(level) - 1;
	return ((pte & ATTR_ADDR_MASK & ~mask) | (va & mask));
}

/*
 * User address spaces.
 *
 * Each pmap has its own L0 table and a 16-bit ASID, so switching address
 * spaces needs no TLB flush.  One lock, pmap_lock, protects every user
 * page table and every page's pv list: simple and obviously free of lock
 * order problems between a pmap and the pages it maps, at the price of
 * serialising page-table updates across CPUs (a finer scheme can replace
 * it behind this interface).  TLB entries are invalidated with the
 * inner-shareable TLBI forms, which reach every CPU without an IPI.
 *
 * Table pages are freed only by pmap_release(): munmap leaves empty tables
 * behind until the address space dies.  The exception is promotion.
 *
 * Superpages (psind 1): when the 512 L3 entries of a 2 MiB-aligned range
 * map 512 physically contiguous pages, 2 MiB-aligned, with identical
 * attributes, pmap_promote_l2() replaces them, and the L3 table, by one L2
 * block; pmap_enter() tries it when the page it entered completes a
 * superpage reservation (vm_reserv_is_fullpop).  Every change of the 2 MiB
 * that is not of all of it first demotes the block back to 512 L3 entries
 * (pmap_demote_l2) with the same addresses and attributes, access flag
 * included, so nothing about a page is lost.  Both follow the
 * architecture's break-before-make rule (Arm ARM D8.16.1): the old entry
 * is made invalid and its TLB entries invalidated on every CPU before the
 * new one is written, since a TLB holding both a block and a page entry
 * for one address may mix them up.  A CPU touching the range in between
 * takes a translation fault, and vm_fault(), serialised by the map lock,
 * finds it mapped when it runs.
 *
 * A block has one pv entry, on the pv list of its 2 MiB physical frame
 * (pv_table, as FreeBSD keeps it), not one on each of its 512 pages:
 * pmap_demote_l2 splits it into one per page, pmap_promote_l2 merges the
 * 512 back, and whatever looks for a page's mappings (pmap_remove_all,
 * pmap_remove_write) first demotes the blocks on its frame's list, so
 * every pv entry on a page's own list is an L3 entry.  pm_resident counts
 * pages either way.  A tagged block
 * is installed only after vm_page_tag_init_run() has made all 512 pages'
 * tags valid (they are already: each was mapped Tagged through
 * pmap_enter), so the block's Tagged attribute never covers a page
 * without valid tags.
 */
struct pv_entry {
	TAILQ_ENTRY(pv_entry) pv_link;	/* (M) on the page's md.pv_list */
	pmap_t		pv_pmap;	/* (M) */
	vm_offset_t	pv_va;		/* (M) */
};

/*
 * The pv lists of 2 MiB block mappings: one per 2 MiB physical frame of
 * RAM, indexed by physical address (pa_to_pvh).  Built by pmap_init(); a
 * frame it does not cover is never mapped by a block.
 */
static struct md_page *pv_table;	/* (C) the array; its lists (M) */
static u_long	pv_table_count;		/* (C) entries */
static vm_paddr_t pv_table_base;	/* (C) pa of entry 0's frame */

#define ASID_COUNT	65536

static struct spinlock pmap_lock = SPINLOCK_INITIALIZER("pmap");
static uint64_t asid_bitmap[ASID_COUNT / 64];	/* (M) ASIDs in use; 0 is never */
/* A root table with no mappings, for CPUs running no process. */
static pt_entry_t empty_l0[Ln_ENTRIES] __aligned(PAGE_SIZE);

#define ATTR_USER	(ATTR_AF | ATTR_SH_IS | ATTR_nG | ATTR_AP_USER | ATTR_PXN)

/*
 * The descriptor bits for a user page of the given protection: with
 * VM_PROT_MTE, the Tagged memory attribute, so accesses are tag-checked.
 */
static pt_entry_t
pmap_user_attr(vm_prot_t prot)
{
	pt_entry_t attr = ATTR_USER | ATTR_IDX((prot & VM_PROT_MTE) != 0 ?
	    VM_MEMATTR_TAGGED : VM_MEMATTR_WRITE_BACK);

	if ((prot & VM_PROT_WRITE) == 0)
		attr |= ATTR_AP_RO;
	if ((prot & VM_PROT_EXECUTE) == 0)
		attr |= ATTR_UXN;
	return (attr);
}

/* Invalidate one user page's TLB entries on every CPU. */
static void
pmap_invalidate_page(pmap_t pmap, vm_offset_t va)
{
	dsb(ishst);
	__asm __volatile("tlbi vae1is, %0" : :
	    "r" ((uint64_t)pmap->pm_asid << TLBI_ASID_SHIFT |
	    va >> TLBI_VA_SHIFT) : "memory");
	dsb(ish);
	isb();
}

/* Invalidate all of an address space's TLB entries on every CPU. */
static void
pmap_invalidate_asid(pmap_t pmap)
{
	dsb(ishst);
	__asm __volatile("tlbi aside1is, %0" : :
	    "r" ((uint64_t)pmap->pm_asid << TLBI_ASID_SHIFT) : "memory");
	dsb(ish);
	isb();
}

/*
 * Past this many pages a range is flushed with one TLBI ASIDE1IS rather
 * than a TLBI VAE1IS per page: the address space's other entries are
 * cheaper to refill than the per-page operations are to issue.
 */
#define PMAP_TLBI_RANGE_PAGES	32

/*
 * Invalidate the user pages of [sva, eva) in every CPU's TLB: page by
 * page between one pair of barriers, or the whole ASID for a long range.
 */
static void
pmap_invalidate_range(pmap_t pmap, vm_offset_t sva, vm_offset_t eva)
{
	uint64_t asid = (uint64_t)pmap->pm_asid << TLBI_ASID_SHIFT;
	vm_offset_t va;

	if (eva - sva > ptoa(PMAP_TLBI_RANGE_PAGES)) {
		pmap_invalidate_asid(pmap);
		return;
	}
	dsb(ishst);
	for (va = sva; va < eva; va += PAGE_SIZE)
		__asm __volatile("tlbi vae1is, %0" : :
		    "r" (asid | va >> TLBI_VA_SHIFT) : "memory");
	dsb(ish);
	isb();
}

/* A zeroed page for a user page table, or 0 if memory is short. */
static vm_paddr_t
pmap_alloc_table(void)
{
	struct vm_page *m = vm_phys_alloc_pages(0);

	if (m == NULL)
		return (0);
	pmap_zero_page(m);
	return (VM_PAGE_TO_PHYS(m));
}

/*
 * The L3 entry for va in pmap, allocating missing tables if create is
 * set.  NULL if a table is missing (and could not be allocated).
 */
static pt_entry_t *
pmap_l3(pmap_t pmap, vm_offset_t va, bool create)
{
	pt_entry_t *pte;
	int l = 3;

	KASSERT(spin_owned(&pmap_lock), ("pmap_l3: pmap_lock not held"));
	pte = pmap_walk(pmap->pm_l0_pa, va, &l,
	    create ? pmap_alloc_table : NULL);
	return (l == 3 ? pte : NULL);
}

/* The (4 KiB) pages of a 2 MiB L2 block. */
#define L2_PAGES	(L2_SIZE / PAGE_SIZE)

/* Invalidate a block's TLB entries: one VA in it names the block. */
static void
pmap_invalidate_block(pmap_t pmap, vm_offset_t va)
{
	pmap_invalidate_page(pmap, rounddown2(va, L2_SIZE));
}

/* True if the entry *pte at level l is a valid L2 block. */
static bool
pmap_is_l2_block(pt_entry_t pte, int l)
{
	return (l == 2 && (pte & ATTR_DESCR_MASK) == Ln_BLOCK);
}

/*
 * Build pv_table for all RAM vm_phys manages; called once, after
 * vm_page_startup().  Without it (no memory for it) no block is ever
 * mapped: superpage faults and promotions fall back to pages.  The array
 * comes from vm_phys, at most one 2 MiB block (16 bytes a frame: 256 GiB
 * of RAM); RAM beyond what it covers gets no blocks.
 */
void
pmap_init(void)
{
	vm_paddr_t lo, hi;
	struct vm_page *m;
	u_long i, n;
	int order;

	KASSERT(pv_table == NULL, ("%s: called twice", __func__));
	vm_phys_span(&lo, &hi);
	if (lo >= hi)
		return;
	lo = rounddown2(lo, L2_SIZE);
	n = howmany(hi - lo, L2_SIZE);
	for (order = 0; order < VM_LEVEL_0_ORDER &&
	    (PAGE_SIZE << order) < n * sizeof(struct md_page); order++)
		;
	n = MIN(n, (PAGE_SIZE << order) / sizeof(struct md_page));
	if ((m = vm_phys_alloc_pages(order)) == NULL)
		return;
	pv_table = vm_page_to_dmap(m);
	for (i = 0; i < n; i++)
		TAILQ_INIT(&pv_table[i].pv_list);
	pv_table_base = lo;
	pv_table_count = n;
}

/*
 * The pv list of the block mappings of the 2 MiB frame holding pa, or
 * NULL if pv_table does not cover it.
 */
static struct md_page *
pa_to_pvh(vm_paddr_t pa)
{
	u_long i;

	if (pv_table == NULL || pa < pv_table_base)
		return (NULL);
	i = (pa - pv_table_base) >> L2_SHIFT;
	return (i < pv_table_count ? &pv_table[i] : NULL);
}

/*
 * pv entries come from pv chunks (FreeBSD's pv_chunk, one pool for all
 * pmaps here, under pmap_lock): a page of PV_CHUNK_ENTRIES entries and a
 * bitmap of the free ones, so taking or giving back an entry is a few
 * instructions, and a demotion's 511 new ones cost little more than the
 * L3 entries it writes.  A chunk with a free entry is on pv_chunks_free;
 * a chunk whose entries are all free goes back to vm_phys unless it is
 * the only one on that list, so a fault and an munmap in turn do not take
 * and free a page each time.  Entries of long-lived mappings may keep
 * several chunks partly used (as kmalloc's pages), so the pool's pages
 * are counted, vm.pmap.pc_chunk_count, for exact leak checks.
 */
#define PV_CHUNK_ENTRIES	126
#define PV_CHUNK_MAPWORDS	howmany(PV_CHUNK_ENTRIES, 64)

struct pv_chunk {
	TAILQ_ENTRY(pv_chunk) pc_link;	/* (M) on pv_chunks_free */
	uint64_t	pc_map[PV_CHUNK_MAPWORDS]; /* (M) bit set: entry free */
	u_int		pc_nfree;	/* (M) bits set in pc_map */
	struct pv_entry	pc_pv[PV_CHUNK_ENTRIES]; /* (M) */
};
CTASSERT(sizeof(struct pv_chunk) <= PAGE_SIZE);

static TAILQ_HEAD(, pv_chunk) pv_chunks_free =
    TAILQ_HEAD_INITIALIZER(pv_chunks_free);		/* (M) */

/* A new pv entry for pmap's mapping at va (M), or NULL if memory is short. */
static struct pv_entry *
pmap_pv_alloc(pmap_t pmap, vm_offset_t va)
{
	struct pv_chunk *pc;
	struct vm_page *m;
	struct pv_entry *pv;
	u_int w, bit;

	if ((pc = TAILQ_FIRST(&pv_chunks_free)) == NULL) {
		if ((m = vm_phys_alloc_pages(0)) == NULL)
			return (NULL);
		pc = vm_page_to_dmap(m);
		pmap_superpage_counters.pv_chunks++;
		for (w = 0; w < PV_CHUNK_MAPWORDS; w++)
			pc->pc_map[w] = ~0UL;
		if (PV_CHUNK_ENTRIES % 64 != 0)
			pc->pc_map[PV_CHUNK_MAPWORDS - 1] =
			    (1UL << (PV_CHUNK_ENTRIES % 64)) - 1;
		pc->pc_nfree = PV_CHUNK_ENTRIES;
		TAILQ_INSERT_HEAD(&pv_chunks_free, pc, pc_link);
	}
	for (w = 0; pc->pc_map[w] == 0; w++)
		;
	bit = __builtin_ctzl(pc->pc_map[w]);
	pc->pc_map[w] &= ~(1UL << bit);
	if (--pc->pc_nfree == 0)
		TAILQ_REMOVE(&pv_chunks_free, pc, pc_link);
	pv = &pc->pc_pv[w * 64 + bit];
	pv->pv_pmap = pmap;
	pv->pv_va = va;
	pmap_superpage_counters.pv_entries++;
	return (pv);
}

/* Free a pv entry on no list (M), and its chunk if that empties it. */
static void
pmap_pv_free(struct pv_entry *pv)
{
	struct pv_chunk *pc;
	u_int i;

	pc = (struct pv_chunk *)rounddown2((vm_offset_t)pv, PAGE_SIZE);
	i = pv - pc->pc_pv;
	KASSERT((pc->pc_map[i / 64] & (1UL << (i % 64))) == 0,
	    ("pmap_pv_free: pv entry %p freed twice", pv));
	pc->pc_map[i / 64] |= 1UL << (i % 64);
	pmap_superpage_counters.pv_entries--;
	if (pc->pc_nfree++ == 0) {
		TAILQ_INSERT_HEAD(&pv_chunks_free, pc, pc_link);
		return;
	}
	if (pc->pc_nfree == PV_CHUNK_ENTRIES &&
	    (TAILQ_FIRST(&pv_chunks_free) != pc ||
	    TAILQ_NEXT(pc, pc_link) != NULL)) {
		TAILQ_REMOVE(&pv_chunks_free, pc, pc_link);
		pmap_superpage_counters.pv_chunks--;
		vm_phys_free_pages(PHYS_TO_VM_PAGE(DMAP_TO_PHYS(pc)), 0);
	}
}

/*
 * Take pmap's pv entry for va off the pv list md (a page's, or a frame's
 * in pv_table) and return it (M).  Panics if it is not there.
 */
static struct pv_entry *
pmap_pvl_take(struct md_page *md, pmap_t pmap, vm_offset_t va)
{
	struct pv_entry *pv;

	TAILQ_FOREACH(pv, &md->pv_list, pv_link) {
		if (pv->pv_pmap == pmap && pv->pv_va == va) {
			TAILQ_REMOVE(&md->pv_list, pv, pv_link);
			return (pv);
		}
	}
	panic("pmap_pvl_take: no pv entry of pmap %p at %#lx", pmap, va);
}

/*
 * Unmap the whole L2 block *l2 at va (M): the entry, its TLB entries, and
 * its pv entry.
 */
static void
pmap_remove_l2(pmap_t pmap, vm_offset_t va, pt_entry_t *l2)
{
	vm_paddr_t pa = *l2 & ATTR_ADDR_MASK;
	struct md_page *pvh = pa_to_pvh(pa);

	KASSERT(pvh != NULL, ("%s: block at %#lx has no pv list", __func__,
	    pa));
	va = rounddown2(va, L2_SIZE);
	*l2 = 0;
	pmap_invalidate_block(pmap, va);
	pmap_pv_free(pmap_pvl_take(pvh, pmap, va));
	pmap->pm_resident -= L2_PAGES;
}

/*
 * Demote the L2 block *l2 mapping va (M) to an L3 table of 512 entries
 * with the block's address range and attributes, break-before-make, and
 * split its pv entry into one per page (the block's own becomes the first
 * page's).  Returns true; false if there was no memory for the table or
 * the pv entries, in which case the block is unmapped instead (the pages
 * stay in their object, so a fault maps them again).
 */
static bool
pmap_demote_l2(pmap_t pmap, vm_offset_t va, pt_entry_t *l2)
{
	pt_entry_t old = *l2, *l3, attr;
	TAILQ_HEAD(, pv_entry) pvs = TAILQ_HEAD_INITIALIZER(pvs);
	struct pv_entry *pv;
	struct vm_page *m;
	vm_paddr_t table;
	u_long i;

	KASSERT((old & ATTR_DESCR_MASK) == Ln_BLOCK,
	    ("%s: %#lx is not a block at va %#lx", __func__, old, va));
	va = rounddown2(va, L2_SIZE);
	if ((table = pmap_alloc_table()) == 0) {
		pmap_remove_l2(pmap, va, l2);
		return (false);
	}
	for (i = 1; i < L2_PAGES; i++) {
		if ((pv = pmap_pv_alloc(pmap, va + ptoa(i))) == NULL) {
			while ((pv = TAILQ_FIRST(&pvs)) != NULL) {
				TAILQ_REMOVE(&pvs, pv, pv_link);
				pmap_pv_free(pv);
			}
			vm_phys_free_pages(PHYS_TO_VM_PAGE(table), 0);
			pmap_remove_l2(pmap, va, l2);
			return (false);
		}
		TAILQ_INSERT_TAIL(&pvs, pv, pv_link);
	}
	l3 = pt_va(table);
	attr = old & ~(ATTR_ADDR_MASK | ATTR_DESCR_MASK);
	for (i = 0; i < L2_PAGES; i++)
		l3[i] = ((old & ATTR_ADDR_MASK) + ptoa(i)) | attr | L3_PAGE;
	/* The table is complete before any walk can reach it. */
	dsb(ishst);
	*l2 = 0;
	pmap_invalidate_block(pmap, va);
	*l2 = table | Ln_TABLE;
	dsb(ishst);
	/* The pages are in one vm_page array: a block maps an aligned run. */
	m = PHYS_TO_VM_PAGE(old & ATTR_ADDR_MASK);
	pv = pmap_pvl_take(pa_to_pvh(old & ATTR_ADDR_MASK), pmap, va);
	TAILQ_INSERT_TAIL(&m[0].md.pv_list, pv, pv_link);
	for (i = 1; i < L2_PAGES; i++) {
		pv = TAILQ_FIRST(&pvs);
		TAILQ_REMOVE(&pvs, pv, pv_link);
		TAILQ_INSERT_TAIL(&m[i].md.pv_list, pv, pv_link);
	}
	__atomic_add_fetch(&pmap_superpage_counters.l2_demotions, 1,
	    __ATOMIC_RELAXED);
	return (true);
}

/*
 * Try to replace the 512 L3 entries of the 2 MiB around va (M) with one
 * L2 block: only if all are valid, map one 2 MiB-aligned physical run in
 * order, and have identical attributes.  The L3 table is freed.
 */
static void
pmap_promote_l2(pmap_t pmap, vm_offset_t va)
{
	pt_entry_t *l2, *l3, first;
	struct md_page *pvh;
	struct pv_entry *pv;
	struct vm_page *m;
	vm_paddr_t pa, table;
	u_long i;
	int l = 2;

	l2 = pmap_walk(pmap->pm_l0_pa, va, &l, NULL);
	if (l != 2 || (*l2 & ATTR_DESCR_MASK) != Ln_TABLE)
		return;
	table = *l2 & ATTR_ADDR_MASK;
	l3 = pt_va(table);
	first = l3[0];
	pa = first & ATTR_ADDR_MASK;
	if ((first & ATTR_DESCR_MASK) != L3_PAGE ||
	    (pa & (L2_SIZE - 1)) != 0 || (pvh = pa_to_pvh(pa)) == NULL)
		return;
	/* Contiguous runs inside may differ only by their contiguous bit. */
	first &= ~ATTR_CONTIGUOUS;
	for (i = 1; i < L2_PAGES; i++)
		if ((l3[i] & ~ATTR_CONTIGUOUS) != first + ptoa(i))
			return;
	/*
	 * The tags of every page under a Tagged block are valid, by the
	 * routine every tagged page goes through; here each is already.
	 */
	if ((first & ATTR_IDX_MASK) == ATTR_IDX(VM_MEMATTR_TAGGED))
		vm_page_tag_init_run(PHYS_TO_VM_PAGE(pa), L2_PAGES);
	va = rounddown2(va, L2_SIZE);
	*l2 = 0;
	/* Every CPU's TLB may hold any of the 512 page entries. */
	pmap_invalidate_asid(pmap);
	*l2 = pa | (first & ~(ATTR_ADDR_MASK | ATTR_DESCR_MASK)) | Ln_BLOCK;
	dsb(ishst);
	vm_phys_free_pages(PHYS_TO_VM_PAGE(table), 0);
	/* The 512 pages' pv entries become the block's one. */
	m = PHYS_TO_VM_PAGE(pa);
	pv = pmap_pvl_take(&m[0].md, pmap, va);
	for (i = 1; i < L2_PAGES; i++)
		pmap_pv_free(pmap_pvl_take(&m[i].md, pmap, va + ptoa(i)));
	TAILQ_INSERT_TAIL(&pvh->pv_list, pv, pv_link);
	__atomic_add_fetch(&pmap_superpage_counters.l2_promotions, 1,
	    __ATOMIC_RELAXED);
}

/* The 16 L3 entries of a 64 KiB contiguous run, and its span. */
#define L3C_ENTRIES	16
#define L3C_SIZE	(L3C_ENTRIES * PAGE_SIZE)

/*
 * Invalidate the 16 entries of the run at l3c (va its first address) on
 * every CPU, break-before-make's break: a TLB may hold the run as one
 * entry or as any of its pages.
 */
static void
pmap_l3c_break(pmap_t pmap, vm_offset_t va, pt_entry_t *l3c)
{
	u_long i;

	for (i = 0; i < L3C_ENTRIES; i++)
		l3c[i] = 0;
	dsb(ishst);
	for (i = 0; i < L3C_ENTRIES; i++)
		__asm __volatile("tlbi vae1is, %0" : :
		    "r" ((uint64_t)pmap->pm_asid << TLBI_ASID_SHIFT |
		    (va + ptoa(i)) >> TLBI_VA_SHIFT) : "memory");
	dsb(ish);
	isb();
}

/*
 * If the L3 entry *pte for va (M) is part of a contiguous run, make its
 * 16 entries ordinary again, with the same addresses and attributes, so
 * one of them may change: every entry of a run must agree (Arm ARM
 * D8.7.1, the Contiguous bit), and changing them goes through invalid.
 */
static void
pmap_demote_l3c(pmap_t pmap, vm_offset_t va, pt_entry_t *pte)
{
	pt_entry_t *l3c, first;
	u_long i;

	if ((*pte & ATTR_CONTIGUOUS) == 0)
		return;
	l3c = pte - pmap_l3_index(va) % L3C_ENTRIES;
	va = rounddown2(va, L3C_SIZE);
	first = l3c[0] & ~ATTR_CONTIGUOUS;
	pmap_l3c_break(pmap, va, l3c);
	for (i = 0; i < L3C_ENTRIES; i++)
		l3c[i] = first + ptoa(i);
	dsb(ishst);
	__atomic_add_fetch(&pmap_superpage_counters.l3c_demotions, 1,
	    __ATOMIC_RELAXED);
}

/*
 * Give the 16 L3 entries of the 64 KiB around va (M, *pte its entry) the
 * contiguous bit if they map one 64 KiB-aligned physical run in order
 * with identical attributes, so the TLB may hold them as one entry.
 * True if it did: only then may the 2 MiB around va have become
 * promotable (pmap_enter).
 */
static bool
pmap_promote_l3c(pmap_t pmap, vm_offset_t va, pt_entry_t *pte)
{
	pt_entry_t *l3c, first;
	u_long i;

	l3c = pte - pmap_l3_index(va) % L3C_ENTRIES;
	first = l3c[0];
	/*
	 * The last entry first: pages touched in ascending order leave it
	 * the one still missing until the run is complete.
	 */
	if ((first & ATTR_DESCR_MASK) != L3_PAGE ||
	    (first & ATTR_CONTIGUOUS) != 0 ||
	    ((first & ATTR_ADDR_MASK) & (L3C_SIZE - 1)) != 0 ||
	    l3c[L3C_ENTRIES - 1] != first + ptoa(L3C_ENTRIES - 1))
		return (false);
	for (i = 1; i < L3C_ENTRIES - 1; i++)
		if (l3c[i] != first + ptoa(i))
			return (false);
	/* As for a block: every page's tags valid before the run is. */
	if ((first & ATTR_IDX_MASK) == ATTR_IDX(VM_MEMATTR_TAGGED))
		vm_page_tag_init_run(PHYS_TO_VM_PAGE(first & ATTR_ADDR_MASK),
		    L3C_ENTRIES);
	pmap_l3c_break(pmap, rounddown2(va, L3C_SIZE), l3c);
	for (i = 0; i < L3C_ENTRIES; i++)
		l3c[i] = (first + ptoa(i)) | ATTR_CONTIGUOUS;
	dsb(ishst);
	__atomic_add_fetch(&pmap_superpage_counters.l3c_promotions, 1,
	    __ATOMIC_RELAXED);
	return (true);
}

/*
 * The leaf entry for va and its level (2 for a block, 3 for a page), if
 * its tables exist; otherwise NULL, with *next set to the first address
 * past the hole (the span of the missing entry), so scans of sparse ranges
 * skip a missing L2, L1 or L0 table in one step.
 */
static pt_entry_t *
pmap_leaf_next(pmap_t pmap, vm_offset_t va, int *levelp, vm_offset_t *next)
{
	pt_entry_t *pte;
	int l = 3;

	pte = pmap_walk(pmap->pm_l0_pa, va, &l, NULL);
	*levelp = l;
	if (l == 3 || pmap_is_l2_block(*pte, l))
		return (pte);
	*next = rounddown2(va, Ln_SIZE(l)) + Ln_SIZE(l);
	return (NULL);
}

/* Record that pmap maps m at va with an L3 entry (M). */
static int
pmap_pv_insert(struct vm_page *m, pmap_t pmap, vm_offset_t va)
{
	struct pv_entry *pv = pmap_pv_alloc(pmap, va);

	if (pv == NULL)
		return (ENOMEM);
	TAILQ_INSERT_TAIL(&m->md.pv_list, pv, pv_link);
	return (0);
}

/* Forget that pmap maps m at va with an L3 entry (M). */
static void
pmap_pv_remove(struct vm_page *m, pmap_t pmap, vm_offset_t va)
{
	pmap_pv_free(pmap_pvl_take(&m->md, pmap, va));
}

/*
 * The L3 entry a page's pv entry stands for (M): after pmap_demote_pvh of
 * the page's frame, every pv entry on a page's list is an L3 entry.
 */
static pt_entry_t *
pmap_pv_l3(struct pv_entry *pv)
{
	pt_entry_t *pte;
	int l = 3;

	pte = pmap_walk(pv->pv_pmap->pm_l0_pa, pv->pv_va, &l, NULL);
	KASSERT(l == 3, ("pmap_pv_l3: no L3 entry at %#lx", pv->pv_va));
	return (pte);
}

/*
 * Demote every block mapping on the frame pv list pvh (M), so each page
 * of the frame is mapped by L3 entries listed on its own pv list; a
 * block that cannot be demoted is unmapped.  Either way its pv entry
 * leaves pvh.  NULL (a frame pv_table does not cover) has no blocks.
 */
static void
pmap_demote_pvh(struct md_page *pvh)
{
	struct pv_entry *pv;
	pt_entry_t *l2;
	int l;

	if (pvh == NULL)
		return;
	while ((pv = TAILQ_FIRST(&pvh->pv_list)) != NULL) {
		l = 2;
		l2 = pmap_walk(pv->pv_pmap->pm_l0_pa, pv->pv_va, &l, NULL);
		KASSERT(pmap_is_l2_block(*l2, l),
		    ("pmap_demote_pvh: stale pv at %#lx", pv->pv_va));
		pmap_demote_l2(pv->pv_pmap, pv->pv_va, l2);
	}
}

/*
 * Clear the valid entry *pte for va and drop its pv entry (M), leaving
 * its TLB entry to the caller, who flushes it before dropping the lock
 * (until then no one can see the page as unmapped and free it).
 */
static void
pmap_remove_pte_noflush(pmap_t pmap, vm_offset_t va, pt_entry_t *pte)
{
	struct vm_page *m = PHYS_TO_VM_PAGE(*pte & ATTR_ADDR_MASK);

	pmap_demote_l3c(pmap, va, pte);
	*pte = 0;
	pmap->pm_resident--;
	KASSERT(m != NULL, ("pmap_remove_pte: unmanaged page at %#lx", va));
	pmap_pv_remove(m, pmap, va);
}

/* Clear the valid entry *pte for va, its TLB entry and its pv entry. */
static void
pmap_remove_pte(pmap_t pmap, vm_offset_t va, pt_entry_t *pte)
{
	pmap_remove_pte_noflush(pmap, va, pte);
	pmap_invalidate_page(pmap, va);
}

/* Prepare a page's pmap data (vm_page_startup). */
void
pmap_page_init(struct vm_page *m)
{
	TAILQ_INIT(&m->md.pv_list);
}

/*
 * Build an empty address space with its own ASID.  Returns 0, ENOMEM if
 * there is no page for its root table, or EAGAIN if every ASID is taken;
 * on failure nothing is left allocated.
 */
int
pmap_pinit(pmap_t pmap)
{
	u_int asid;

	pmap->pm_l0_pa = pmap_alloc_table();
	if (pmap->pm_l0_pa == 0)
		return (ENOMEM);
	pmap->pm_resident = 0;
	spin_lock(&pmap_lock);
	for (asid = 1; asid < ASID_COUNT; asid++)
		if ((asid_bitmap[asid / 64] & (1UL << (asid % 64))) == 0)
			break;
	if (asid < ASID_COUNT)
		asid_bitmap[asid / 64] |= 1UL << (asid % 64);
	spin_unlock(&pmap_lock);
	if (asid == ASID_COUNT) {
		vm_phys_free_pages(PHYS_TO_VM_PAGE(pmap->pm_l0_pa), 0);
		pmap->pm_l0_pa = 0;
		return (EAGAIN);
	}
	pmap->pm_asid = asid;
	return (0);
}

/* Free the table page at pa of the given level and every table below it. */
static void
pmap_free_tables(vm_paddr_t pa, int level)
{
	pt_entry_t *table = pt_va(pa);
	int i;

	if (level < 3)
		for (i = 0; i < Ln_ENTRIES; i++)
			if ((table[i] & ATTR_DESCR_MASK) == Ln_TABLE)
				pmap_free_tables(table[i] & ATTR_ADDR_MASK,
				    level + 1);
	vm_phys_free_pages(PHYS_TO_VM_PAGE(pa), 0);
}

/* Destroy an empty address space (no pages mapped). */
void
pmap_release(pmap_t pmap)
{
	KASSERT(pmap->pm_resident == 0,
	    ("pmap_release: %lu pages still mapped", pmap->pm_resident));
	pmap_invalidate_asid(pmap);
	spin_lock(&pmap_lock);
	asid_bitmap[pmap->pm_asid / 64] &= ~(1UL << (pmap->pm_asid % 64));
	spin_unlock(&pmap_lock);
	pmap_free_tables(pmap->pm_l0_pa, 0);
}

/* Make pmap this CPU's user address space. */
void
pmap_activate(pmap_t pmap)
{
	WRITE_SPECIALREG(ttbr0_el1, pmap->pm_l0_pa |
	    (uint64_t)pmap->pm_asid << TTBR_ASID_SHIFT);
	isb();
}

/*
 * Leave this CPU with no user address space: ASID 0 and a root table in
 * the kernel image that maps nothing, so switching to it never needs
 * memory.
 */
void
pmap_activate_kernel(void)
{
	WRITE_SPECIALREG(ttbr0_el1, (vm_offset_t)empty_l0 - kernel_va_offset);
	isb();
}

/*
 * Map page m at va with prot, replacing whatever va mapped (demoting a
 * block in the way), then promote the 2 MiB around va if m completed its
 * reservation.  Returns 0, or ENOMEM if a page table or pv entry could
 * not be allocated.
 */
int
pmap_enter(pmap_t pmap, vm_offset_t va, struct vm_page *m, vm_prot_t prot,
    u_int flags)
{
	vm_paddr_t pa = VM_PAGE_TO_PHYS(m);
	pt_entry_t *pte, new;
	int error = 0, level = 3;

	va = untag(trunc_page(va));
	KASSERT(va < VM_MAXUSER_ADDRESS, ("pmap_enter: kernel va %#lx", va));
	/*
	 * A Tagged descriptor only for a page whose tags are valid and
	 * visible (vm_page_tags.c); the DSB ISHST below orders the
	 * descriptor after them.
	 */
	if (prot & VM_PROT_MTE)
		vm_page_tag_init(m);
	new = pa | pmap_user_attr(prot) | L3_PAGE;
	spin_lock(&pmap_lock);
	/* One walk, making missing tables; it stops early only at a block. */
	pte = pmap_walk(pmap->pm_l0_pa, va, &level, pmap_alloc_table);
	if (pte != NULL && level != 3) {
		if (pmap_is_l2_block(*pte, level) &&
		    (*pte & ~ATTR_DESCR_MASK) == ((new & ~ATTR_DESCR_MASK) -
		    (va & (L2_SIZE - 1)))) {
			/* A block maps m at va already, as asked. */
			goto out;
		}
		/*
		 * Split the block, its pv entry into one per page (or, short
		 * of memory, unmap it), then walk to the new L3 entry.
		 */
		pmap_demote_l2(pmap, va, pte);
		level = 3;
		pte = pmap_walk(pmap->pm_l0_pa, va, &level, pmap_alloc_table);
		KASSERT(pte == NULL || level == 3,
		    ("pmap_enter: level %d at %#lx after demotion", level, va));
	}
	if (pte == NULL) {
		error = ENOMEM;
		goto out;
	}
	if ((*pte & ATTR_DESCR_VALID) != 0) {
		if ((*pte & ATTR_ADDR_MASK) == pa) {
			/*
			 * Same page: a permission change needs no break,
			 * once it is out of any contiguous run.
			 */
			pmap_demote_l3c(pmap, va, pte);
			*pte = new;
			pmap_invalidate_page(pmap, va);
			goto promote;
		}
		pmap_remove_pte(pmap, va, pte);
	}
	if ((error = pmap_pv_insert(m, pmap, va)) != 0)
		goto out;
	dsb(ishst);
	*pte = new;
	pmap->pm_resident++;
	dsb(ishst);
promote:
	/*
	 * The 2 MiB around va can only have become promotable now if the
	 * entry just written completed its 64 KiB run: a block needs every
	 * run complete, in order, with one set of attributes, and the run
	 * holding this entry was incomplete (or, for a permission change,
	 * demoted) a moment ago.  So the reservation is asked only after a
	 * contiguous-run promotion, once in 16 faults of ascending touches.
	 */
	if ((va & (L3C_SIZE - 1)) == (pa & (L3C_SIZE - 1)) &&
	    pmap_promote_l3c(pmap, va, pte) &&
	    (va & (L2_SIZE - 1)) == (pa & (L2_SIZE - 1)) &&
	    vm_reserv_is_fullpop(m))
		pmap_promote_l2(pmap, va);
out:
	spin_unlock(&pmap_lock);
	return (error);
}

/*
 * Map the L2_PAGES pages at m, a 2 MiB-aligned physical run, at va (2 MiB
 * aligned) with one L2 block of prot: a direct superpage fault.  Returns
 * 0; ENOMEM if a table or a pv entry could not be allocated, or EEXIST if
 * anything is mapped in the range (the caller then maps page by page).
 */
int
pmap_enter_l2(pmap_t pmap, vm_offset_t va, struct vm_page *m, vm_prot_t prot)
{
	vm_paddr_t pa = VM_PAGE_TO_PHYS(m), table;
	struct md_page *pvh = pa_to_pvh(pa);
	struct pv_entry *pv;
	pt_entry_t *l2, *l3;
	u_long i;
	int error = 0, l = 2;

	va = untag(va);
	KASSERT(((va | pa) & (L2_SIZE - 1)) == 0 && va < VM_MAXUSER_ADDRESS,
	    ("pmap_enter_l2: va %#lx or pa %#lx unaligned", va, pa));
	/*
	 * The routine every Tagged mapping goes through, for the whole run:
	 * the block is written after its tags are valid and visible.
	 */
	if (prot & VM_PROT_MTE)
		vm_page_tag_init_run(m, L2_PAGES);
	if (pvh == NULL)
		return (ENOMEM);
	spin_lock(&pmap_lock);
	l2 = pmap_walk(pmap->pm_l0_pa, va, &l, pmap_alloc_table);
	if (l2 == NULL) {
		error = ENOMEM;
		goto out;
	}
	if (l != 2 || (*l2 & ATTR_DESCR_MASK) == Ln_BLOCK) {
		error = EEXIST;
		goto out;
	}
	if ((*l2 & ATTR_DESCR_MASK) == Ln_TABLE) {
		/* An empty table munmap left may go; a used one may not. */
		table = *l2 & ATTR_ADDR_MASK;
		l3 = pt_va(table);
		for (i = 0; i < Ln_ENTRIES; i++)
			if ((l3[i] & ATTR_DESCR_VALID) != 0) {
				error = EEXIST;
				goto out;
			}
		*l2 = 0;
		/* Walk caches may hold the table: forget it before reuse. */
		pmap_invalidate_block(pmap, va);
		vm_phys_free_pages(PHYS_TO_VM_PAGE(table), 0);
	}
	if ((pv = pmap_pv_alloc(pmap, va)) == NULL) {
		error = ENOMEM;
		goto out;
	}
	TAILQ_INSERT_TAIL(&pvh->pv_list, pv, pv_link);
	dsb(ishst);
	*l2 = pa | pmap_user_attr(prot) | Ln_BLOCK;
	pmap->pm_resident += L2_PAGES;
	dsb(ishst);
	__atomic_add_fetch(&pmap_superpage_counters.l2_mappings, 1,
	    __ATOMIC_RELAXED);
out:
	spin_unlock(&pmap_lock);
	return (error);
}

/*
 * Fault-around's batch: map m_start at start and each page after it on
 * its object's memq (object locked) at start + its pindex distance from
 * m_start, while below end, read-only (executable if prot says so), each
 * only if nothing is mapped there; a page may be skipped (no memory for
 * a table or a pv entry, a block in the way, a busy page).  One walk
 * from the root per 2 MiB: the pages of one L3 table are entered
 * through it.
 */
void
pmap_enter_object(pmap_t pmap, vm_offset_t start, vm_offset_t end,
    struct vm_page *m_start, vm_prot_t prot)
{
	pt_entry_t attr, *l3 = NULL, *pte;
	vm_offset_t va, l3_va = 1;	/* no 2 MiB-aligned va is 1 */
	struct vm_page *m;

	start = untag(trunc_page(start));
	end = untag(end);
	attr = pmap_user_attr(prot & ~VM_PROT_WRITE) | L3_PAGE;
	spin_lock(&pmap_lock);
	for (m = m_start; m != NULL; m = TAILQ_NEXT(m, listq)) {
		va = start + ptoa(m->pindex - m_start->pindex);
		if (va >= end)
			break;
		if (rounddown2(va, L2_SIZE) != l3_va) {
			l3_va = rounddown2(va, L2_SIZE);
			l3 = pmap_l3(pmap, l3_va, true);
		}
		if (l3 == NULL)
			continue;
		pte = &l3[pmap_l3_index(va)];
		/* A busy page is under I/O: not now (vm_page.h). */
		if ((*pte & ATTR_DESCR_VALID) != 0 || vm_page_busied(m))
			continue;
		/* Tags valid and visible before the Tagged descriptor. */
		if (prot & VM_PROT_MTE)
			vm_page_tag_init(m);
		if (pmap_pv_insert(m, pmap, va) != 0)
			break;
		dsb(ishst);
		*pte = VM_PAGE_TO_PHYS(m) | attr;
		pmap->pm_resident++;
	}
	dsb(ishst);
	spin_unlock(&pmap_lock);
}

/*
 * Unmap every page in [sva, eva): whole blocks in one step, a block
 * partly inside demoted first.  The entries of one L3 table are visited
 * through one walk from the root, and their TLB entries flushed once,
 * after the loop and before the lock is dropped, over the span of the
 * entries cleared (pmap_invalidate_range: per page, or the whole ASID
 * for a long span), rather than one TLBI and its barriers a page.
 */
void
pmap_remove(pmap_t pmap, vm_offset_t sva, vm_offset_t eva)
{
	vm_offset_t va, next, end, l2_va, flush_start, flush_end;
	pt_entry_t *pte;
	int level;

	sva = untag(sva);
	eva = untag(eva);
	flush_start = flush_end = 0;
	spin_lock(&pmap_lock);
	for (va = trunc_page(sva); va < eva && pmap->pm_resident > 0;
	    va = next) {
		l2_va = rounddown2(va, L2_SIZE);
		next = l2_va + L2_SIZE;
		pte = pmap_leaf_next(pmap, va, &level, &next);
		if (pte == NULL)
			continue;
		if (level == 3) {
			/* This L3 table's entries up to eva, in a row. */
			end = MIN(next, eva);
			for (; va < end; va += PAGE_SIZE, pte++) {
				if ((*pte & ATTR_DESCR_VALID) == 0)
					continue;
				pmap_remove_pte_noflush(pmap, va, pte);
				if (flush_start == flush_end)
					flush_start = va;
				flush_end = va + PAGE_SIZE;
			}
			continue;
		}
		if ((*pte & ATTR_DESCR_VALID) == 0)
			continue;
		if (l2_va < sva || l2_va + L2_SIZE > eva) {
			/* Part of a block: split, then its pages. */
			pmap_demote_l2(pmap, va, pte);
			next = va;
			continue;
		}
		pmap_remove_l2(pmap, va, pte);
	}
	if (flush_start != flush_end)
		pmap_invalidate_range(pmap, flush_start, flush_end);
	spin_unlock(&pmap_lock);
}

/*
 * Unmap page m from every address space that maps it with an L3 entry
 * (M); the blocks over its frame are the caller's to demote first.
 */
static void
pmap_remove_all_l3(struct vm_page *m)
{
	struct pv_entry *pv;
	pt_entry_t *pte;

	while ((pv = TAILQ_FIRST(&m->md.pv_list)) != NULL) {
		pte = pmap_pv_l3(pv);
		KASSERT((*pte & ATTR_ADDR_MASK) == VM_PAGE_TO_PHYS(m),
		    ("pmap_remove_all: stale pv"));
		pmap_remove_pte(pv->pv_pmap, pv->pv_va, pte);
	}
}

/*
 * Unmap page m from every address space that maps it, demoting the blocks
 * it is part of.
 */
void
pmap_remove_all(struct vm_page *m)
{
	spin_lock(&pmap_lock);
	pmap_demote_pvh(pa_to_pvh(VM_PAGE_TO_PHYS(m)));
	pmap_remove_all_l3(m);
	spin_unlock(&pmap_lock);
}

/*
 * pmap_remove_all of m and of every page after it on the list their
 * listq links make (pages freed together: vm_page_free_range), under
 * one hold of the lock instead of one each.  A frame's block list is
 * demoted once for the run of its pages that follow one another (it
 * stays empty: the lock is held), so after an munmap, which unmapped
 * them already, each page costs its two list checks.
 */
void
pmap_remove_all_list(struct vm_page *m)
{
	vm_paddr_t frame, done = 1;	/* no frame's address */

	spin_lock(&pmap_lock);
	for (; m != NULL; m = TAILQ_NEXT(m, listq)) {
		frame = rounddown2(VM_PAGE_TO_PHYS(m), L2_SIZE);
		if (frame != done) {
			pmap_demote_pvh(pa_to_pvh(frame));
			done = frame;
		}
		if (!TAILQ_EMPTY(&m->md.pv_list))
			pmap_remove_all_l3(m);
	}
	spin_unlock(&pmap_lock);
}

/*
 * Lower the permissions of [sva, eva) to prot (no READ means unmap); a
 * block wholly inside keeps its block, one partly inside is demoted.  The
 * entries of one L3 table are visited through one walk from the root.
 * The TLB is flushed once, after the loop and before the lock is dropped,
 * over the span of the entries that changed (fork protects whole entries).
 */
void
pmap_protect(pmap_t pmap, vm_offset_t sva, vm_offset_t eva, vm_prot_t prot)
{
	vm_offset_t va, next, end, l2_va, flush_start, flush_end;
	pt_entry_t *pte, old, bits = 0;
	int level;

	if ((prot & VM_PROT_READ) == 0) {
		pmap_remove(pmap, sva, eva);
		return;
	}
	if ((prot & VM_PROT_WRITE) == 0)
		bits |= ATTR_AP_RO;
	if ((prot & VM_PROT_EXECUTE) == 0)
		bits |= ATTR_UXN;
	sva = untag(sva);
	eva = untag(eva);
	flush_start = flush_end = 0;
	spin_lock(&pmap_lock);
	for (va = trunc_page(sva); va < eva && pmap->pm_resident > 0;
	    va = next) {
		l2_va = rounddown2(va, L2_SIZE);
		next = l2_va + L2_SIZE;
		pte = pmap_leaf_next(pmap, va, &level, &next);
		if (pte == NULL)
			continue;
		if (level == 3) {
			/* This L3 table's entries up to eva, in a row. */
			end = MIN(next, eva);
			for (; va < end; va += PAGE_SIZE, pte++) {
				old = *pte;
				if ((old & ATTR_DESCR_VALID) == 0 ||
				    (old & bits) == bits)
					continue;
				/* Fewer permissions, same page: no break. */
				pmap_demote_l3c(pmap, va, pte);
				*pte |= bits;
				if (flush_start == flush_end)
					flush_start = va;
				flush_end = va + PAGE_SIZE;
			}
			continue;
		}
		if (l2_va < sva || l2_va + L2_SIZE > eva) {
			/* Part of a block: split, then its pages. */
			pmap_demote_l2(pmap, va, pte);
			next = va;
			continue;
		}
		if ((*pte & bits) == bits)
			continue;
		*pte |= bits;
		if (flush_start == flush_end)
			flush_start = l2_va;
		flush_end = l2_va + L2_SIZE;
	}
	if (flush_start != flush_end)
		pmap_invalidate_range(pmap, flush_start, flush_end);
	spin_unlock(&pmap_lock);
}

/*
 * The descriptor old (a page or a block) gets prot's memory attribute
 * (Tagged with VM_PROT_MTE) and loses the permissions prot lacks; it
 * never gains one, so a read-only copy-on-write mapping stays read-only.
 */
static pt_entry_t
pmap_protect_mte_pte(pt_entry_t old, vm_prot_t prot)
{
	return ((old & ~ATTR_IDX_MASK) | (pmap_user_attr(prot) &
	    (ATTR_IDX_MASK | ATTR_AP_RO | ATTR_UXN)));
}

/*
 * Make the tags of the pages that the entries of l3 in [sva, eva) map
 * valid (pmap_protect_mte_l3's entries, invalid now but keeping their
 * bits; an entry of 0 maps nothing).  Pages mapped by consecutive entries
 * are mostly physically consecutive too (a reservation's), so each such
 * stretch is one vm_page_tag_init_run: one lookup of its vm_page and one
 * tag-clearing pass, not one of each per page.  A stretch is a run of
 * the vm_page array only if its last page is where its first says; else
 * (it crosses from one RAM segment into another) its pages go one by one.
 */
static void
pmap_protect_mte_tag_init(pt_entry_t *l3, vm_offset_t sva, vm_offset_t eva)
{
	vm_offset_t va;
	vm_paddr_t pa;
	struct vm_page *m;
	u_long i, n, npages;
	pt_entry_t *pte;

	for (va = sva; va < eva; va += ptoa(npages)) {
		pte = &l3[pmap_l3_index(va)];
		npages = 1;
		if (*pte == 0)
			continue;
		pa = *pte & ATTR_ADDR_MASK;
		n = atop(eva - va);
		while (npages < n && pte[npages] != 0 &&
		    (pte[npages] & ATTR_ADDR_MASK) == pa + ptoa(npages))
			npages++;
		m = PHYS_TO_VM_PAGE(pa);
		if (npages == 1 ||
		    PHYS_TO_VM_PAGE(pa + ptoa(npages - 1)) == m + npages - 1) {
			vm_page_tag_init_run(m, npages);
			continue;
		}
		for (i = 0; i < npages; i++)
			vm_page_tag_init(PHYS_TO_VM_PAGE(pa + ptoa(i)));
	}
}

/*
 * pmap_protect_mte over [sva, eva), which lies in the one L3 table l3
 * (M).  The memory attribute of a live entry changes only through
 * invalid (break-before-make, Arm ARM D8.16.1), in three passes: each
 * valid entry is made invalid keeping its other bits (no other invalid
 * entry has any bit set, and the pmap lock keeps everyone else from
 * looking); one TLB invalidation for the span, and if prot adds
 * VM_PROT_MTE the tags of the pages made valid; then each such entry is
 * written back valid with its new attribute.  A CPU touching the span
 * meanwhile takes a translation fault and finds it mapped once the map
 * lock, held by mprotect, lets its fault run.
 */
static void
pmap_protect_mte_l3(pmap_t pmap, pt_entry_t *l3, vm_offset_t sva,
    vm_offset_t eva, vm_prot_t prot)
{
	vm_offset_t va, first = 0, last = 0;
	pt_entry_t *pte;

	for (va = sva; va < eva; va += PAGE_SIZE) {
		pte = &l3[pmap_l3_index(va)];
		if ((*pte & ATTR_DESCR_VALID) == 0)
			continue;
		pmap_demote_l3c(pmap, va, pte);
		*pte &= ~ATTR_DESCR_VALID;
		if (first == last)
			first = va;
		last = va + PAGE_SIZE;
	}
	if (first == last)
		return;
	pmap_invalidate_range(pmap, first, last);
	if ((prot & VM_PROT_MTE) != 0)
		pmap_protect_mte_tag_init(l3, first, last);
	for (va = first; va < last; va += PAGE_SIZE) {
		pte = &l3[pmap_l3_index(va)];
		if (*pte != 0)
			*pte = pmap_protect_mte_pte(*pte, prot) |
			    ATTR_DESCR_VALID;
	}
	dsb(ishst);
}

/*
 * mprotect added or removed VM_PROT_MTE over [sva, eva): rewrite the
 * mappings there in place with prot's memory attribute, lowering their
 * permissions to prot (no READ: unmap).  Adding it first makes each
 * mapped page's tags valid through vm_page_tag_init or
 * vm_page_tag_init_run (tag 0, data kept, once), which returns with the
 * tag stores visible, so no Tagged descriptor covers a page without
 * them.  A page already resident then takes no fault for the access
 * after mprotect.  A block wholly inside is rewritten whole, one partly
 * inside is demoted first.  Cannot fail.
 */
void
pmap_protect_mte(pmap_t pmap, vm_offset_t sva, vm_offset_t eva,
    vm_prot_t prot)
{
	vm_offset_t va, next, l2_va;
	pt_entry_t *pte;
	int level;

	if ((prot & VM_PROT_READ) == 0) {
		pmap_remove(pmap, sva, eva);
		return;
	}
	sva = untag(sva);
	eva = untag(eva);
	spin_lock(&pmap_lock);
	for (va = trunc_page(sva); va < eva && pmap->pm_resident > 0;
	    va = next) {
		l2_va = rounddown2(va, L2_SIZE);
		next = l2_va + L2_SIZE;
		pte = pmap_leaf_next(pmap, va, &level, &next);
		if (pte == NULL)
			continue;
		if (level == 3) {
			pmap_protect_mte_l3(pmap, pte - pmap_l3_index(va), va,
			    MIN(next, eva), prot);
			continue;
		}
		if (l2_va < sva || l2_va + L2_SIZE > eva) {
			/* Part of a block: split, then its pages. */
			pmap_demote_l2(pmap, va, pte);
			next = va;
			continue;
		}
		if ((prot & VM_PROT_MTE) != 0)
			vm_page_tag_init_run(PHYS_TO_VM_PAGE(*pte &
			    ATTR_ADDR_MASK), L2_PAGES);
		*pte &= ~ATTR_DESCR_VALID;
		pmap_invalidate_block(pmap, l2_va);
		*pte = pmap_protect_mte_pte(*pte, prot) | ATTR_DESCR_VALID;
		dsb(ishst);
	}
	spin_unlock(&pmap_lock);
}

/*
 * Make every mapping of m read-only (before copy-on-write sharing),
 * demoting the blocks it is part of.
 */
void
pmap_remove_write(struct vm_page *m)
{
	struct pv_entry *pv;
	pt_entry_t *pte;

	spin_lock(&pmap_lock);
	pmap_demote_pvh(pa_to_pvh(VM_PAGE_TO_PHYS(m)));
	TAILQ_FOREACH(pv, &m->md.pv_list, pv_link) {
		pte = pmap_pv_l3(pv);
		KASSERT((*pte & ATTR_ADDR_MASK) == VM_PAGE_TO_PHYS(m),
		    ("pmap_remove_write: stale pv"));
		if ((*pte & ATTR_AP_RO) == 0) {
			pmap_demote_l3c(pv->pv_pmap, pv->pv_va, pte);
			*pte |= ATTR_AP_RO;
			pmap_invalidate_page(pv->pv_pmap, pv->pv_va);
		}
	}
	spin_unlock(&pmap_lock);
}

/* The valid leaf (page or block) mapping va (M) and its level, or NULL. */
static pt_entry_t *
pmap_leaf(pmap_t pmap, vm_offset_t va, int *levelp)
{
	pt_entry_t *pte;
	vm_offset_t next;

	pte = pmap_leaf_next(pmap, va, levelp, &next);
	return (pte != NULL && (*pte & ATTR_DESCR_VALID) != 0 ? pte : NULL);
}

/*
 * The physical address va maps to in pmap, or 0; with tagged_only, 0 too
 * if the mapping lacks the Tagged memory attribute.
 */
static vm_paddr_t
pmap_extract_attr(pmap_t pmap, vm_offset_t va, bool tagged_only)
{
	pt_entry_t *pte;
	vm_paddr_t pa = 0;
	int level;

	va = untag(va);
	spin_lock(&pmap_lock);
	pte = pmap_leaf(pmap, va, &level);
	if (pte != NULL && (!tagged_only ||
	    (*pte & ATTR_IDX_MASK) == ATTR_IDX(VM_MEMATTR_TAGGED)))
		pa = (*pte & ATTR_ADDR_MASK) + (va & (Ln_SIZE(level) - 1));
	spin_unlock(&pmap_lock);
	return (pa);
}

/* The physical address va maps to in pmap, or 0. */
vm_paddr_t
pmap_extract(pmap_t pmap, vm_offset_t va)
{
	return (pmap_extract_attr(pmap, va, false));
}

/* True if va is mapped in pmap. */
bool
pmap_is_mapped(pmap_t pmap, vm_offset_t va)
{
	return (pmap_extract(pmap, va) != 0);
}

/*
 * The physical address va maps to in pmap if that mapping has the Tagged
 * memory attribute (the page is mapped PROT_MTE there, so its tags are
 * this address space's), else 0.
 */
vm_paddr_t
pmap_extract_tagged(pmap_t pmap, vm_offset_t va)
{
	return (pmap_extract_attr(pmap, va, true));
}

/*
 * Test and clear the access flag of the entries on the pv list pvh (M):
 * how many had it set.  Each cleared entry's TLB entries are invalidated,
 * so the next access sets the flag again.  A contiguous run is made
 * ordinary first, as its entries must agree.
 */
static int
pmap_ts_referenced_pvl(struct md_page *pvh)
{
	struct pv_entry *pv;
	pt_entry_t *pte;
	int count = 0, level;

	TAILQ_FOREACH(pv, &pvh->pv_list, pv_link) {
		pte = pmap_leaf(pv->pv_pmap, pv->pv_va, &level);
		KASSERT(pte != NULL, ("pmap_ts_referenced: stale pv at %#lx",
		    pv->pv_va));
		if ((*pte & ATTR_AF) == 0)
			continue;
		count++;
		if (level == 3)
			pmap_demote_l3c(pv->pv_pmap, pv->pv_va, pte);
		/* The hardware may set the flag again meanwhile. */
		__atomic_fetch_and(pte, ~ATTR_AF, __ATOMIC_RELAXED);
		pmap_invalidate_page(pv->pv_pmap, level == 3 ? pv->pv_va :
		    rounddown2(pv->pv_va, Ln_SIZE(level)));
	}
	return (count);
}

/*
 * Test and clear the access flag of every mapping of m, its 4 KiB ones
 * (m's pv list) and the 2 MiB blocks that map its frame (the frame's pv
 * list, pa_to_pvh): how many had it set, i.e. the page was used through
 * them since the last call.  The next access sets the flag again: the
 * hardware does it where the CPU has FEAT_HAFDBS (TCR_EL1.HA,
 * pmap_init_cpu), else an access flag fault does (pmap_fault_af).  A
 * block's flag covers all its pages, so clearing it ages the whole block.
 */
int
pmap_ts_referenced(struct vm_page *m)
{
	struct md_page *pvh = pa_to_pvh(VM_PAGE_TO_PHYS(m));
	int count;

	spin_lock(&pmap_lock);
	count = pmap_ts_referenced_pvl(&m->md);
	if (pvh != NULL)
		count += pmap_ts_referenced_pvl(pvh);
	spin_unlock(&pmap_lock);
	return (count);
}

/*
 * An access flag fault at va in pmap: set the flag of the valid leaf
 * entry that maps va, if it is clear (pmap_ts_referenced cleared it), and
 * return true: the access can be retried as it is.  False if va has no
 * valid entry; the fault is then vm_fault's.  No TLB invalidation is
 * needed: an entry whose flag is clear is never held in a TLB.
 */
bool
pmap_fault_af(pmap_t pmap, vm_offset_t va)
{
	pt_entry_t *pte;
	bool done = false;
	int level;

	va = untag(va);
	spin_lock(&pmap_lock);
	pte = pmap_leaf(pmap, va, &level);
	if (pte != NULL) {
		__atomic_fetch_or(pte, ATTR_AF, __ATOMIC_RELAXED);
		dsb(ishst);
		isb();
		done = true;
	}
	spin_unlock(&pmap_lock);
	return (done);
}

/*
 * Let the hardware set access flags where the CPU can (FEAT_HAFDBS,
 * ID_AA64MMFR1_EL1.HAFDBS non-zero): TCR_EL1.HA.  Otherwise an access to
 * an entry with the flag clear faults and pmap_fault_af sets it.  Called
 * on each CPU as it starts, after the boot arguments are known: the boot
 * argument pmap.hw_af=0 keeps the flag in software, to test that path.
 */
void
pmap_init_cpu(void)
{
	const char *arg = bootarg_value("pmap.hw_af");
	uint64_t tcr;

	if ((READ_SPECIALREG(id_aa64mmfr1_el1) & ID_AA64MMFR1_HAFDBS_MASK) ==
	    0 || (arg != NULL && arg[0] == '0'))
		return;
	tcr = READ_SPECIALREG(tcr_el1);
	WRITE_SPECIALREG(tcr_el1, tcr | TCR_HA);
	isb();
	__asm __volatile("tlbi vmalle1; dsb nsh; isb" : : : "memory");
	pmap_hw_af = true;
}

/* Zero a page's data through the direct map (pmap_zero_run of one). */
void
pmap_zero_page(struct vm_page *m)
{
	pmap_zero_run(m, 1);
}

/*
 * Zero the data of the npages physically contiguous pages at m through
 * the direct map in one pass: DC ZVA over whole blocks (pagezero_blocks),
 * as md_tags_zero_run does with their tags (STZGM, the same count of
 * instructions), so a tagged run costs what an untagged one does.
 */
void
pmap_zero_run(struct vm_page *m, u_long npages)
{
	if (cpu_zero_block_size != 0)
		pagezero_blocks(vm_page_to_dmap(m), ptoa(npages),
		    cpu_zero_block_size);
	else
		memset(vm_page_to_dmap(m), 0, ptoa(npages));
}

/*
 * Copy a page's data through the direct map (pagecopy); a tagged page's
 * data and tags go together through vm_page_tag_copy (vm_page_tags.c),
 * which calls this for an untagged one.
 */
void
pmap_copy_page(struct vm_page *src, struct vm_page *dst)
{
	pagecopy(vm_page_to_dmap(dst), vm_page_to_dmap(src));
}
