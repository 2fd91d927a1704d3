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
#include "sys/param.h"
#include "vm/vm_phys.h"
#include "vm/vm_page.h"
#include "machine/cpufunc.h"
#include "machine/pmap.h"
#include "machine/pte.h"
#include "machine/vmparam.h"

#define BOOT_PT_PAGES	24

/* Table pages for the kernel map until the page allocator is up. */
static pt_entry_t boot_pt_pool[BOOT_PT_PAGES][Ln_ENTRIES] __aligned(PAGE_SIZE);
static u_int boot_pt_used;
static vm_offset_t kernel_va_offset;	/* KERNBASE - kernel physical base */
static bool pmap_dmap_ready;		/* the direct map is live */
static vm_offset_t devmap_next = DEVMAP_MIN_ADDRESS;

vm_paddr_t kernel_l0_pa;

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

/* A zeroed page for a kernel translation table; panics if none is left. */
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
		panic("pt_alloc: out of memory for kernel page tables");
	pa = VM_PAGE_TO_PHYS(m);
	memset(pt_va(pa), 0, PAGE_SIZE);
	return (pa);
}

/*
 * The entry for va at the given level (1, 2 or 3) of the kernel map,
 * creating the tables above it.  Panics if a block mapping is in the way.
 */
static pt_entry_t *
pmap_kwalk(vm_offset_t va, int level)
{
	static const int shifts[] = { L0_SHIFT, L1_SHIFT, L2_SHIFT, L3_SHIFT };
	pt_entry_t *table, *pte;
	int l;

	table = pt_va(kernel_l0_pa);
	for (l = 0;; l++) {
		pte = &table[(va >> shifts[l]) & Ln_ADDR_MASK];
		if (l == level)
			return (pte);
		if ((*pte & ATTR_DESCR_MASK) != L0_TABLE) {
			KASSERT((*pte & ATTR_DESCR_VALID) == 0,
			    ("pmap_kwalk: block at level %d over va %#lx", l,
			    va));
			*pte = pt_alloc() | L0_TABLE;
		}
		table = pt_va(*pte & ATTR_ADDR_MASK);
	}
}

/*
 * Map [va, va + size) to [pa, pa + size) with attr, using the largest
 * blocks the alignment of va, pa and the remaining size allow.
 */
static void
pmap_kmap_range(vm_offset_t va, vm_paddr_t pa, vm_size_t size, pt_entry_t attr)
{
	vm_size_t len;

	KASSERT(((va | pa | size) & PAGE_MASK) == 0,
	    ("pmap_kmap_range: unaligned %#lx -> %#lx size %#lx", va, pa, size));
	while (size > 0) {
		if (((va | pa) & (L1_SIZE - 1)) == 0 && size >= L1_SIZE) {
			*pmap_kwalk(va, 1) = pa | attr | L1_BLOCK;
			len = L1_SIZE;
		} else if (((va | pa) & (L2_SIZE - 1)) == 0 && size >= L2_SIZE) {
			*pmap_kwalk(va, 2) = pa | attr | L2_BLOCK;
			len = L2_SIZE;
		} else {
			*pmap_kwalk(va, 3) = pa | attr | L3_PAGE;
			len = L3_SIZE;
		}
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
	__asm __volatile("tlbi vaae1is, %0" : : "r" (va >> PAGE_SHIFT) : "memory");
	dsb(ish);
	isb();
}

/*
 * Map the page at physical address pa at kernel address va (in the KVA
 * range), read/write, never executable.  va must be unmapped.
 */
void
pmap_kenter(vm_offset_t va, vm_paddr_t pa)
{
	pt_entry_t *pte;

	KASSERT(va >= KVA_MIN_ADDRESS && va < KVA_MAX_ADDRESS &&
	    (va & PAGE_MASK) == 0 && (pa & PAGE_MASK) == 0,
	    ("pmap_kenter: bad va %#lx or pa %#lx", va, pa));
	pte = pmap_kwalk(va, 3);
	KASSERT((*pte & ATTR_DESCR_VALID) == 0,
	    ("pmap_kenter: va %#lx already mapped", va));
	*pte = pa | ATTR_KERN_RW | L3_PAGE;
	dsb(ishst);
	isb();
}

/* Unmap the page at kernel address va on every CPU. */
void
pmap_kremove(vm_offset_t va)
{
	pt_entry_t *pte;

	KASSERT(va >= KVA_MIN_ADDRESS && va < KVA_MAX_ADDRESS,
	    ("pmap_kremove: bad va %#lx", va));
	pte = pmap_kwalk(va, 3);
	*pte = 0;
	pmap_invalidate_kernel_page(va);
}

/*
 * The leaf descriptor mapping kernel address va and its level (1 for a
 * 1 GiB block, 2 for 2 MiB, 3 for a page), or 0 if va is unmapped.
 */
static pt_entry_t
pmap_klookup(vm_offset_t va, int *level)
{
	static const int shifts[] = { L0_SHIFT, L1_SHIFT, L2_SHIFT, L3_SHIFT };
	pt_entry_t *table, pte;
	int l;

	table = pt_va(kernel_l0_pa);
	for (l = 0; l < 4; l++) {
		pte = table[(va >> shifts[l]) & Ln_ADDR_MASK];
		if ((pte & ATTR_DESCR_VALID) == 0)
			return (0);
		if (l == 3 || (pte & ATTR_DESCR_MASK) == L1_BLOCK) {
			*level = l;
			return (pte);
		}
		table = pt_va(pte & ATTR_ADDR_MASK);
	}
	return (0);
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
	static const int shifts[] = { L0_SHIFT, L1_SHIFT, L2_SHIFT, L3_SHIFT };
	pt_entry_t pte;
	vm_size_t mask;
	int level;

	pte = pmap_klookup(va, &level);
	if (pte == 0)
		return (0);
	mask = (1UL << shifts[level]) - 1;
	return ((pte & ATTR_ADDR_MASK & ~mask) | (va & mask));
}
