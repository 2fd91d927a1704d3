/*
 * The physical page: one struct vm_page describes each page of RAM, from
 * boot to shutdown, whether it is free, kernel memory or user memory.
 * vm_page_startup() (vm_phys.c) builds the arrays of them, one per RAM
 * segment, so every page of RAM has one, including the kernel image.
 *
 * Each field names what protects it:
 *	(A) atomic: read and written with atomic operations only
 *	(B) the page's busy state: whoever holds the page busy (below)
 *	(C) constant after vm_page_startup()
 *	(F) the free-list lock in vm_phys.c
 *	(M) the pmap's lock (machine/pmap.h)
 *	(O) the lock of the object the page belongs to
 *	(Q) vm_pagequeue_lock (vm_pagequeue.c): written with both the
 *	    object's lock and the queue lock held, read with either
 *	(X) the page's owner: written by whoever allocated the page from
 *	    vm_phys, before it shares the page, and constant until it frees it
 *
 * Lock order: a map's lock, an object's lock (down the chain), then
 * vm_pagequeue_lock, then the pmap's lock and vm_phys's.  The page daemon
 * finds pages on a queue and must lock their object against that order:
 * it only tries the object's lock (spin_trylock) and passes over the page
 * if that fails.
 *
 * Busy state.  The object's lock covers the lookup, allocation and
 * insertion of a page as one step (so two CPUs faulting on the same page
 * never both fill it: the second finds the first's page), and every change
 * of a page's identity (insert, remove, rename, free) and every new mapping
 * of it is done under that lock.  But no spin lock may be held across I/O,
 * so a page under I/O is made busy instead (vm_page_xbusy, as FreeBSD's
 * vm_page_busy; vm_page_sbusy for shared holds): a busy page is never
 * mapped, freed, copied, renamed or collapsed.  The busy word changes only
 * under the object's lock, so a thread that finds a busy page drops every
 * other spin lock and sleeps with vm_page_busy_sleep, which releases the
 * object's lock only once the thread is on the sleep queue, and then
 * restarts what it was doing.  An exclusive busy page is on no queue and
 * its object counts it in paging_in_progress, so the page's object stays
 * where it is and alive until the holder unbusies it (vm_object.h).
 * Something that must go away while a page is busy (munmap, MADV_FREE)
 * marks it PG_DROP instead, and the holder frees it when the I/O ends.
 *
 * Queues.  Pages of pageable objects that a fault mapped are on one of
 * the page daemon's queues (vm_pagequeue.c, vm_pageout.c): active,
 * inactive, or laundry (anonymous pages waiting to be written to swap:
 * anonymous memory is dirty until written there).  A page is on a queue,
 * or busy, or neither; freeing it takes it off its queue.
 *
 * Nothing under an object lock sleeps: page zeroing and copying run under
 * it, and I/O runs on busy pages after it is dropped.
 */
#ifndef _VM_VM_PAGE_H_
#define _VM_VM_PAGE_H_

#include "sys/types.h"
#include "sys/queue.h"
#include "machine/pmap.h"
#include "machine/vmparam.h"
#include "vm/vm_tree.h"

struct vm_object;

struct vm_page {
	vm_paddr_t	phys_addr;	/* (C) physical address of the page */
	TAILQ_ENTRY(vm_page) freeq;	/* (F) link on a vm_phys free list */
	struct vm_object *object;	/* (O) object holding the page, or NULL */
	vm_pindex_t	pindex;		/* (O) page's offset in that object */
	struct vm_tree_node objnode;	/* (O) in the object's page tree */
	TAILQ_ENTRY(vm_page) listq;	/* (O) on the object's memq, by pindex */
	TAILQ_ENTRY(vm_page) plinks;	/* (Q) on a page queue */
	struct md_page	md;		/* (M) the pmap's: this page's mappings */
	u_int		ref_count;	/* (A) references (mappings, wirings) */
	uint16_t	flags;		/* (A) PG_* bits below */
	uint16_t	busy;		/* (O) VPB_* busy state below */
	uint8_t		queue;		/* (Q) PQ_* queue the page is on */
	uint8_t		order;		/* (F) order of the free block this
					   page heads, else VM_FREE_ORDER_NONE */
	uint8_t		kmalloc_shift;	/* (X) log2 of the kmalloc size this page
					   serves; 0 if not kmalloc's */
};

/*
 * flags.  PG_FREE is set on every page of a free block, not only on its
 * head, so freeing any page that is already free is caught.
 */
#define PG_FREE		0x0001		/* on a vm_phys free list */
/*
 * MTE: PG_TAGGED says the page's allocation tags are valid; PG_TAGBUSY is
 * the bit lock that makes their first initialisation race-free.  Only
 * sys/vm/vm_page_tags.c changes them: vm_page_tag_zero (birth, data and
 * tags zeroed at once), vm_page_tag_init (called by pmap_enter before the
 * first Tagged mapping), vm_page_tag_copy (copy on write),
 * vm_page_tag_restore (page-in) and vm_page_tag_free (called by
 * vm_phys_free_pages).  Read PG_TAGGED with vm_page_tagged().
 */
#define PG_TAGGED	0x0002		/* (A) MTE tags are initialised */
#define PG_TAGBUSY	0x0004		/* (A) tags being initialised */
/* Freed while busy: the busy holder frees it (and its swap slot). */
#define PG_DROP		0x0008		/* (A, set under O) */

/* busy: exclusive, or a count of shared holders; someone waits. */
#define VPB_XBUSY	0x8000
#define VPB_WAITERS	0x4000
#define VPB_SHARERS	0x3fff

/* queue */
#define PQ_NONE		0
#define PQ_ACTIVE	1		/* mapped recently */
#define PQ_INACTIVE	2		/* candidates for page-out */
#define PQ_LAUNDRY	3		/* dirty, to be written to swap */
#define PQ_COUNT	4

/* order of a page that is not the first page of a free block */
#define VM_FREE_ORDER_NONE	VM_NFREEORDER

/* Find the page of a physical address; NULL if the address is not RAM. */
struct vm_page	*vm_phys_paddr_to_vm_page(vm_paddr_t pa);

#define VM_PAGE_TO_PHYS(m)	((m)->phys_addr)
#define PHYS_TO_VM_PAGE(pa)	vm_phys_paddr_to_vm_page(pa)

/* vm_page_alloc() flags */
#define VM_ALLOC_ZERO		0x0001	/* zero the page (pmap_zero_page) */
#define VM_ALLOC_ZERO_TAGS	0x0002	/* zero data and MTE tags in one pass
					   (vm_page_tag_zero) */

/*
 * Pages of objects (vm_page.c).  The object must be locked
 * (vm_object_lock) around every call.
 */
struct vm_page	*vm_page_alloc(struct vm_object *object, vm_pindex_t pindex,
		    int flags);
struct vm_page	*vm_page_alloc_run(struct vm_object *object, vm_pindex_t first,
		    int flags);
struct vm_page	*vm_page_lookup(struct vm_object *object, vm_pindex_t pindex);
struct vm_page	*vm_page_find_least(struct vm_object *object,
		    vm_pindex_t pindex);
void		vm_page_insert(struct vm_page *m, struct vm_object *object,
		    vm_pindex_t pindex);
void		vm_page_remove(struct vm_page *m);
void		vm_page_rename(struct vm_page *m, struct vm_object *new_object,
		    vm_pindex_t new_pindex);
void		vm_page_free(struct vm_page *m);
bool		vm_page_free_range(struct vm_object *object, vm_pindex_t start,
		    vm_pindex_t end);

/* Busy state (vm_page.c); the page's object locked around each call. */
void		vm_page_xbusy(struct vm_page *m);
void		vm_page_xunbusy(struct vm_page *m);
void		vm_page_sbusy(struct vm_page *m);
void		vm_page_sunbusy(struct vm_page *m);
void		vm_page_busy_sleep(struct vm_page *m);

/* True if m is busy, shared or exclusive (object locked). */
static inline bool
vm_page_busied(const struct vm_page *m)
{
	return ((m->busy & (VPB_XBUSY | VPB_SHARERS)) != 0);
}

/* Page queues (vm_pagequeue.c); the page's object locked. */
void		vm_page_enqueue(struct vm_page *m, uint8_t queue);
void		vm_page_dequeue(struct vm_page *m);
void		vm_page_dequeue_list(struct vm_page *m);
void		vm_page_activate(struct vm_page *m);
void		vm_page_activate_run(struct vm_page *m, u_long npages);

/* The page's contents, through the direct map. */
static inline void *
vm_page_to_dmap(struct vm_page *m)
{
	return ((void *)PHYS_TO_DMAP(VM_PAGE_TO_PHYS(m)));
}

/* Set flag bits; other bits may change concurrently, hence the atomic. */
static inline void
vm_page_flag_set(struct vm_page *m, uint16_t bits)
{
	__atomic_fetch_or(&m->flags, bits, __ATOMIC_RELAXED);
}

/* Clear flag bits, atomically for the same reason. */
static inline void
vm_page_flag_clear(struct vm_page *m, uint16_t bits)
{
	__atomic_fetch_and(&m->flags, (uint16_t)~bits, __ATOMIC_RELAXED);
}

/* Read the flags. */
static inline uint16_t
vm_page_flags(const struct vm_page *m)
{
	return (__atomic_load_n(&m->flags, __ATOMIC_RELAXED));
}

#endif /* !_VM_VM_PAGE_H_ */
