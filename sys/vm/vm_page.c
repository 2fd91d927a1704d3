/*
 * Pages of VM objects: allocation into an object, lookup by pindex,
 * removal and freeing.  The object's page tree (vm_tree, keyed by pindex)
 * is the index; the object's lock protects it and the pages' object and
 * pindex fields (see the locking note in vm_page.h).
 */
#include "sys/systm.h"
#include "sys/param.h"
#include "vm/pmap.h"
#include "vm/vm.h"
#include "vm/vm_object.h"
#include "vm/vm_page.h"
#include "vm/vm_page_tags.h"
#include "vm/vm_pageout.h"
#include "vm/vm_phys.h"
#include "vm/vm_reserv.h"
#include "sys/sleep.h"

/*
 * The interlock of sleeps on busy pages: a thread that finds a page busy
 * holds it across dropping the object's lock and getting on the sleep
 * queue, and the unbusying thread takes it before waking the page's
 * sleepers, so no wakeup is lost and the sleeper never touches the
 * object after it wakes (the object may be gone by then).
 */
static struct spinlock vm_page_busy_lock = SPINLOCK_INITIALIZER("vm_page_busy");

/* The page of node, a link in an object's page tree. */
static struct vm_page *
vm_page_of_node(struct vm_tree_node *node)
{
	return (node == NULL ? NULL :
	    __containerof(node, struct vm_page, objnode));
}

/*
 * How far vm_page_near walks memq from the hint before it asks the tree:
 * a fault and its fault-around ask for pindexes within a few pages of the
 * last one (vm_fault.c maps up to 4 behind and 4 ahead).
 */
#define VM_PAGE_HINT_STEPS	8

/*
 * The page of object (locked) with the smallest pindex at least pindex,
 * or NULL, if the hint settles it within VM_PAGE_HINT_STEPS steps of
 * memq or the object has no page; *known is false if it does not (the
 * caller asks the tree).
 */
static struct vm_page *
vm_page_near(struct vm_object *object, vm_pindex_t pindex, bool *known)
{
	struct vm_page *m = object->hint, *prev;
	int steps;

	if (m == NULL) {
		/* Only an object without pages has no hint. */
		KASSERT(TAILQ_EMPTY(&object->memq),
		    ("%s: object %p has pages but no hint", __func__, object));
		*known = true;
		return (NULL);
	}
	*known = false;
	for (steps = 0; steps < VM_PAGE_HINT_STEPS; steps++) {
		if (m->pindex < pindex) {
			m = TAILQ_NEXT(m, listq);
			if (m == NULL || m->pindex >= pindex) {
				*known = true;
				return (m);
			}
		} else {
			prev = TAILQ_PREV(m, vm_object_pglist, listq);
			if (prev == NULL || prev->pindex < pindex) {
				*known = true;
				return (m);
			}
			m = prev;
		}
	}
	return (NULL);
}

/*
 * Put object's (locked) unindexed tail, the pages of memq from
 * object->unindexed on, into the tree, in order: each goes after its
 * memq predecessor, the tree's largest key by then, with no search.  The
 * tree then holds every page on memq.
 */
static void
vm_page_index_tail(struct vm_object *object)
{
	struct vm_page *m, *prev;

	for (m = object->unindexed; m != NULL; m = TAILQ_NEXT(m, listq)) {
		prev = TAILQ_PREV(m, vm_object_pglist, listq);
		vm_tree_insert_between(&object->pages, &m->objnode,
		    prev != NULL ? &prev->objnode : NULL, NULL);
	}
	object->unindexed = NULL;
}

/* True if m, a page of object (locked), is in its unindexed tail. */
static inline bool
vm_page_unindexed(const struct vm_object *object, const struct vm_page *m)
{
	return (object->unindexed != NULL &&
	    m->pindex >= object->unindexed->pindex);
}

/* As vm_page_find_least, without moving the hint. */
static struct vm_page *
vm_page_find_least_nohint(struct vm_object *object, vm_pindex_t pindex)
{
	struct vm_page *m;
	bool known;

	m = vm_page_near(object, pindex, &known);
	if (known)
		return (m);
	/*
	 * The tree holds the pages below the unindexed tail: at or before
	 * the tail's first page, the tree answers or that page does (an
	 * munmap of memory touched in order needs no tree).
	 */
	if (object->unindexed != NULL &&
	    pindex > object->unindexed->pindex)
		vm_page_index_tail(object);
	m = vm_page_of_node(vm_tree_lookup_ge(&object->pages, pindex));
	if (m == NULL)
		m = object->unindexed;
	return (m);
}

/*
 * True if object's hint is the page just before pindex (the largest
 * pindex below it): then *prevp is the hint and *nextp the page after it
 * or NULL, pindex's neighbours for an insertion.  A first touch of
 * ascending pages asks for the pindex right after the last one inserted,
 * so this answers it in a few loads, without vm_page_near's walk.
 */
static inline bool
vm_page_after_hint(struct vm_object *object, vm_pindex_t pindex,
    struct vm_page **prevp, struct vm_page **nextp)
{
	struct vm_page *prev = object->hint, *next;

	if (prev == NULL || prev->pindex >= pindex)
		return (false);
	next = TAILQ_NEXT(prev, listq);
	if (next != NULL && next->pindex < pindex)
		return (false);
	*prevp = prev;
	*nextp = next;
	return (true);
}

/*
 * Make m, a page no object holds, object's page at pindex and the
 * object's hint.  Panics if object already has a page there.  A page
 * after all others joins memq's unindexed tail (vm_object.h); one
 * between two pages goes into the tree, which then takes in the tail
 * first.
 */
void
vm_page_insert(struct vm_page *m, struct vm_object *object,
    vm_pindex_t pindex)
{
	struct vm_page *next, *prev;

	KASSERT(spin_owned(&object->lock),
	    ("%s: object %p not locked", __func__, object));
	KASSERT(m->object == NULL,
	    ("%s: page %#lx already in object %p", __func__,
	    VM_PAGE_TO_PHYS(m), m->object));
	if (!vm_page_after_hint(object, pindex, &prev, &next)) {
		next = vm_page_find_least_nohint(object, pindex);
		/* memq gives both neighbours: the tree needs no search. */
		prev = next != NULL ?
		    TAILQ_PREV(next, vm_object_pglist, listq) :
		    TAILQ_LAST(&object->memq, vm_object_pglist);
	}
	KASSERT(next == NULL || next->pindex != pindex,
	    ("%s: object %p already has page %#lx at pindex %#lx", __func__,
	    object, VM_PAGE_TO_PHYS(next), pindex));
	m->object = object;
	m->pindex = pindex;
	if (next == NULL) {
		if (object->unindexed == NULL)
			object->unindexed = m;
		TAILQ_INSERT_TAIL(&object->memq, m, listq);
	} else {
		if (object->unindexed != NULL)
			vm_page_index_tail(object);
		vm_tree_insert_between(&object->pages, &m->objnode,
		    prev != NULL ? &prev->objnode : NULL, &next->objnode);
		TAILQ_INSERT_BEFORE(next, m, listq);
	}
	object->hint = m;
	object->resident_page_count++;
}

/*
 * Take m out of its object (locked); m stays allocated.  A hint on m
 * moves to a neighbour, so a walk that frees pages in order keeps it.
 */
void
vm_page_remove(struct vm_page *m)
{
	struct vm_object *object = m->object;

	KASSERT(object != NULL, ("%s: page %#lx in no object", __func__,
	    VM_PAGE_TO_PHYS(m)));
	KASSERT(spin_owned(&object->lock),
	    ("%s: object %p not locked", __func__, object));
	if (object->hint == m) {
		object->hint = TAILQ_NEXT(m, listq);
		if (object->hint == NULL)
			object->hint = TAILQ_PREV(m, vm_object_pglist, listq);
	}
	if (!vm_page_unindexed(object, m))
		vm_tree_remove(&object->pages, &m->objnode);
	else if (object->unindexed == m)
		object->unindexed = TAILQ_NEXT(m, listq);
	TAILQ_REMOVE(&object->memq, m, listq);
	object->resident_page_count--;
	m->object = NULL;
}

/*
 * Move m to new_object at new_pindex (both objects locked), keeping its
 * contents and mappings: collapse uses it to hand a backing object's
 * pages to the shadow that absorbs it.
 */
void
vm_page_rename(struct vm_page *m, struct vm_object *new_object,
    vm_pindex_t new_pindex)
{
	uint8_t queue = m->queue;

	KASSERT(!vm_page_busied(m), ("%s: page %#lx is busy", __func__,
	    VM_PAGE_TO_PHYS(m)));
	/* A queued page's object must not change under the queue lock. */
	vm_page_dequeue(m);
	vm_page_remove(m);
	vm_page_insert(m, new_object, new_pindex);
	if (queue != PQ_NONE)
		vm_page_enqueue(m, queue);
}

/*
 * A new page for object (locked) at pindex, from the object's superpage
 * reservation for pindex if it can have one (vm_reserv.h), zeroed if flags has
 * VM_ALLOC_ZERO, data and tags zeroed and tagged if it has
 * VM_ALLOC_ZERO_TAGS, else with stale contents the caller overwrites.  NULL if
 * memory is exhausted.  The caller checked that pindex is free; doing the
 * lookup and this call under one hold of the lock is what makes a page's
 * creation happen once.  Also NULL when free memory is down to the
 * reserve kept for the kernel and the page daemon (vm_page_count_ok): the
 * caller drops its locks and waits (vm_wait).
 */
struct vm_page *
vm_page_alloc(struct vm_object *object, vm_pindex_t pindex, int flags)
{
	struct vm_page *m;

	KASSERT(spin_owned(&object->lock),
	    ("%s: object %p not locked", __func__, object));
	if (!vm_page_count_ok(1))
		return (NULL);
	m = NULL;
	if (vm_reserv_eligible(object, pindex))
		m = vm_reserv_alloc_page(object, pindex);
	if (m == NULL && (m = vm_phys_alloc_pages(0)) == NULL)
		return (NULL);
	KASSERT(m->object == NULL && m->ref_count == 0,
	    ("%s: free page %#lx has object %p refs %u", __func__,
	    VM_PAGE_TO_PHYS(m), m->object, m->ref_count));
	if ((flags & VM_ALLOC_ZERO_TAGS) != 0)
		vm_page_tag_zero(m);
	else if ((flags & VM_ALLOC_ZERO) != 0)
		pmap_zero_page(m);
	vm_page_insert(m, object, pindex);
	return (m);
}

/*
 * Make the npages pages at m (consecutive in their vm_page array), which
 * no object holds, object's pages at pindex first onward, in one step:
 * one tree operation (vm_tree_insert_run) and one splice into memq,
 * instead of npages insertions.  The last becomes the hint.  Panics if
 * object has a page in the range.
 */
static void
vm_page_insert_run(struct vm_page *m, struct vm_object *object,
    vm_pindex_t first, u_long npages)
{
	struct vm_page *next;
	u_long i;

	KASSERT(spin_owned(&object->lock),
	    ("%s: object %p not locked", __func__, object));
	/* The run goes into the tree, so the tail before it must first. */
	if (object->unindexed != NULL)
		vm_page_index_tail(object);
	next = vm_page_find_least_nohint(object, first);
	KASSERT(next == NULL || next->pindex >= first + npages,
	    ("%s: object %p already has page %#lx at pindex %#lx", __func__,
	    object, VM_PAGE_TO_PHYS(next), next->pindex));
	for (i = 0; i < npages; i++) {
		KASSERT(m[i].object == NULL,
		    ("%s: page %#lx already in object %p", __func__,
		    VM_PAGE_TO_PHYS(&m[i]), m[i].object));
		m[i].object = object;
		m[i].pindex = first + i;
		if (next != NULL)
			TAILQ_INSERT_BEFORE(next, &m[i], listq);
		else
			TAILQ_INSERT_TAIL(&object->memq, &m[i], listq);
	}
	vm_tree_insert_run(&object->pages, &m[0].objnode, sizeof(*m), npages);
	object->hint = &m[npages - 1];
	object->resident_page_count += npages;
}

/*
 * The VM_LEVEL_0_NPAGES pages of a fresh, fully populated superpage
 * reservation for object's (locked) 2 MiB part at first (a multiple of
 * VM_LEVEL_0_NPAGES), zeroed in one pass over the run (data and tags if
 * flags has VM_ALLOC_ZERO_TAGS, else data) and inserted in one step; NULL
 * if the part cannot have one (vm_reserv_alloc_run), and the caller takes
 * pages one at a time.
 */
struct vm_page *
vm_page_alloc_run(struct vm_object *object, vm_pindex_t first, int flags)
{
	struct vm_page *m;

	if (!vm_page_count_ok(VM_LEVEL_0_NPAGES) ||
	    (m = vm_reserv_alloc_run(object, first)) == NULL)
		return (NULL);
	if ((flags & VM_ALLOC_ZERO_TAGS) != 0)
		vm_page_tag_zero_run(m, VM_LEVEL_0_NPAGES);
	else
		pmap_zero_run(m, VM_LEVEL_0_NPAGES);
	vm_page_insert_run(m, object, first, VM_LEVEL_0_NPAGES);
	return (m);
}

/*
 * object's (locked) page at pindex, or NULL.  A page found becomes the
 * hint.
 */
struct vm_page *
vm_page_lookup(struct vm_object *object, vm_pindex_t pindex)
{
	struct vm_page *m, *prev;

	KASSERT(spin_owned(&object->lock),
	    ("%s: object %p not locked", __func__, object));
	if (vm_page_after_hint(object, pindex, &prev, &m)) {
		/* The common miss: pindex is past the hint, before its next. */
		if (m == NULL || m->pindex != pindex)
			return (NULL);
	} else if ((m = object->hint) == NULL || m->pindex != pindex) {
		m = vm_page_find_least_nohint(object, pindex);
		if (m == NULL || m->pindex != pindex)
			return (NULL);
	}
	object->hint = m;
	return (m);
}

/*
 * object's (locked) page with the smallest pindex at least pindex, or
 * NULL: the way to walk an object's pages in order.  A page found becomes
 * the hint, so each step of such a walk costs the same, whatever the
 * object's size.
 */
struct vm_page *
vm_page_find_least(struct vm_object *object, vm_pindex_t pindex)
{
	struct vm_page *m;

	KASSERT(spin_owned(&object->lock),
	    ("%s: object %p not locked", __func__, object));
	m = vm_page_find_least_nohint(object, pindex);
	if (m != NULL)
		object->hint = m;
	return (m);
}

/*
 * m, unmapped, off its queue and out of its object's indexes, is about to
 * be freed: it leaves its object.  Panics if something still holds it.
 */
static void
vm_page_free_prepare(struct vm_page *m)
{
	KASSERT(m->ref_count == 0 && m->queue == PQ_NONE,
	    ("%s: page %#lx still has %u references, queue %u", __func__,
	    VM_PAGE_TO_PHYS(m), m->ref_count, m->queue));
	m->object = NULL;
	if ((vm_page_flags(m) & PG_DROP) != 0)
		vm_page_flag_clear(m, PG_DROP);
}

/* Give m, prepared, back to its reservation or to vm_phys. */
static void
vm_page_free_prepared(struct vm_page *m)
{
	if (!vm_reserv_free_page(m))
		vm_phys_free_pages(m, 0);
}

/*
 * Unmap m everywhere, take it off its queue and out of its object
 * (locked) if it has one, and give it back to its reservation or to
 * vm_phys; threads waiting for memory learn of it.  Panics if something
 * still holds it or it is busy.
 */
void
vm_page_free(struct vm_page *m)
{
	KASSERT(!vm_page_busied(m), ("%s: page %#lx is busy (%#x)", __func__,
	    VM_PAGE_TO_PHYS(m), m->busy));
	pmap_remove_all(m);
	if (m->object != NULL) {
		vm_page_dequeue(m);
		vm_page_remove(m);
	}
	vm_page_free_prepare(m);
	vm_page_free_prepared(m);
	vm_wait_wakeup();
}

/*
 * True if the npages - 1 pages after m in their vm_page array follow it
 * on the list their listq links make, in order.  A page is looked at only
 * once its predecessor has shown it is on the list.
 */
static bool
vm_page_list_is_run(struct vm_page *m, u_long npages)
{
	u_long i;

	for (i = 1; i < npages; i++)
		if (TAILQ_NEXT(&m[i - 1], listq) != &m[i])
			return (false);
	return (true);
}

/*
 * Free object's (locked) pages with pindex in [start, end) (end 0: to the
 * end), as vm_page_free would one by one, and return true; but if one of
 * them is busy, do nothing and return false (the caller frees them one
 * by one, leaving the busy ones to their holders).  The batch leaves the
 * tree in one vm_tree_remove_range and memq in one cut, and the pmap, the
 * page queues and their locks are visited once for it; 512 pages that
 * are a whole, fully populated reservation (an munmap of superpage-mapped
 * memory) go back to vm_phys as one block (vm_reserv_free_run), the rest
 * page by page.  Threads waiting for memory learn of it once.  A range
 * holding one page frees it with vm_page_free.
 */
bool
vm_page_free_range(struct vm_object *object, vm_pindex_t start,
    vm_pindex_t end)
{
	struct vm_page *first, *last = NULL, *m, *next, *after;
	u_long n = 0, i;

	KASSERT(spin_owned(&object->lock),
	    ("%s: object %p not locked", __func__, object));
	if (object->resident_page_count == 0)
		return (true);
	first = vm_page_find_least_nohint(object, start);
	for (m = first; m != NULL && (end == 0 || m->pindex < end);
	    m = TAILQ_NEXT(m, listq)) {
		if (vm_page_busied(m))
			return (false);
		last = m;
		n++;
	}
	if (n == 0)
		return (true);
	if (n == 1) {
		/*
		 * The batch's fixed costs (a split and a join, three lock
		 * pairs) are more than one page's own.
		 */
		vm_page_free(first);
		return (true);
	}

	/*
	 * Out of the object's indexes; memq's cut leaves the batch linked
	 * by listq, from first to last.  The pages keep their object until
	 * they are off their queues (the page daemon reads it there).
	 */
	after = TAILQ_NEXT(last, listq);
	if (object->hint != NULL && object->hint->pindex >= first->pindex &&
	    object->hint->pindex <= last->pindex)
		object->hint = after != NULL ? after :
		    TAILQ_PREV(first, vm_object_pglist, listq);
	/*
	 * The tree holds the batch's pages before the unindexed tail; a
	 * tail starting inside the batch now starts after it.
	 */
	vm_tree_remove_range(&object->pages, first->pindex, last->pindex + 1);
	if (object->unindexed != NULL &&
	    object->unindexed->pindex >= first->pindex &&
	    object->unindexed->pindex <= last->pindex)
		object->unindexed = after;
	if (after != NULL)
		after->listq.tqe_prev = first->listq.tqe_prev;
	else
		object->memq.tqh_last = first->listq.tqe_prev;
	*first->listq.tqe_prev = after;
	last->listq.tqe_next = NULL;
	object->resident_page_count -= n;

	pmap_remove_all_list(first);
	vm_page_dequeue_list(first);
	/*
	 * A page in a reservation belongs to the reservation's object (a
	 * collapse that renames such pages breaks the reservations before
	 * it lets go of the objects), and reservations are made only under
	 * the object's lock, which we hold: so an object with none now has
	 * no page in one, and its pages go straight to vm_phys.
	 */
	if (__atomic_load_n(&TAILQ_FIRST(&object->rvq), __ATOMIC_RELAXED) ==
	    NULL) {
		/*
		 * Last page first: this CPU's page cache is a stack, so it
		 * hands the pages out again lowest first, and a later
		 * ascending fault gets physically ascending pages (runs for
		 * pmap's contiguous hint and for tag set-up).
		 */
		for (m = last;; m = next) {
			next = m == first ? NULL : __containerof(
			    m->listq.tqe_prev, struct vm_page, listq.tqe_next);
			vm_page_free_prepare(m);
			vm_phys_free_pages(m, 0);
			if (next == NULL)
				break;
		}
		vm_wait_wakeup();
		return (true);
	}
	for (m = first; m != NULL; m = next) {
		if ((atop(VM_PAGE_TO_PHYS(m)) & (VM_LEVEL_0_NPAGES - 1)) == 0 &&
		    vm_reserv_is_fullpop(m) &&
		    vm_page_list_is_run(m, VM_LEVEL_0_NPAGES)) {
			next = TAILQ_NEXT(&m[VM_LEVEL_0_NPAGES - 1], listq);
			for (i = 0; i < VM_LEVEL_0_NPAGES; i++)
				vm_page_free_prepare(&m[i]);
			if (vm_reserv_free_run(m))
				continue;
			for (i = 0; i < VM_LEVEL_0_NPAGES; i++)
				vm_page_free_prepared(&m[i]);
			continue;
		}
		next = TAILQ_NEXT(m, listq);
		vm_page_free_prepare(m);
		vm_page_free_prepared(m);
	}
	vm_wait_wakeup();
	return (true);
}

/*
 * Make m, a page of a locked object, exclusive busy: the caller's alone
 * for I/O.  It must not be busy already (the caller looked).
 */
void
vm_page_xbusy(struct vm_page *m)
{
	KASSERT(spin_owned(&m->object->lock),
	    ("%s: object %p not locked", __func__, m->object));
	KASSERT(!vm_page_busied(m), ("%s: page %#lx busy (%#x)", __func__,
	    VM_PAGE_TO_PHYS(m), m->busy));
	m->busy |= VPB_XBUSY;
}

/* Wake the threads sleeping on m's busy state, if any (object locked). */
static void
vm_page_busy_wakeup(struct vm_page *m)
{
	if ((m->busy & VPB_WAITERS) == 0)
		return;
	m->busy &= ~VPB_WAITERS;
	/* A sleeper between its check and its sleep holds the interlock. */
	spin_lock(&vm_page_busy_lock);
	spin_unlock(&vm_page_busy_lock);
	wakeup(m);
}

/* End an exclusive busy hold of m (object locked), waking waiters. */
void
vm_page_xunbusy(struct vm_page *m)
{
	KASSERT(spin_owned(&m->object->lock),
	    ("%s: object %p not locked", __func__, m->object));
	KASSERT((m->busy & VPB_XBUSY) != 0, ("%s: page %#lx not busy",
	    __func__, VM_PAGE_TO_PHYS(m)));
	m->busy &= ~VPB_XBUSY;
	vm_page_busy_wakeup(m);
}

/*
 * Take a shared busy hold of m (object locked): its contents stay as they
 * are (no page-in, no free) while the holder reads them.  m must not be
 * exclusive busy.
 */
void
vm_page_sbusy(struct vm_page *m)
{
	KASSERT(spin_owned(&m->object->lock),
	    ("%s: object %p not locked", __func__, m->object));
	KASSERT((m->busy & VPB_XBUSY) == 0 &&
	    (m->busy & VPB_SHARERS) != VPB_SHARERS,
	    ("%s: page %#lx busy (%#x)", __func__, VM_PAGE_TO_PHYS(m),
	    m->busy));
	m->busy++;
}

/* End a shared busy hold (object locked); the last one wakes waiters. */
void
vm_page_sunbusy(struct vm_page *m)
{
	KASSERT(spin_owned(&m->object->lock),
	    ("%s: object %p not locked", __func__, m->object));
	KASSERT((m->busy & VPB_SHARERS) != 0, ("%s: page %#lx not shared busy",
	    __func__, VM_PAGE_TO_PHYS(m)));
	if ((--m->busy & VPB_SHARERS) == 0)
		vm_page_busy_wakeup(m);
}

/*
 * Sleep until busy m is unbusied.  The caller holds m's object's lock and
 * no other spin lock; it returns without any (the object's lock is
 * released once the thread is on the sleep queue) and must look the page
 * up again: it may have been freed, and its object with it.
 */
void
vm_page_busy_sleep(struct vm_page *m)
{
	struct vm_object *object = m->object;

	KASSERT(spin_owned(&object->lock) && vm_page_busied(m),
	    ("%s: page %#lx not busy or object %p not locked", __func__,
	    VM_PAGE_TO_PHYS(m), object));
	m->busy |= VPB_WAITERS;
	spin_lock(&vm_page_busy_lock);
	vm_object_unlock(object);
	(void)sleep_on(m, &vm_page_busy_lock, false, 0);
	spin_unlock(&vm_page_busy_lock);
}
