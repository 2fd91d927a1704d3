/*
 * Page faults: fill the pmap from the map (see vm_fault.h).
 *
 * A fault looks the page up in the entry's first object, then down its
 * chain of backing objects:
 *   - found nowhere: demand zero, a zeroed page in the first object;
 *   - found in the first object: map it with the entry's protection;
 *   - found in a backing object: on a write, copy it into the first
 *     object (copy on write); on a read, map the backing page read-only.
 * A write to a NEEDS_COPY entry first shadows its object (vm_map_lookup).
 *
 * A page on swap is read back first (vm_fault_pagein), a busy page (under
 * I/O) waited for, and a page that cannot be allocated waited for
 * (vm_wait); each time with every lock dropped, and the fault then starts
 * again from the map lookup.
 *
 * SMP: the map lock serialises faults of one address space; the first
 * object's lock, held from lookup to pmap_enter, serialises faults of
 * address spaces sharing the object, so exactly one of two CPUs faulting
 * on the same page allocates it and the other maps that page.  A backing
 * object's page is mapped or copied with its object locked, so it cannot
 * be freed or moved meanwhile.  Every mapping goes through pmap_enter or
 * pmap_enter_object, with the entry's protection, VM_PROT_MTE included:
 * the pmap is the one place that applies the tagged attribute.
 */
#include "sys/systm.h"
#include "sys/param.h"
#include "sys/signal.h"
#include "vm/pmap.h"
#include "vm/vm.h"
#include "vm/vm_fault.h"
#include "vm/vm_map.h"
#include "vm/vm_object.h"
#include "vm/vm_page.h"
#include "vm/vm_page_tags.h"
#include "vm/vm_pageout.h"
#include "vm/vm_reserv.h"
#include "vm/swap_pager.h"
#include "sys/errno.h"

/* Fault-around: resident pages this many pages behind and ahead. */
#define VM_FAULT_PREFAULT_BEHIND	4
#define VM_FAULT_PREFAULT_AHEAD		4

struct vm_fault_counters vm_fault_counters;

#define VM_FAULT_SUPERPAGE_SIZE	(PAGE_SIZE * VM_LEVEL_0_NPAGES)

/*
 * The fresh-run policy: a write fault in fresh anonymous memory (an
 * object with no backing object) whose 2 MiB-aligned range lies wholly
 * inside the entry, at an object offset with the same alignment, takes
 * the whole range at once: one reservation, zeroed in one pass (data and
 * tags), mapped by one L2 block (vm_page_alloc_run, pmap_enter_l2), if
 * the object has no page there yet.  Touching fresh memory page after
 * page then costs one fault per 2 MiB instead of 512.  A read fault does
 * not, since reading a big mapping sparsely must not fill memory.
 */
static bool
vm_fault_superpage_fits(struct vm_map_entry *entry, struct vm_object *first,
    vm_offset_t va, vm_pindex_t pindex, vm_prot_t fault_type)
{
	vm_offset_t base = rounddown2(va, VM_FAULT_SUPERPAGE_SIZE);

	return ((fault_type & VM_PROT_WRITE) != 0 &&
	    first->backing_object == NULL && base >= entry->start &&
	    base + VM_FAULT_SUPERPAGE_SIZE <= entry->end &&
	    pindex % VM_LEVEL_0_NPAGES == atop(va - base));
}

/*
 * Page in index pindex of object (locked; the index is on swap there)
 * with its on-swap neighbours that are not resident (read-around), then
 * let the fault start again.  The pages are allocated busy, the object's
 * lock dropped for the read (swap_pager_getpages sleeps), and then the
 * pages are unbusied: the faulting page to be mapped by the restarted
 * fault, the others inactive.  Returns with no lock held: 0 to restart,
 * VM_FAULT_SIGBUS if the read failed (EIO), or VM_FAULT_NOMEM or
 * VM_FAULT_INTERRUPTED if no page could be had (vm_wait).
 */
static int
vm_fault_pagein(struct vm_object *object, vm_pindex_t pindex)
{
	struct vm_page *ma[SWAP_PAGER_MAXPAGES], *m;
	vm_pindex_t first, last, i;
	int before, after, error, n;
	bool gone;

	if (!swap_pager_haspage(object, pindex, &before, &after)) {
		vm_object_unlock(object);
		return (0);
	}
	first = last = pindex;
	while (first > 0 && (int)(pindex - first) < before &&
	    last - first + 1 < SWAP_PAGER_MAXPAGES &&
	    vm_page_lookup(object, first - 1) == NULL)
		first--;
	while ((int)(last - pindex) < after &&
	    last - first + 1 < SWAP_PAGER_MAXPAGES &&
	    vm_page_lookup(object, last + 1) == NULL)
		last++;
	for (n = 0, i = first; i <= last; i++, n++) {
		if ((m = vm_page_alloc(object, i, 0)) == NULL) {
			if (i > pindex)
				break;		/* read-around is optional */
			while (n-- > 0) {
				vm_page_xunbusy(ma[n]);
				vm_page_free(ma[n]);
			}
			vm_object_unlock(object);
			error = vm_wait();
			return (error == 0 ? 0 : error == EINTR ?
			    VM_FAULT_INTERRUPTED : VM_FAULT_NOMEM);
		}
		vm_page_xbusy(m);
		ma[n] = m;
	}
	vm_object_pip_add(object, 1);
	vm_object_unlock(object);

	error = swap_pager_getpages(object, ma, n);

	vm_object_lock(object);
	for (i = 0; i < (vm_pindex_t)n; i++) {
		m = ma[i];
		vm_page_xunbusy(m);
		/*
		 * On an error the pages go and their slots stay; a page
		 * dropped meanwhile (munmap, MADV_FREE) just goes.
		 */
		if (error != 0 || (vm_page_flags(m) & PG_DROP) != 0 ||
		    (object->flags & OBJ_DEAD) != 0)
			vm_page_free(m);
		else if (m->pindex != pindex)
			vm_page_enqueue(m, PQ_INACTIVE);
	}
	if (error == 0) {
		object->swap_pages -= MIN(object->swap_pages, (u_long)n);
		__atomic_add_fetch(&vm_pageout_counters.pageins, n,
		    __ATOMIC_RELAXED);
	}
	gone = vm_object_pip_done(object);
	if (!gone)
		vm_object_unlock(object);
	if (error == ENOMEM) {
		/* No page for the pager's tag records: wait, try again. */
		error = vm_wait();
		return (error == 0 ? 0 : error == EINTR ?
		    VM_FAULT_INTERRUPTED : VM_FAULT_NOMEM);
	}
	return (error == 0 ? 0 : VM_FAULT_SIGBUS);
}

/*
 * Resolve a fault_type (VM_PROT_READ, WRITE or EXECUTE) access to the
 * untagged user address va in map: on return 0 the access can be retried.
 * Otherwise a VM_FAULT_* code: SIGSEGV_MAPERR (nothing mapped),
 * SIGSEGV_ACCERR (not allowed), SIGBUS (past a shared memory object's
 * end, or a page-in failed), NOMEM (no memory, and the page daemon could
 * not make any), INTERRUPTED (a signal came while waiting for memory).
 * Takes the map lock; must not be called with it or any spin lock held:
 * it sleeps, with no lock held, for a busy page, a page-in or memory, and
 * then starts again.
 */
int
vm_fault(struct vm_map *map, vm_offset_t va, vm_prot_t fault_type)
{
	struct vm_map_entry *entry;
	struct vm_object *first, *object;
	struct vm_page *m, *copy;
	vm_pindex_t pindex, opindex;
	vm_prot_t prot;
	int rv, error;

	__atomic_add_fetch(&vm_fault_counters.faults, 1, __ATOMIC_RELAXED);
	va = trunc_page(va);
restart:
	vm_map_lock(map);
	rv = vm_map_lookup(map, va, fault_type, &entry, &first, &pindex,
	    &prot);
	if (rv != 0)
		goto unlock_map;
	vm_object_lock(first);
	switch (vm_object_page_find(first, pindex, &m, &object, &opindex)) {
	case VM_PAGE_FIND_SIGBUS:
		rv = VM_FAULT_SIGBUS;
		goto unlock_first;
	case VM_PAGE_FIND_BUSY:
		/* Under I/O: wait with no other lock held, then look again. */
		if (object != first)
			vm_object_unlock(first);
		vm_map_unlock(map);
		vm_page_busy_sleep(m);
		goto restart;
	case VM_PAGE_FIND_SWAPPED:
		if (object != first)
			vm_object_unlock(first);
		vm_map_unlock(map);
		if ((rv = vm_fault_pagein(object, opindex)) != 0)
			return (rv);
		goto restart;
	}
	if (m == NULL && vm_fault_superpage_fits(entry, first, va, pindex,
	    fault_type)) {
		m = vm_page_alloc_run(first, rounddown2(pindex,
		    VM_LEVEL_0_NPAGES), vm_page_tag_alloc_flags(prot));
		if (m != NULL) {
			vm_page_activate_run(m, VM_LEVEL_0_NPAGES);
			if ((entry->eflags & MAP_ENTRY_WIRED) != 0)
				first->flags |= OBJ_WIRED;
			if (pmap_enter_l2(map->pmap, rounddown2(va,
			    VM_FAULT_SUPERPAGE_SIZE), m, prot) == 0) {
				/* The block maps the neighbours: no prefault. */
				vm_object_unlock(first);
				goto unlock_map;
			}
			/* Mapped page by page, the run is still whole. */
			m += pindex % VM_LEVEL_0_NPAGES;
			goto enter;
		}
	}
	if (m == NULL) {
		m = vm_page_alloc(first, pindex,
		    vm_page_tag_alloc_flags(prot));
		if (m == NULL)
			goto wait;
	} else if (object != first) {
		if ((fault_type & VM_PROT_WRITE) != 0) {
			copy = vm_page_alloc(first, pindex, 0);
			if (copy == NULL) {
				vm_object_unlock(object);
				object = first;
				goto wait;
			}
			vm_page_tag_copy(m, copy);	/* data and tags */
			/*
			 * If others see first (it is shared), the ones that
			 * mapped m through it must now see the copy instead.
			 */
			if ((first->flags & OBJ_ONEMAPPING) == 0)
				pmap_remove_all(m);
			vm_object_unlock(object);
			object = first;
			m = copy;
		} else {
			/* Others read this page too: never write it. */
			prot &= ~VM_PROT_WRITE;
		}
	}
enter:
	/* mlock'd memory stays resident: its objects are never paged out. */
	if ((entry->eflags & MAP_ENTRY_WIRED) != 0)
		object->flags |= OBJ_WIRED;
	if (pmap_enter(map->pmap, va, m, prot, 0) != 0)
		goto wait;
	vm_page_activate(m);
	if (object != first)
		vm_object_unlock(object);
unlock_first:
	vm_object_unlock(first);
	/*
	 * Fault-around only after a read (or execute) fault.  It maps its
	 * neighbours read-only, so after a write, which is mostly followed
	 * by writes to the next pages (a first touch, a copy on write), each
	 * of them would fault again anyway; and the neighbours of a fresh
	 * zero-fill page are mostly mapped already or not there at all.
	 */
	if (rv == 0 && (fault_type & VM_PROT_WRITE) == 0)
		vm_fault_prefault(map, entry,
		    va - MIN(va - entry->start,
		    ptoa(VM_FAULT_PREFAULT_BEHIND)),
		    va + MIN(entry->end - va,
		    ptoa(VM_FAULT_PREFAULT_AHEAD + 1)));
unlock_map:
	vm_map_unlock(map);
	return (rv);

wait:
	/*
	 * No page (or no page table): drop every lock, wait for the page
	 * daemon, and start again; what was done so far stays valid.
	 */
	if (object != first)
		vm_object_unlock(object);
	vm_object_unlock(first);
	vm_map_unlock(map);
	error = vm_wait();
	if (error == 0)
		goto restart;
	return (error == EINTR ? VM_FAULT_INTERRUPTED : VM_FAULT_NOMEM);
}

/*
 * Map the pages of entry's first object resident in [start, end) that
 * are not mapped yet, read-only, in one pmap_enter_object call that
 * follows the object's memq from the first of them: fault-around,
 * MAP_PREFAULT_READ and MADV_WILLNEED.  Only pages readable through the
 * entry are mapped, with its protection (VM_PROT_MTE included) minus
 * write; a write still faults, for copy on write.  Map locked.
 */
void
vm_fault_prefault(struct vm_map *map, struct vm_map_entry *entry,
    vm_offset_t start, vm_offset_t end)
{
	struct vm_object *object = entry->object;
	vm_prot_t prot = entry->protection & ~VM_PROT_WRITE;
	vm_pindex_t first_pindex, end_pindex;
	struct vm_page *m;

	if (object == NULL || (prot & VM_PROT_READ) == 0 || start >= end)
		return;
	first_pindex = OFF_TO_IDX(entry->offset + (start - entry->start));
	end_pindex = OFF_TO_IDX(entry->offset + (end - entry->start));
	vm_object_lock(object);
	m = vm_page_find_least(object, first_pindex);
	if (m != NULL && m->pindex < end_pindex)
		pmap_enter_object(map->pmap, entry->start +
		    (IDX_TO_OFF(m->pindex) - entry->offset), end, m, prot);
	vm_object_unlock(object);
}

/*
 * The signal and si_code a user access earns for vm_fault()'s non-zero
 * result rv (FreeBSD's choices, including BUS_OOMERR for no memory).
 */
void
vm_fault_signal(int rv, int *signo, int *code)
{
	switch (rv) {
	case VM_FAULT_SIGSEGV_MAPERR:
		*signo = SIGSEGV;
		*code = SEGV_MAPERR;
		break;
	case VM_FAULT_SIGSEGV_ACCERR:
		*signo = SIGSEGV;
		*code = SEGV_ACCERR;
		break;
	case VM_FAULT_SIGBUS:
		*signo = SIGBUS;
		*code = BUS_OBJERR;
		break;
	default:
		KASSERT(rv == VM_FAULT_NOMEM, ("%s: unknown result %d",
		    __func__, rv));
		*signo = SIGBUS;
		*code = BUS_OOMERR;
		break;
	}
}
