/*
 * VM objects (see vm_object.h): creation, references, shadows for
 * copy-on-write, collapse, and page removal.
 *
 * References are atomic so taking one needs no lock.  The last reference
 * going away destroys the object.  When an object's references drop to
 * one and that one is a shadow's, no map can reach the object except
 * through that shadow, so the shadow absorbs it (vm_object_collapse):
 * this is what keeps chains short when a forked child exits.
 */
#include "sys/systm.h"
#include "sys/param.h"
#include "sys/errno.h"
#include "sys/malloc.h"
#include "vm/pmap.h"
#include "vm/vm.h"
#include "vm/vm_object.h"
#include "vm/vm_page.h"
#include "vm/vm_reserv.h"
#include "vm/swap_pager.h"

/* Objects alive now, for leak checks (sysctl vm.stats.object_count). */
static u_long vm_object_live;	/* (A) */

/* The key of a page in its object's tree: its pindex. */
static uint64_t
vm_object_page_key(const struct vm_tree_node *node)
{
	return (__containerof(node, struct vm_page, objnode)->pindex);
}

/* A new object of size pages with one reference and the given flags. */
static struct vm_object *
vm_object_allocate(vm_pindex_t size, u_int flags)
{
	struct vm_object *object;

	object = kmalloc(sizeof(*object), M_ZERO);
	if (object == NULL)
		return (NULL);
	spin_init(&object->lock, "vm_object");
	vm_tree_init(&object->pages, vm_object_page_key);
	TAILQ_INIT(&object->memq);
	object->size = size;
	object->ref_count = 1;
	object->flags = flags;
	TAILQ_INIT(&object->shadow_head);
	__atomic_fetch_add(&vm_object_live, 1, __ATOMIC_RELAXED);
	TAILQ_INIT(&object->rvq);
	return (object);
}

/* Give back the memory of a dead object no one references. */
static void
vm_object_free(struct vm_object *object)
{
	kfree(object);
	__atomic_fetch_sub(&vm_object_live, 1, __ATOMIC_RELAXED);
}

/*
 * New private anonymous memory of size pages, with one reference (the
 * caller's); NULL if memory is exhausted.
 */
struct vm_object *
vm_object_allocate_anon(vm_pindex_t size)
{
	return (vm_object_allocate(size, OBJ_ONEMAPPING));
}

/*
 * A new shared memory object of size pages (uipc_shm.c), with one
 * reference; NULL if memory is exhausted.
 */
struct vm_object *
vm_object_allocate_shm(vm_pindex_t size)
{
	return (vm_object_allocate(size, OBJ_SHM));
}

/* Add a reference to object (NULL is ignored). */
void
vm_object_reference(struct vm_object *object)
{
	if (object != NULL)
		__atomic_fetch_add(&object->ref_count, 1, __ATOMIC_RELAXED);
}

/* Take a reference unless the object is already dying; true if taken. */
static bool
vm_object_reference_if_alive(struct vm_object *object)
{
	u_int old = __atomic_load_n(&object->ref_count, __ATOMIC_RELAXED);

	do {
		if (old == 0)
			return (false);
	} while (!__atomic_compare_exchange_n(&object->ref_count, &old,
	    old + 1, false, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED));
	return (true);
}

/*
 * Free every page of object (locked) with pindex in [start, end); end 0
 * means to the end.  Each page is unmapped from every pmap first.  A busy
 * page is under I/O: it is marked PG_DROP, and whoever holds it busy
 * frees it (and the swap slot it may have got) when the I/O ends.
 */
static void
vm_object_page_remove_locked(struct vm_object *object, vm_pindex_t start,
    vm_pindex_t end)
{
	struct vm_page *m;

	while ((m = vm_page_find_least(object, start)) != NULL &&
	    (end == 0 || m->pindex < end)) {
		start = m->pindex + 1;
		if (vm_page_busied(m))
			vm_page_flag_set(m, PG_DROP);
		else
			vm_page_free(m);
	}
}

/*
 * Free object's (locked) swap slots for [start, end) (end 0: to the end),
 * if it has any.
 */
static void
vm_object_swap_remove_locked(struct vm_object *object, vm_pindex_t start,
    vm_pindex_t end)
{
	if (object->swap_pages == 0)
		return;
	swap_pager_freespace(object, start, end == 0 ? OBJ_MAX_PINDEX : end);
	if (start == 0 && (end == 0 || end >= object->size))
		object->swap_pages = 0;
}

/*
 * Count n more I/Os (busy pages or a page-in) in progress on object
 * (locked): it is neither destroyed nor collapsed until each has ended
 * with vm_object_pip_done.
 */
void
vm_object_pip_add(struct vm_object *object, u_int n)
{
	KASSERT(spin_owned(&object->lock),
	    ("%s: object %p not locked", __func__, object));
	object->paging_in_progress += n;
}

static void	vm_object_destroy(struct vm_object *object);

/*
 * One I/O on object (locked) has ended.  If it was the last and the
 * object died meanwhile, destroy it (its lock with it) and return true;
 * else return false, the object still locked.
 */
bool
vm_object_pip_done(struct vm_object *object)
{
	KASSERT(spin_owned(&object->lock) && object->paging_in_progress > 0,
	    ("%s: object %p not locked or no paging (%u)", __func__, object,
	    object->paging_in_progress));
	if (--object->paging_in_progress == 0 &&
	    (object->flags & OBJ_DEAD) != 0) {
		vm_object_destroy(object);
		return (true);
	}
	return (false);
}

/*
 * Free object's pages in [start, end) (end 0: to the end of the object),
 * unmapping them everywhere: munmap of a range only one mapping ever saw,
 * MADV_FREE, a shrinking shared memory object.
 */
void
vm_object_page_remove(struct vm_object *object, vm_pindex_t start,
    vm_pindex_t end)
{
	vm_object_lock(object);
	vm_object_page_remove_locked(object, start, end);
	vm_object_swap_remove_locked(object, start, end);
	vm_reserv_break_range(object, start, end);
	vm_object_unlock(object);
}

/*
 * Set a shared memory object's size to size bytes (ftruncate).  Pages
 * wholly past the new end are unmapped and freed, and the rest of a
 * partial last page is zeroed, so growing again shows zeros.  Faults at or
 * past the end get SIGBUS.  Returns 0, or EINVAL for a negative size.
 */
int
vm_object_shm_resize(struct vm_object *object, vm_ooffset_t size)
{
	struct vm_page *m;
	vm_pindex_t npages;
	size_t tail;

	if (size < 0)
		return (EINVAL);
	KASSERT((object->flags & OBJ_SHM) != 0,
	    ("%s: object %p is not shared memory", __func__, object));
	npages = OFF_TO_IDX(round_page(size));
	vm_object_lock(object);
	if (npages < object->size)
		vm_object_page_remove_locked(object, npages, 0);
	tail = size & PAGE_MASK;
	if (tail != 0 && (m = vm_page_lookup(object, npages - 1)) != NULL)
		memset((char *)vm_page_to_dmap(m) + tail, 0, PAGE_SIZE - tail);
	object->size = npages;
	vm_object_unlock(object);
	return (0);
}

/*
 * Make *objectp copy-on-write for the caller's map entry, which maps
 * length bytes of it at *offsetp: replace it with a new shadow object
 * reading through it, and set *offsetp to 0.  The entry's reference moves
 * to the shadow's backing_object pointer.  No shadow is needed if the
 * entry holds the only reference to private memory: the object is then
 * the entry's alone again.  Returns 0, or ENOMEM with nothing changed.
 * The caller holds the map lock, so no reference can appear meanwhile.
 */
int
vm_object_shadow(struct vm_object **objectp, vm_ooffset_t *offsetp,
    vm_size_t length)
{
	struct vm_object *source = *objectp, *shadow = NULL;

	/*
	 * A source shared now is worth a shadow made before taking its
	 * lock, so the lock is taken once: a reference can go meanwhile
	 * (another process exits), then the shadow goes unused.
	 */
again:
	if (shadow == NULL &&
	    (__atomic_load_n(&source->ref_count, __ATOMIC_RELAXED) != 1 ||
	    (source->flags & (OBJ_SHM | OBJ_SHARED)) != 0)) {
		shadow = vm_object_allocate_anon(OFF_TO_IDX(length));
		if (shadow == NULL)
			return (ENOMEM);
	}
	vm_object_lock(source);
	if (__atomic_load_n(&source->ref_count, __ATOMIC_RELAXED) == 1 &&
	    (source->flags & (OBJ_SHM | OBJ_SHARED)) == 0) {
		source->flags |= OBJ_ONEMAPPING;
		vm_object_unlock(source);
		if (shadow != NULL)
			vm_object_deallocate(shadow);
		return (0);
	}
	if (shadow == NULL) {
		/* Shared after all (read unlocked above): make the shadow. */
		vm_object_unlock(source);
		goto again;
	}
	shadow->backing_object = source;
	shadow->backing_object_offset = *offsetp;
	TAILQ_INSERT_TAIL(&source->shadow_head, shadow, shadow_list);
	source->shadow_count++;
	vm_object_unlock(source);
	*objectp = shadow;
	*offsetp = 0;
	return (0);
}

/*
 * Fold object's (locked) backing object into object while object holds
 * the backing object's only reference, repeatedly down the chain.  Pages
 * object lacks move up (keeping their mappings, which are read-only: no
 * map writes a backing object); pages it hides or that lie outside its
 * window are freed.  Shared memory objects are never folded.
 */
void
vm_object_collapse(struct vm_object *object)
{
	struct vm_object *backing, *next;
	vm_pindex_t offset;
	struct vm_page *m;

	KASSERT(spin_owned(&object->lock),
	    ("%s: object %p not locked", __func__, object));
	while ((backing = object->backing_object) != NULL) {
		vm_object_lock(backing);
		/*
		 * A backing object with I/O in progress keeps its busy pages
		 * where their holders expect them: fold it another time.
		 */
		if (__atomic_load_n(&backing->ref_count, __ATOMIC_RELAXED) !=
		    1 || (backing->flags & OBJ_SHM) != 0 ||
		    backing->paging_in_progress != 0) {
			vm_object_unlock(backing);
			return;
		}
		offset = OFF_TO_IDX(object->backing_object_offset);
		/*
		 * Slots object lacks move up, the rest are freed; first, as
		 * it may fail for want of memory, and then the collapse
		 * waits (an index has a page or a slot, never both, so the
		 * order of slots and pages does not matter).
		 */
		if (backing->swap_pages != 0) {
			if (swap_pager_copy(backing, object, offset) != 0) {
				vm_object_unlock(backing);
				return;
			}
			object->swap_pages += backing->swap_pages;
			backing->swap_pages = 0;
		}
		while ((m = vm_page_find_least(backing, 0)) != NULL) {
			if (m->pindex < offset ||
			    m->pindex - offset >= object->size ||
			    vm_page_lookup(object, m->pindex - offset) != NULL ||
			    (object->swap_pages != 0 &&
			    swap_pager_haspage(object, m->pindex - offset, NULL,
			    NULL)))
				vm_page_free(m);
			else
				vm_page_rename(m, object, m->pindex - offset);
		}

		/* object takes backing's place on the chain. */
		TAILQ_REMOVE(&backing->shadow_head, object, shadow_list);
		backing->shadow_count--;
		next = backing->backing_object;
		if (next != NULL) {
			vm_object_lock(next);
			TAILQ_REMOVE(&next->shadow_head, backing, shadow_list);
			TAILQ_INSERT_TAIL(&next->shadow_head, object,
			    shadow_list);
			vm_object_unlock(next);
		}
		object->backing_object = next;
		object->backing_object_offset +=
		    backing->backing_object_offset;
		KASSERT(backing->shadow_count == 0 &&
		    backing->resident_page_count == 0,
		    ("%s: object %p still has %u shadows, %lu pages", __func__,
		    backing, backing->shadow_count,
		    backing->resident_page_count));
		backing->flags |= OBJ_DEAD;
		/* Its pages left; its reservations must not outlive it. */
		vm_reserv_break_all(backing);
		__atomic_store_n(&backing->ref_count, 0, __ATOMIC_RELAXED);
		vm_object_unlock(backing);
		vm_object_free(backing);
	}
}

/*
 * object's references just dropped to one.  If that one is a shadow's,
 * let the shadow absorb object.  The shadow is found under object's lock
 * but must be locked before it (lock order), so a reference keeps it
 * alive while object's lock is dropped.
 */
static struct spinlock vm_object_dealloc_lock =
    SPINLOCK_INITIALIZER("vm_object_dealloc");
static void	vm_object_deallocate_locked(struct vm_object *object);

static void
vm_object_try_collapse_into_shadow(struct vm_object *object)
{
	struct vm_object *shadow;

	vm_object_lock(object);
	if (object->shadow_count != 1 || (object->flags & OBJ_SHM) != 0 ||
	    __atomic_load_n(&object->ref_count, __ATOMIC_RELAXED) != 1) {
		vm_object_unlock(object);
		return;
	}
	shadow = TAILQ_FIRST(&object->shadow_head);
	if (!vm_object_reference_if_alive(shadow)) {
		/* The shadow is dying and will drop object itself. */
		vm_object_unlock(object);
		return;
	}
	vm_object_unlock(object);
	vm_object_lock(shadow);
	vm_object_collapse(shadow);
	vm_object_unlock(shadow);
	vm_object_deallocate_locked(shadow);
}

/*
 * The end of a dead object (locked) with no I/O in progress: its busy
 * pages are gone (their holders freed them), its swap slots and
 * reservations go now, then its memory.  Unlocks it.
 */
static void
vm_object_destroy(struct vm_object *object)
{
	KASSERT((object->flags & OBJ_DEAD) != 0 &&
	    object->paging_in_progress == 0,
	    ("%s: object %p flags %#x paging %u", __func__, object,
	    object->flags, object->paging_in_progress));
	vm_object_page_remove_locked(object, 0, 0);
	KASSERT(object->resident_page_count == 0,
	    ("%s: object %p still has %lu pages", __func__, object,
	    object->resident_page_count));
	vm_object_swap_remove_locked(object, 0, 0);
	vm_reserv_break_all(object);
	vm_object_unlock(object);
	vm_object_free(object);
}

/*
 * Destroy object, whose last reference is gone: free its pages and swap
 * slots and unhook it from its backing object.  Pages under I/O are left
 * to their holders, the last of whom destroys the object
 * (vm_object_pip_done).  Returns the backing object, whose reference the
 * caller must now drop.
 */
static struct vm_object *
vm_object_terminate(struct vm_object *object)
{
	struct vm_object *backing;

	vm_object_lock(object);
	KASSERT(object->shadow_count == 0,
	    ("%s: object %p still backs %u shadows", __func__, object,
	    object->shadow_count));
	object->flags |= OBJ_DEAD;
	vm_object_page_remove_locked(object, 0, 0);
	backing = object->backing_object;
	if (backing != NULL) {
		vm_object_lock(backing);
		TAILQ_REMOVE(&backing->shadow_head, object, shadow_list);
		backing->shadow_count--;
		vm_object_unlock(backing);
		object->backing_object = NULL;
	}
	if (object->paging_in_progress == 0)
		vm_object_destroy(object);
	else
		vm_object_unlock(object);
	return (backing);
}

/*
 * Drop a reference to object (NULL is ignored).  The last one destroys
 * it, which drops its reference to its backing object in turn; going
 * down to one may collapse it into its shadow.
 *
 * Objects are freed only here (and by the collapse this starts), under
 * vm_object_dealloc_lock: after dropping a reference from two to one this
 * thread still looks at the object, and without the lock the holder of
 * the other reference could drop it and free the object meanwhile (seen
 * as parent and child exiting at once on 4 CPUs).
 */
void
vm_object_deallocate(struct vm_object *object)
{
	spin_lock(&vm_object_dealloc_lock);
	vm_object_deallocate_locked(object);
	spin_unlock(&vm_object_dealloc_lock);
}

/* vm_object_deallocate() with vm_object_dealloc_lock held. */
static void
vm_object_deallocate_locked(struct vm_object *object)
{
	u_int old;

	KASSERT(spin_owned(&vm_object_dealloc_lock),
	    ("%s: vm_object_dealloc_lock not held", __func__));
	while (object != NULL) {
		old = __atomic_fetch_sub(&object->ref_count, 1,
		    __ATOMIC_ACQ_REL);
		KASSERT(old > 0, ("%s: object %p has no references", __func__,
		    object));
		if (old == 2)
			vm_object_try_collapse_into_shadow(object);
		if (old != 1)
			return;
		object = vm_object_terminate(object);
	}
}

/*
 * True if no object on object's chain is shared between address spaces
 * (OBJ_SHM, OBJ_SHARED): the test for PROT_MTE (docs/abi.md section 6), since tags
 * never cross address spaces except by copy at fork.
 */
bool
vm_object_chain_is_private(struct vm_object *object)
{
	struct vm_object *backing;
	bool private = true;

	vm_object_lock(object);
	for (;;) {
		if ((object->flags & (OBJ_SHM | OBJ_SHARED)) != 0)
			private = false;
		backing = object->backing_object;
		if (!private || backing == NULL)
			break;
		vm_object_lock(backing);
		vm_object_unlock(object);
		object = backing;
	}
	vm_object_unlock(object);
	return (private);
}

/*
 * Find what pindex of object (locked) reads: the page of object or of the
 * first object down its chain that has it, resident or on swap.  Returns
 *   VM_PAGE_FIND_OK with *mp the page and *holderp its object, locked if
 *	it is not object; or with *mp NULL (zero-fill) and *holderp object;
 *   VM_PAGE_FIND_BUSY with *mp the page, busy: *holderp (locked, perhaps
 *	object) holds it; the caller drops its other locks and waits
 *	(vm_page_busy_sleep);
 *   VM_PAGE_FIND_SWAPPED: the page is on swap in *holderp (locked, perhaps
 *	object) at index *hpindexp: the caller pages it in;
 *   VM_PAGE_FIND_SIGBUS if a shared memory object on the way ends at or
 *	before the page: nothing may be read there.
 * object stays locked in every case.
 */
int
vm_object_page_find(struct vm_object *object, vm_pindex_t pindex,
    struct vm_page **mp, struct vm_object **holderp, vm_pindex_t *hpindexp)
{
	struct vm_object *holder = object, *backing;
	struct vm_page *m = NULL;
	int result = VM_PAGE_FIND_OK;

	for (;;) {
		if ((holder->flags & OBJ_SHM) != 0 && pindex >= holder->size) {
			result = VM_PAGE_FIND_SIGBUS;
			break;
		}
		if ((m = vm_page_lookup(holder, pindex)) != NULL) {
			if (vm_page_busied(m))
				result = VM_PAGE_FIND_BUSY;
			break;
		}
		if (holder->swap_pages != 0 &&
		    swap_pager_haspage(holder, pindex, NULL, NULL)) {
			result = VM_PAGE_FIND_SWAPPED;
			break;
		}
		if ((backing = holder->backing_object) == NULL)
			break;
		pindex += OFF_TO_IDX(holder->backing_object_offset);
		vm_object_lock(backing);
		if (holder != object)
			vm_object_unlock(holder);
		holder = backing;
	}
	if (result == VM_PAGE_FIND_SIGBUS ||
	    (result == VM_PAGE_FIND_OK && m == NULL)) {
		if (holder != object)
			vm_object_unlock(holder);
		holder = object;
	}
	*mp = m;
	*holderp = holder;
	if (hpindexp != NULL)
		*hpindexp = pindex;
	return (result);
}

/*
 * True if pindex of object reads a resident page: object's own or one its
 * backing chain shows through (mincore).  A page on swap is not resident.
 */
bool
vm_object_page_resident(struct vm_object *object, vm_pindex_t pindex)
{
	struct vm_object *holder;
	struct vm_page *m;
	int result;

	vm_object_lock(object);
	result = vm_object_page_find(object, pindex, &m, &holder, NULL);
	if (holder != object)
		vm_object_unlock(holder);
	vm_object_unlock(object);
	return ((result == VM_PAGE_FIND_OK || result == VM_PAGE_FIND_BUSY) &&
	    m != NULL);
}

/* How many objects exist now. */
u_long
vm_object_count(void)
{
	return (__atomic_load_n(&vm_object_live, __ATOMIC_RELAXED));
}
