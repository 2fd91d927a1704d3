/*
 * Superpage reservations (FreeBSD's vm_reserv idea): the first page
 * allocated in a 2 MiB-aligned, 2 MiB-long part of an eligible anonymous
 * object reserves a physically contiguous, aligned 2 MiB run from
 * vm_phys; the object's later pages in that part come from the run, so
 * once all 512 are resident the part can be mapped by one L2 block.
 *
 * A reservation ends three ways:
 *   - freed: its last populated page is freed, and the run goes back to
 *     vm_phys whole;
 *   - broken: its object dies, the range is removed (munmap, MADV_FREE
 *     of part), or the allocator is short of memory (vm_reserv_reclaim,
 *     called by vm_phys_alloc_pages): the unpopulated pages go back to
 *     the free lists and the populated ones become ordinary pages;
 *   - never: a reservation does not outlive its object.
 * Pages reserved but not populated count as free (vm_phys_free_count),
 * as on FreeBSD, since any allocation can have them by breaking it.
 *
 * Lock order: an object's lock, then vm_reserv's lock, then vm_phys's.
 * vm_reserv's lock protects every reservation and every object's list of
 * them (vm_object.rvq).
 */
#ifndef _VM_VM_RESERV_H_
#define _VM_VM_RESERV_H_

#include "sys/types.h"
#include "sys/queue.h"
#include "vm/vm_object.h"

struct vm_object;
struct vm_page;

#define VM_LEVEL_0_ORDER	9	/* a reservation is 2^9 pages */
#define VM_LEVEL_0_NPAGES	(1 << VM_LEVEL_0_ORDER)

/* What happened to reservations since boot; every field is (A). */
struct vm_reserv_counters {
	u_long	reserved;	/* runs taken from vm_phys for a reservation */
	u_long	active;		/* reservations existing now */
	u_long	fullpop;	/* ... of which every page is populated */
	u_long	freed;		/* ended by freeing their last page */
	u_long	broken;		/* ended by vm_reserv_break_* or reclaim */
	u_long	reclaimed;	/* ... of those, broken for memory */
};
extern struct vm_reserv_counters vm_reserv_counters;

void		vm_reserv_init(void);
struct vm_page	*vm_reserv_alloc_page(struct vm_object *object,
		    vm_pindex_t pindex);
struct vm_page	*vm_reserv_alloc_run(struct vm_object *object,
		    vm_pindex_t first);
bool		vm_reserv_free_page(struct vm_page *m);
bool		vm_reserv_free_run(struct vm_page *m);
void		vm_reserv_break_range(struct vm_object *object,
		    vm_pindex_t start, vm_pindex_t end);
void		vm_reserv_break_all(struct vm_object *object);
bool		vm_reserv_reclaim(void);
bool		vm_reserv_is_fullpop(struct vm_page *m);

extern u_long	vm_reserv_nfree;	/* (A) see vm_reserv_free_count */
extern bool	vm_reserv_enabled;	/* (C) vm_reserv_init made the array */

/*
 * True if object (locked) may have a reservation for pindex's 2 MiB part:
 * reservations exist, the object is not shared memory and the part lies
 * wholly inside it.  Inline, so a page of a small object (most of them)
 * costs no call into vm_reserv.c.
 */
static inline bool
vm_reserv_eligible(const struct vm_object *object, vm_pindex_t pindex)
{
	return (vm_reserv_enabled && (object->flags & OBJ_SHM) == 0 &&
	    rounddown2(pindex, VM_LEVEL_0_NPAGES) + VM_LEVEL_0_NPAGES <=
	    object->size);
}

/* Pages reserved but not populated: free for any allocation's purposes. */
static inline u_long
vm_reserv_free_count(void)
{
	return (__atomic_load_n(&vm_reserv_nfree, __ATOMIC_RELAXED));
}

#endif /* !_VM_VM_RESERV_H_ */
