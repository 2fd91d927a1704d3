/*
 * The arm64 physical map: the structures behind vm/pmap.h (user address
 * spaces) and the kernel's own mappings (pmap_bootstrap, pmap_mapdev,
 * pmap_kenter).
 */
#ifndef _MACHINE_PMAP_H_
#define _MACHINE_PMAP_H_

#include "sys/types.h"
#include "sys/queue.h"

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

/* A range of RAM from the device tree: [start, end). */
struct mem_region {
	vm_paddr_t	start;
	vm_paddr_t	end;
};

extern vm_paddr_t kernel_l0_pa;		/* root of the kernel's TTBR1 tables */

void		pmap_init(void);	/* after vm_page_startup() */
void		pmap_bootstrap(vm_paddr_t kernel_pa, const struct mem_region *mr,
		    int nmr);
vm_offset_t	pmap_mapdev(vm_paddr_t pa, vm_size_t size);
vm_paddr_t	pmap_kextract(vm_offset_t va);
uint64_t	pmap_kernel_pte(vm_offset_t va);
int		pmap_kenter(vm_offset_t va, vm_paddr_t pa);	/* 0 or ENOMEM */
void		pmap_kremove(vm_offset_t va);
void		pmap_invalidate_all_kernel(void);
bool		pmap_fault_af(struct pmap *pmap, vm_offset_t va);
void		pmap_init_cpu(void);
extern bool	pmap_hw_af;

#endif /* !_MACHINE_PMAP_H_ */
