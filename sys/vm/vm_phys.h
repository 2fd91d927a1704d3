/*
 * The physical memory allocator: a binary buddy allocator over the RAM
 * segments the boot code registers.  A block of order n is 2^n pages,
 * naturally aligned; the largest, order VM_NFREEORDER - 1, is 2 MiB so a
 * block can back an L2 block mapping.
 *
 * Boot sequence: vm_phys_add_seg() for each RAM range, vm_phys_exclude()
 * for what is already in use inside them, vm_phys_bootstrap_alloc() for
 * memory needed before the allocator runs, then vm_page_startup().
 *
 * Single pages come from and go to a small cache per CPU first
 * (vm_phys.c); its pages count as free, and vm_phys_cache_drain() gives
 * them all back to the free lists.
 */
#ifndef _VM_VM_PHYS_H_
#define _VM_VM_PHYS_H_

#include "sys/types.h"
#include "vm/vm_reserv.h"

struct vm_page;

#define VM_PHYSSEG_MAX		8	/* RAM segments */

void		vm_phys_add_seg(vm_paddr_t start, vm_paddr_t end);
void		vm_phys_exclude(vm_paddr_t start, vm_paddr_t end);
vm_paddr_t	vm_phys_bootstrap_alloc(vm_size_t size, vm_size_t align);
void		vm_page_startup(void);

struct vm_page	*vm_phys_alloc_pages(int order);
struct vm_page	*vm_phys_alloc_pages_nobreak(int order);
void		vm_phys_free_pages(struct vm_page *m, int order);

extern u_long	vm_phys_nfree;		/* (A) see vm_phys_free_count */

/*
 * Pages free now: on the free lists or in the per-CPU caches, or reserved
 * for a superpage but not used (any allocation gets those by breaking the
 * reservation).  Read without the locks: each count is exact when read
 * (every change to it is one atomic operation) and the sum of the two is
 * the snapshot that taking each lock in turn gave, without the lock round
 * trips on every page allocation (vm_page_count_ok).  Inline: every page
 * allocation for an object reads it.
 */
static inline u_long
vm_phys_free_count(void)
{
	return (__atomic_load_n(&vm_phys_nfree, __ATOMIC_RELAXED) +
	    vm_reserv_free_count());
}
bool		vm_phys_cache_drain(void);
u_long		vm_phys_cache_count(void);
u_long		vm_phys_total_count(void);
void		vm_phys_span(vm_paddr_t *lo, vm_paddr_t *hi);

#endif /* !_VM_VM_PHYS_H_ */
