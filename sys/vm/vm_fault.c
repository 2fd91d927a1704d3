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
#include "vm/vm_reserv.h"

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
 * Resolve a fault_type (VM_PROT_READ, WRITE or EXECUTE) access to the
 * untagged user address va in map: on return 0 the access can be retried.
 * Otherwise a VM_FAULT_* code: SIGSEGV_MAPERR (nothing mapped),
 * SIGSEGV_ACCERR (not allowed), SIGBUS (past a shared memory object's
 * end), NOMEM.  Takes the map lock; must not be called with it held.
 */
int
vm_fault(struct vm_map *map, vm_offset_t va, vm_prot_t fault_type)
{
	struct vm_map_entry *entry;
	struct vm_object *first, *object;
	struct vm_page *m, *copy;
	vm_pindex_t pindex;
	vm_prot_t prot;
	int rv;

	__atomic_add_fetch(&vm_fault_counters.faults, 1, __ATOMIC_RELAXED);
	va = trunc_page(va);
	vm_map_lock(map);
	rv = vm_map_lookup(map, va, fault_type, &entry, &first, &pindex,
	    &prot);
	if (rv != 0)
		goto unlock_map;
	vm_object_lock(first);
	if (!vm_object_page_find(first, pindex, &m, &object)) {
		rv = VM_FAULT_SIGBUS;
		goto unlock_first;
	}
	if (m == NULL && vm_fault_superpage_fits(entry, first, va, pindex,
	    fault_type)) {
		m = vm_page_alloc_run(first, rounddown2(pindex,
		    VM_LEVEL_0_NPAGES), vm_page_tag_alloc_flags(prot));
		if (m != NULL) {
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
		if (m == NULL) {
			rv = VM_FAULT_NOMEM;
			goto unlock_first;
		}
	} else if (object != first) {
		if ((fault_type & VM_PROT_WRITE) != 0) {
			copy = vm_page_alloc(first, pindex, 0);
			if (copy == NULL) {
				rv = VM_FAULT_NOMEM;
				goto unlock_object;
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
	if (pmap_enter(map->pmap, va, m, prot, 0) != 0)
		rv = VM_FAULT_NOMEM;
unlock_object:
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
