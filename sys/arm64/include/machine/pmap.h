/* The arm64 physical map: kernel page tables and (later) user address spaces. */
#ifndef _MACHINE_PMAP_H_
#define _MACHINE_PMAP_H_

#include "sys/types.h"

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
void		pmap_invalidate_all_kernel(void);

#endif /* !_MACHINE_PMAP_H_ */
