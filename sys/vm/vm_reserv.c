/*
 * Superpage reservations (see vm_reserv.h).
 *
 * One struct vm_reserv describes each 2 MiB-aligned physical frame of RAM,
 * in one array indexed by physical address, so the reservation of any
 * page is found without a field in struct vm_page.  A reservation is
 * active while its object is set; its population map says which of its
 * pages the object holds (or held before a rename: those are freed
 * through here too, or become ordinary pages when it is broken).
 *
 * Partly populated reservations are kept on one queue, least recently
 * changed first: vm_reserv_reclaim() breaks the head, the reservation
 * least likely to be completed soon.
 *
 * Lock keys:
 *	(C) constant after vm_reserv_init()
 *	(R) vm_reserv_lock
 */
#include "sys/systm.h"
#include "sys/param.h"
#include "sys/queue.h"
#include "sys/spinlock.h"
#include "vm/vm.h"
#include "vm/vm_object.h"
#include "vm/vm_page.h"
#include "vm/vm_page_tags.h"
#include "vm/vm_phys.h"
#include "vm/vm_reserv.h"

#define VM_RESERV_SHIFT		(PAGE_SHIFT + VM_LEVEL_0_ORDER)
#define VM_RESERV_MAPWORDS	(VM_LEVEL_0_NPAGES / 64)

struct vm_reserv {
	struct vm_object *object;	/* (R) owner; NULL if inactive; every
					   write atomic, as freeing reads it
					   without the lock */
	vm_pindex_t	pindex;		/* (R) owner's first pindex */
	struct vm_page	*pages;		/* (R) first of the 512 pages */
	TAILQ_ENTRY(vm_reserv) objq;	/* (R) on object->rvq */
	TAILQ_ENTRY(vm_reserv) partpopq; /* (R) on vm_reserv_partpop */
	u_int		popcnt;		/* (R) pages populated */
	bool		inpartpopq;	/* (R) on vm_reserv_partpop */
	uint64_t	popmap[VM_RESERV_MAPWORDS]; /* (R) populated pages */
};

struct vm_reserv_counters vm_reserv_counters;

static struct spinlock vm_reserv_lock = SPINLOCK_INITIALIZER("vm_reserv");
static TAILQ_HEAD(, vm_reserv) vm_reserv_partpop =
    TAILQ_HEAD_INITIALIZER(vm_reserv_partpop);		/* (R) */
/*
 * (R) reserved, unpopulated pages; read without the lock
 * (vm_reserv_free_count), so every write is one atomic store.
 */
u_long		vm_reserv_nfree;

/* Add delta (two's complement) to vm_reserv_nfree; vm_reserv_lock held. */
static inline void
vm_reserv_nfree_add(u_long delta)
{
	__atomic_store_n(&vm_reserv_nfree, vm_reserv_nfree + delta,
	    __ATOMIC_RELAXED);
}
static struct vm_reserv *vm_reserv_array;	/* (C) */
bool		vm_reserv_enabled;		/* (C) vm_reserv_array is set */
static u_long	vm_reserv_count;		/* (C) entries */
static vm_paddr_t vm_reserv_base;		/* (C) pa of entry 0 */

/* Add delta to a counter of vm_reserv_counters. */
static void
vm_reserv_count_add(u_long *counter, long delta)
{
	__atomic_add_fetch(counter, (u_long)delta, __ATOMIC_RELAXED);
}

/*
 * Build the reservation array for all RAM vm_phys manages; before it runs
 * (or if it could not get memory) no reservation is ever made.  The array
 * comes from vm_phys, at most one 2 MiB block: RAM beyond what it covers
 * is simply not reserved.
 */
void
vm_reserv_init(void)
{
	vm_paddr_t lo, hi;
	struct vm_page *m;
	u_long n, bytes;
	int order;

	KASSERT(vm_reserv_array == NULL, ("%s: called twice", __func__));
	vm_phys_span(&lo, &hi);
	if (lo >= hi)
		return;
	lo = rounddown2(lo, (vm_paddr_t)1 << VM_RESERV_SHIFT);
	n = howmany(hi - lo, (vm_paddr_t)1 << VM_RESERV_SHIFT);
	for (order = 0; order < VM_LEVEL_0_ORDER &&
	    (PAGE_SIZE << order) < n * sizeof(struct vm_reserv); order++)
		;
	n = MIN(n, (PAGE_SIZE << order) / sizeof(struct vm_reserv));
	bytes = n * sizeof(struct vm_reserv);
	if ((m = vm_phys_alloc_pages(order)) == NULL)
		return;
	memset(vm_page_to_dmap(m), 0, bytes);
	vm_reserv_base = lo;
	vm_reserv_count = n;
	vm_reserv_array = vm_page_to_dmap(m);
	vm_reserv_enabled = true;
}

/* The reservation describing m's 2 MiB frame, or NULL if none does. */
static struct vm_reserv *
vm_reserv_from_page(struct vm_page *m)
{
	vm_paddr_t pa = VM_PAGE_TO_PHYS(m);
	u_long i;

	if (vm_reserv_array == NULL || pa < vm_reserv_base)
		return (NULL);
	i = (pa - vm_reserv_base) >> VM_RESERV_SHIFT;
	return (i < vm_reserv_count ? &vm_reserv_array[i] : NULL);
}

static bool
vm_reserv_popmap_is_set(const struct vm_reserv *rv, u_int i)
{
	return ((rv->popmap[i / 64] & (1UL << (i % 64))) != 0);
}

/* True if none of pages [i, i + n) of rv is populated. */
static bool
vm_reserv_popmap_is_clear(const struct vm_reserv *rv, u_int i, u_int n)
{
	u_int j;

	for (j = i; j < i + n; j++)
		if (vm_reserv_popmap_is_set(rv, j))
			return (false);
	return (true);
}

/*
 * Move rv to the tail of the partly-populated queue (R); one already
 * there (the one a sequence of faults is filling) stays put.
 */
static void
vm_reserv_requeue(struct vm_reserv *rv)
{
	if (rv->inpartpopq && TAILQ_NEXT(rv, partpopq) == NULL)
		return;
	if (rv->inpartpopq)
		TAILQ_REMOVE(&vm_reserv_partpop, rv, partpopq);
	TAILQ_INSERT_TAIL(&vm_reserv_partpop, rv, partpopq);
	rv->inpartpopq = true;
}

/*
 * Populate page i of rv (R): its vm_page, or NULL if the page is already
 * populated (it was renamed into another object and is still there).
 */
static struct vm_page *
vm_reserv_populate(struct vm_reserv *rv, u_int i)
{
	if (vm_reserv_popmap_is_set(rv, i))
		return (NULL);
	rv->popmap[i / 64] |= 1UL << (i % 64);
	rv->popcnt++;
	vm_reserv_nfree_add(-1UL);
	if (rv->popcnt == VM_LEVEL_0_NPAGES) {
		TAILQ_REMOVE(&vm_reserv_partpop, rv, partpopq);
		rv->inpartpopq = false;
		vm_reserv_count_add(&vm_reserv_counters.fullpop, 1);
	} else
		vm_reserv_requeue(rv);
	return (&rv->pages[i]);
}

/* Make rv inactive (R): off every list, its map empty. */
static void
vm_reserv_deactivate(struct vm_reserv *rv)
{
	TAILQ_REMOVE(&rv->object->rvq, rv, objq);
	if (rv->object->rvhint == rv)
		rv->object->rvhint = NULL;
	if (rv->inpartpopq)
		TAILQ_REMOVE(&vm_reserv_partpop, rv, partpopq);
	else
		vm_reserv_count_add(&vm_reserv_counters.fullpop, -1);
	rv->inpartpopq = false;
	memset(rv->popmap, 0, sizeof(rv->popmap));
	rv->popcnt = 0;
	__atomic_store_n(&rv->object, NULL, __ATOMIC_RELAXED);
	vm_reserv_count_add(&vm_reserv_counters.active, -1);
}

/*
 * Break rv (R): give its unpopulated pages back to vm_phys, in the largest
 * aligned blocks they form, and make the populated ones ordinary pages
 * (freed one by one later).
 */
static void
vm_reserv_break(struct vm_reserv *rv)
{
	u_int i, n;
	int order;

	for (i = 0; i < VM_LEVEL_0_NPAGES; i += n) {
		n = 1;
		if (vm_reserv_popmap_is_set(rv, i))
			continue;
		for (order = 0; order < VM_LEVEL_0_ORDER &&
		    (i & ((2U << order) - 1)) == 0 &&
		    vm_reserv_popmap_is_clear(rv, i, 2U << order); order++)
			;
		n = 1U << order;
		vm_phys_free_pages(&rv->pages[i], order);
	}
	vm_reserv_nfree_add(-(u_long)(VM_LEVEL_0_NPAGES - rv->popcnt));
	vm_reserv_deactivate(rv);
	vm_reserv_count_add(&vm_reserv_counters.broken, 1);
}

/*
 * A new, empty reservation of a free aligned 2 MiB run for object's
 * (locked) part at pindex first, returned with vm_reserv_lock held; NULL
 * (unlocked) if the object has a page in the part or no run is free.
 * Reserve only for a part with no page yet: a part whose reservation was
 * broken keeps its ordinary pages, and a new run beside them could never
 * be promoted.  The object's lock keeps another CPU from reserving the
 * same part meanwhile.  Never breaks a reservation to make one.
 */
static struct vm_reserv *
vm_reserv_create(struct vm_object *object, vm_pindex_t first)
{
	struct vm_reserv *rv;
	struct vm_page *m;

	m = vm_page_find_least(object, first);
	if (m != NULL && m->pindex < first + VM_LEVEL_0_NPAGES)
		return (NULL);
	if ((m = vm_phys_alloc_pages_nobreak(VM_LEVEL_0_ORDER)) == NULL)
		return (NULL);
	if ((rv = vm_reserv_from_page(m)) == NULL) {
		vm_phys_free_pages(m, VM_LEVEL_0_ORDER);
		return (NULL);
	}
	spin_lock(&vm_reserv_lock);
	KASSERT(rv->object == NULL && rv->popcnt == 0,
	    ("%s: free run %#lx has a reservation of object %p", __func__,
	    VM_PAGE_TO_PHYS(m), rv->object));
	__atomic_store_n(&rv->object, object, __ATOMIC_RELAXED);
	rv->pindex = first;
	rv->pages = m;
	TAILQ_INSERT_TAIL(&object->rvq, rv, objq);
	vm_reserv_count_add(&vm_reserv_counters.reserved, 1);
	vm_reserv_count_add(&vm_reserv_counters.active, 1);
	return (rv);
}

/*
 * A page for object (locked) at pindex from the object's reservation for
 * pindex's 2 MiB part, reserving one if none exists; NULL if object or
 * part is not eligible (a shared memory object, or a part not wholly
 * inside the object), no aligned 2 MiB run is free, or the page cannot
 * come from the reservation.  The caller then takes an ordinary page.
 * The page's contents are stale, as vm_phys_alloc_pages() leaves them.
 */
struct vm_page *
vm_reserv_alloc_page(struct vm_object *object, vm_pindex_t pindex)
{
	struct vm_reserv *rv;
	struct vm_page *m;
	vm_pindex_t first;

	KASSERT(spin_owned(&object->lock),
	    ("%s: object %p not locked", __func__, object));
	if (!vm_reserv_eligible(object, pindex))
		return (NULL);
	first = rounddown2(pindex, VM_LEVEL_0_NPAGES);
	spin_lock(&vm_reserv_lock);
	/* Pages mostly come in runs: the last reservation is the likely one. */
	if ((rv = object->rvhint) == NULL || rv->pindex != first)
		TAILQ_FOREACH(rv, &object->rvq, objq)
			if (rv->pindex == first)
				break;
	if (rv != NULL) {
		KASSERT(rv->object == object, ("%s: object %p's reservation "
		    "%p is %p's", __func__, object, rv, rv->object));
		object->rvhint = rv;
		m = vm_reserv_populate(rv, pindex - first);
		spin_unlock(&vm_reserv_lock);
		return (m);
	}
	spin_unlock(&vm_reserv_lock);

	if ((rv = vm_reserv_create(object, first)) == NULL)
		return (NULL);
	vm_reserv_nfree_add(VM_LEVEL_0_NPAGES);
	object->rvhint = rv;
	m = vm_reserv_populate(rv, pindex - first);
	spin_unlock(&vm_reserv_lock);
	KASSERT(m != NULL, ("%s: fresh reservation refused", __func__));
	return (m);
}

/*
 * Reserve object's (locked) whole 2 MiB part starting at pindex first (a
 * multiple of VM_LEVEL_0_NPAGES) and populate all of it at once: the
 * run's first page, or NULL if the part is not eligible (as for
 * vm_reserv_alloc_page), the object has a page or a reservation in it,
 * or no free aligned run exists.  The caller fills and inserts all the
 * pages (vm_page_alloc_run).
 */
struct vm_page *
vm_reserv_alloc_run(struct vm_object *object, vm_pindex_t first)
{
	struct vm_reserv *rv;
	struct vm_page *m;

	KASSERT(spin_owned(&object->lock),
	    ("%s: object %p not locked", __func__, object));
	KASSERT(first % VM_LEVEL_0_NPAGES == 0,
	    ("%s: pindex %#lx unaligned", __func__, first));
	if (!vm_reserv_eligible(object, first))
		return (NULL);
	/* No page in the part, so no reservation either: popcnt > 0. */
	if ((rv = vm_reserv_create(object, first)) == NULL)
		return (NULL);
	memset(rv->popmap, 0xff, sizeof(rv->popmap));
	rv->popcnt = VM_LEVEL_0_NPAGES;
	rv->inpartpopq = false;
	vm_reserv_count_add(&vm_reserv_counters.fullpop, 1);
	m = rv->pages;
	spin_unlock(&vm_reserv_lock);
	return (m);
}

/*
 * If m, a page being freed (no mappings, no object), is populated in an
 * active reservation, take it back into the reservation, dropping its tag
 * state, and return true; the reservation's last page gives the whole run
 * back to vm_phys.  False means m is an ordinary page for vm_phys.
 */
bool
vm_reserv_free_page(struct vm_page *m)
{
	struct vm_reserv *rv;
	u_int i;

	/*
	 * A frame whose reservation is inactive holds no reserved page:
	 * m, allocated, keeps a new one from being made there, and one
	 * that held m may only end (reclaim) meanwhile, making m ordinary
	 * either way.  So an ordinary page is told without the lock.
	 */
	if ((rv = vm_reserv_from_page(m)) == NULL ||
	    __atomic_load_n(&rv->object, __ATOMIC_RELAXED) == NULL)
		return (false);
	spin_lock(&vm_reserv_lock);
	i = m - rv->pages;
	if (rv->object == NULL || !vm_reserv_popmap_is_set(rv, i)) {
		spin_unlock(&vm_reserv_lock);
		return (false);
	}
	/* A freed page loses its tag state (docs/abi.md invariant 4). */
	vm_page_tag_free(m, 1);
	if (rv->popcnt == VM_LEVEL_0_NPAGES)
		vm_reserv_count_add(&vm_reserv_counters.fullpop, -1);
	rv->popmap[i / 64] &= ~(1UL << (i % 64));
	rv->popcnt--;
	vm_reserv_nfree_add(1);
	vm_reserv_requeue(rv);
	if (rv->popcnt == 0) {
		m = rv->pages;
		vm_reserv_nfree_add(-(u_long)VM_LEVEL_0_NPAGES);
		vm_reserv_deactivate(rv);
		vm_reserv_count_add(&vm_reserv_counters.freed, 1);
		vm_phys_free_pages(m, VM_LEVEL_0_ORDER);
	}
	spin_unlock(&vm_reserv_lock);
	return (true);
}

/*
 * m and the VM_LEVEL_0_NPAGES - 1 pages after it are being freed together
 * (no mappings, no object, off their queues: vm_page_free_range).  If they
 * are an active reservation, every page populated, free it whole: its
 * pages lose their tag state and go back to vm_phys as one block of
 * order VM_LEVEL_0_ORDER, with no page-by-page accounting, and true is
 * returned.  False (nothing done) if they are not such a reservation: a
 * partly populated one, whose other pages someone else may still
 * allocate, or none; the caller frees them one by one.
 */
bool
vm_reserv_free_run(struct vm_page *m)
{
	struct vm_reserv *rv;

	if ((rv = vm_reserv_from_page(m)) == NULL ||
	    __atomic_load_n(&rv->object, __ATOMIC_RELAXED) == NULL)
		return (false);
	spin_lock(&vm_reserv_lock);
	if (rv->object == NULL || rv->pages != m ||
	    rv->popcnt != VM_LEVEL_0_NPAGES) {
		spin_unlock(&vm_reserv_lock);
		return (false);
	}
	vm_reserv_deactivate(rv);
	vm_reserv_count_add(&vm_reserv_counters.freed, 1);
	spin_unlock(&vm_reserv_lock);
	/* The frame is no reservation's now: a plain block for vm_phys. */
	vm_phys_free_pages(m, VM_LEVEL_0_ORDER);
	return (true);
}

/*
 * Break object's reservations overlapping pindexes [start, end) (end 0:
 * to the end): the range is going away, so its reserved pages must not
 * wait for the object's death.
 */
void
vm_reserv_break_range(struct vm_object *object, vm_pindex_t start,
    vm_pindex_t end)
{
	struct vm_reserv *rv, *next;

	spin_lock(&vm_reserv_lock);
	for (rv = TAILQ_FIRST(&object->rvq); rv != NULL; rv = next) {
		next = TAILQ_NEXT(rv, objq);
		if ((end == 0 || rv->pindex < end) &&
		    rv->pindex + VM_LEVEL_0_NPAGES > start)
			vm_reserv_break(rv);
	}
	spin_unlock(&vm_reserv_lock);
}

/* Break every reservation of object, which is being destroyed. */
void
vm_reserv_break_all(struct vm_object *object)
{
	vm_reserv_break_range(object, 0, 0);
}

/*
 * Memory is short: break the partly populated reservation changed least
 * recently.  True if one was broken (pages were freed), false if none is
 * left.
 */
bool
vm_reserv_reclaim(void)
{
	struct vm_reserv *rv;

	spin_lock(&vm_reserv_lock);
	rv = TAILQ_FIRST(&vm_reserv_partpop);
	if (rv != NULL) {
		vm_reserv_break(rv);
		vm_reserv_count_add(&vm_reserv_counters.reclaimed, 1);
	}
	spin_unlock(&vm_reserv_lock);
	return (rv != NULL);
}

/*
 * True if m lies in an active reservation whose every page is populated:
 * a hint for the pmap that the 2 MiB around m may be promoted, read
 * without the lock (the pmap checks the page table itself).
 */
bool
vm_reserv_is_fullpop(struct vm_page *m)
{
	struct vm_reserv *rv;

	if ((rv = vm_reserv_from_page(m)) == NULL)
		return (false);
	return (__atomic_load_n(&rv->popcnt, __ATOMIC_RELAXED) ==
	    VM_LEVEL_0_NPAGES);
}
