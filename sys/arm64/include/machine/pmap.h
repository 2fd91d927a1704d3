/* The arm64 physical map: kernel page tables and (later) user address spaces. */
#ifndef _MACHINE_PMAP_H_
#define _MACHINE_PMAP_H_

#include "sys/types.h"
#include "sys/queue.h"
#include "sys/spinlock.h"

struct vm_page;
struct pv_entry;

/*
 * The pmap's per-page data, embedded in struct vm_page as `md`: the list
 * of every user mapping of a managed page (pv entries).  (M) is pmap.c's
 * pmap_lock, which protects every user page table and every pv list.
 */
struct md_page {
	TAILQ_HEAD(, pv_entry) pv_list;	/* (M) mappings of this page */
};

/* One address space's translation tables (TTBR0) and its ASID. */
struct pmap {
	vm_paddr_t	pm_l0_pa;	/* (C) root table */
	uint16_t	pm_asid;	/* (C) address space id, never 0 */
	u_long		pm_resident;	/* (M) pages mapped */
};
typedef struct pmap *pmap_t;

/* pmap_enter flags */
#define PMAP_ENTER_WIRED	0x0001	/* (reserved: no paging yet) */

/* A range of RAM from the device tree: [start, end). */
struct mem_region {
	vm_paddr_t	start;
	vm_paddr_t	end;
};

extern vm_paddr_t kernel_l0_pa;		/* root of the kernel's TTBR1 tables */

void		pmap_bootstrap(vm_paddr_t kernel_pa, const struct mem_region *mr,
		    int nmr);
vm_offset_t	pmap_mapdev(vm_paddr_t pa, vm_size_t size);
vm_paddr_t	pmap_kextract(vm_offset_t va);
uint64_t	pmap_kernel_pte(vm_offset_t va);
void		pmap_kenter(vm_offset_t va, vm_paddr_t pa);
void		pmap_kremove(vm_offset_t va);
void		pmap_invalidate_all_kernel(void);

/*
 * User address spaces.  prot is a set of VM_PROT_* bits (VM_PROT_MTE
 * included).  The MI VM calls only these.
 */
void		pmap_pinit(pmap_t pmap);	/* a new, empty address space */
void		pmap_release(pmap_t pmap);	/* free an empty one's tables */
void		pmap_activate(pmap_t pmap);	/* switch this CPU to it */
void		pmap_activate_kernel(void);	/* no user mappings on this CPU */
int		pmap_enter(pmap_t pmap, vm_offset_t va, struct vm_page *m,
		    vm_prot_t prot, u_int flags);	/* 0 or ENOMEM */
void		pmap_enter_quick(pmap_t pmap, vm_offset_t va, struct vm_page *m,
		    vm_prot_t prot);	/* only if va is unmapped; may skip */
void		pmap_remove(pmap_t pmap, vm_offset_t sva, vm_offset_t eva);
void		pmap_remove_all(struct vm_page *m);	/* every mapping of m */
void		pmap_protect(pmap_t pmap, vm_offset_t sva, vm_offset_t eva,
		    vm_prot_t prot);	/* lower permissions only */
void		pmap_remove_write(struct vm_page *m);	/* every mapping RO */
bool		pmap_is_mapped(pmap_t pmap, vm_offset_t va);
vm_paddr_t	pmap_extract(pmap_t pmap, vm_offset_t va);	/* 0 if none */
void		pmap_zero_page(struct vm_page *m);
void		pmap_zero_page_tagged(struct vm_page *m); /* data and tags */
void		pmap_copy_page(struct vm_page *src, struct vm_page *dst);
void		pmap_page_init(struct vm_page *m);	/* at vm_page_startup */

#endif /* !_MACHINE_PMAP_H_ */
