/*
 * VM objects: the memory behind map entries.  Every object is anonymous
 * memory, zero-filled where no page was ever stored; the pager types
 * (swap) come with paging.  An object is one of:
 *
 *   - private anonymous memory (vm_object_allocate_anon), lazily created
 *     by the map for MAP_PRIVATE|MAP_ANON and MAP_SHARED|MAP_ANON ranges;
 *   - a shared memory object (vm_object_allocate_shm, OBJ_SHM) behind a
 *     shm_open2(SHM_ANON) descriptor: shared by design, sized by
 *     ftruncate (a fault at or past its size is SIGBUS), never tagged
 *     (docs/abi.md section 6), never collapsed into a shadow;
 *   - a shadow: copy-on-write.  A shadow holds the pages written since it
 *     was made and reads the rest through its backing object (at
 *     backing_object_offset); no map writes the backing object inside
 *     the shadow's window (shared memory objects excepted).  A
 *     fork of private memory leaves both sides reading one object through
 *     shadows of their own; vm_object_collapse() folds a backing object
 *     into its only remaining shadow, so repeated fork and exit keep the
 *     chains short.
 *
 * Anonymous objects (all but shared memory objects) are pageable: the
 * page daemon writes their pages to swap (vm_pageout.c), and an index not
 * resident may be on swap (swap_pager.h): it then belongs to this object,
 * and a walk down the chain stops there (vm_object_page_find).  Pages
 * under I/O are busy (vm_page.h) and counted in paging_in_progress; an
 * object whose last reference goes while that is non-zero is marked
 * OBJ_DEAD and unhooked at once, and whoever ends the last I/O destroys
 * it (vm_object_pip_done).  A backing object with I/O in progress is not
 * collapsed (the collapse waits for a later deallocation).
 *
 * Lock keys:
 *	(A) atomic
 *	(B) the backing object's lock
 *	(C) constant after creation
 *	(O) this object's lock
 *	(R) vm_reserv's lock
 *	(S) this object's lock, and only the swap pager (swap_pager.c)
 *	    reads or writes it
 * Lock order: a map's lock, then an object's, then its backing object's
 * (down the chain), then the page queues', the pmap's and vm_phys's.
 */
#ifndef _VM_VM_OBJECT_H_
#define _VM_VM_OBJECT_H_

#include "sys/types.h"
#include "sys/queue.h"
#include "sys/spinlock.h"
#include "vm/vm.h"
#include "vm/vm_tree.h"
#include "vm/swap_map.h"

struct vm_page;

TAILQ_HEAD(vm_object_pglist, vm_page);

/*
 * An object's pages are indexed twice: a tree finds any pindex in
 * O(log n), and memq lists the same pages in pindex order, so that from
 * the hint (the page last found or inserted) the neighbouring pindexes
 * that faults and fault-around ask for next are found in a few steps,
 * whatever the object's size (vm_page.c).  A page appended after the
 * last one (an ascending first touch) goes on memq only: memq's tail from
 * unindexed on is not in the tree yet, and goes into it the first time
 * the tree is needed (vm_page_index_tail), so a fault that appends makes
 * no tree insertion, and an object freed before anything searched it
 * never builds one.
 */
struct vm_object {
	struct spinlock	lock;
	struct vm_tree	pages;		/* (O) resident pages by pindex */
	struct vm_object_pglist memq;	/* (O) the same pages in pindex order */
	struct vm_page	*hint;		/* (O) page last found or inserted,
					   or NULL */
	struct vm_page	*unindexed;	/* (O) first page of memq's tail not
					   in the tree yet, or NULL */
	vm_pindex_t	size;		/* (O) pages the object spans */
	u_long		resident_page_count; /* (O) pages on memq */
	u_int		ref_count;	/* (A) map entries, shadows, files */
	u_int		flags;		/* (O) OBJ_* below */
	struct vm_object *backing_object; /* (O) what a shadow reads through */
	vm_ooffset_t	backing_object_offset; /* (O) bytes into it */
	TAILQ_HEAD(, vm_object) shadow_head; /* (O) objects this one backs */
	TAILQ_ENTRY(vm_object) shadow_list; /* (B) on backing's shadow_head */
	u_int		shadow_count;	/* (O) length of shadow_head */
	TAILQ_HEAD(, vm_reserv) rvq;	/* (R) superpage reservations: vm_reserv's
					   lock (vm_reserv.h) */
	struct vm_reserv *rvhint;	/* (R) on rvq, the one last allocated
					   from, or NULL */
	u_int		paging_in_progress; /* (O) busy pages under I/O and
					   page-ins under way */
	u_long		swap_pages;	/* (O) pages written to swap, less those
					   read back: 0 means none on swap; more
					   is a rough count (the OOM killer's) */
	struct swap_map	swp_map;	/* (S) where its pages on swap are;
					   zeroed at allocation: empty */
};

/*
 * flags.  OBJ_SHM is constant; OBJ_SHARED, once set, stays.  Both make
 * every entry whose chain holds the object refuse PROT_MTE.
 */
#define OBJ_SHM		0x0001	/* (C) a shared memory object */
#define OBJ_SHARED	0x0002	/* shared by fork (INHERIT_SHARE) */
#define OBJ_ONEMAPPING	0x0004	/* each offset mapped at most once, in
				   one map: unmapped pages can be freed */
#define OBJ_DEAD	0x0008	/* being destroyed */
#define OBJ_WIRED	0x0010	/* a wired (mlock) entry faulted a page of
				   it: never paged out again */

/* vm_object_page_find() results */
#define VM_PAGE_FIND_OK		0	/* *mp the page, or NULL: zero-fill */
#define VM_PAGE_FIND_SIGBUS	1	/* past a shared memory object's end */
#define VM_PAGE_FIND_BUSY	2	/* *mp busy: wait for it */
#define VM_PAGE_FIND_SWAPPED	3	/* on swap in *holderp: page it in */

/* Take and release an object's lock. */
static inline void
vm_object_lock(struct vm_object *object)
{
	spin_lock(&object->lock);
}

static inline void
vm_object_unlock(struct vm_object *object)
{
	spin_unlock(&object->lock);
}

struct vm_object *vm_object_allocate_anon(vm_pindex_t size);
struct vm_object *vm_object_allocate_shm(vm_pindex_t size);
void	vm_object_reference(struct vm_object *object);
void	vm_object_deallocate(struct vm_object *object);
int	vm_object_shadow(struct vm_object **objectp, vm_ooffset_t *offsetp,
	    vm_size_t length);
void	vm_object_collapse(struct vm_object *object);
u_long	vm_object_count(void);
void	vm_object_page_remove(struct vm_object *object, vm_pindex_t start,
	    vm_pindex_t end);
int	vm_object_shm_resize(struct vm_object *object, vm_ooffset_t size);
bool	vm_object_chain_is_private(struct vm_object *object);
int	vm_object_page_find(struct vm_object *object, vm_pindex_t pindex,
	    struct vm_page **mp, struct vm_object **holderp,
	    vm_pindex_t *hpindexp);
void	vm_object_pip_add(struct vm_object *object, u_int n);
bool	vm_object_pip_done(struct vm_object *object);

/* True if object's pages may go to swap (its lock held, or constant). */
static inline bool
vm_object_pageable(const struct vm_object *object)
{
	return ((object->flags & (OBJ_SHM | OBJ_DEAD | OBJ_WIRED)) == 0);
}
bool	vm_object_page_resident(struct vm_object *object, vm_pindex_t pindex);

#endif /* !_VM_VM_OBJECT_H_ */
