/*
 * Address maps (see vm_map.h).
 *
 * Entries sit both on an address-ordered list (neighbours in O(1)) and in
 * an AVL tree keyed by start address (lookup in O(log n)).  Operations on
 * part of an entry first clip it: split it in two at the boundary, both
 * pieces sharing the object at adjacent offsets.  Afterwards, neighbours
 * that agree in everything are merged again (vm_map_simplify_entry), so
 * the map stays maximally merged and repeated mprotect or minherit calls
 * cannot make it grow without bound.
 *
 * Operations that can fail validate the whole range before changing
 * anything.  Clipping can fail for want of memory, but a clip changes
 * nothing a user can see, so they clip after validating and before
 * applying: an ENOMEM then leaves the map meaning what it meant.
 */
#include "sys/systm.h"
#include "sys/param.h"
#include "sys/errno.h"
#include "sys/malloc.h"
#include "vm/pmap.h"
#include "vm/vm.h"
#include "vm/vm_fault.h"
#include "vm/vm_map.h"
#include "vm/vm_object.h"
#include "vm/vm_page.h"
#include "vm/vm_page_tags.h"
#include "vm/vm_pageout.h"

/* The key of an entry in its map's tree: its start address. */
static uint64_t
vm_map_entry_key(const struct vm_tree_node *node)
{
	return (__containerof(node, struct vm_map_entry, node)->start);
}

/* The entry of a tree node, or NULL. */
static struct vm_map_entry *
vm_map_entry_of_node(struct vm_tree_node *node)
{
	return (node == NULL ? NULL :
	    __containerof(node, struct vm_map_entry, node));
}

/* Make map an empty map of [min, max) over pmap. */
static void
vm_map_init(struct vm_map *map, pmap_t pmap, vm_offset_t min,
    vm_offset_t max)
{
	spin_init(&map->lock, "vm_map");
	TAILQ_INIT(&map->entries);
	vm_tree_init(&map->root, vm_map_entry_key);
	map->hint = NULL;
	map->nentries = 0;
	map->size = 0;
	map->min_offset = min;
	map->max_offset = max;
	map->pmap = pmap;
	map->wire_future = false;
}

/* A zeroed entry, or NULL if memory is exhausted. */
static struct vm_map_entry *
vm_map_entry_create(void)
{
	return (kmalloc(sizeof(struct vm_map_entry), M_ZERO));
}

/* Put entry (its fields set) on map's list after prev (NULL: first). */
static void
vm_map_entry_link(struct vm_map *map, struct vm_map_entry *prev,
    struct vm_map_entry *entry)
{
	if (prev == NULL)
		TAILQ_INSERT_HEAD(&map->entries, entry, link);
	else
		TAILQ_INSERT_AFTER(&map->entries, prev, entry, link);
	vm_tree_insert(&map->root, &entry->node);
	map->nentries++;
}

/* Take entry off map's list and tree. */
static void
vm_map_entry_unlink(struct vm_map *map, struct vm_map_entry *entry)
{
	if (map->hint == entry)
		map->hint = NULL;
	TAILQ_REMOVE(&map->entries, entry, link);
	vm_tree_remove(&map->root, &entry->node);
	map->nentries--;
}

/* Bytes of address space entry accounts for in map->size. */
static vm_size_t
vm_map_entry_size(const struct vm_map_entry *entry)
{
	if ((entry->eflags & MAP_ENTRY_GUARD) != 0)
		return (0);
	return (entry->end - entry->start);
}

/*
 * Find the entry containing addr: true and *entryp = it, or false and
 * *entryp = the last entry below addr (NULL if none).  Map locked.  The
 * hint (the entry last found; its bounds are read afresh, so clipping it
 * in place is safe) answers without the tree when addr is in it or in
 * the gap after it.
 */
bool
vm_map_lookup_entry(struct vm_map *map, vm_offset_t addr,
    struct vm_map_entry **entryp)
{
	struct vm_map_entry *entry, *next;

	KASSERT(spin_owned(&map->lock), ("%s: map %p not locked", __func__,
	    map));
	entry = map->hint;
	if (entry != NULL && entry->start <= addr) {
		if (addr < entry->end) {
			*entryp = entry;
			return (true);
		}
		next = TAILQ_NEXT(entry, link);
		if (next == NULL || addr < next->start) {
			*entryp = entry;
			return (false);
		}
	}
	entry = vm_map_entry_of_node(vm_tree_lookup_le(&map->root, addr));
	*entryp = entry;
	if (entry != NULL)
		map->hint = entry;
	return (entry != NULL && addr < entry->end);
}

/* The entry containing addr, else the first one above it, or NULL. */
static struct vm_map_entry *
vm_map_entry_at_or_after(struct vm_map *map, vm_offset_t addr)
{
	struct vm_map_entry *entry;

	if (vm_map_lookup_entry(map, addr, &entry))
		return (entry);
	return (entry == NULL ? TAILQ_FIRST(&map->entries) :
	    TAILQ_NEXT(entry, link));
}

/* True if prev and next, in this order, can be one entry. */
static bool
vm_map_entries_mergeable(const struct vm_map_entry *prev,
    const struct vm_map_entry *next)
{
	return (prev->end == next->start && prev->object == next->object &&
	    (prev->object == NULL || prev->offset +
	    (vm_ooffset_t)(prev->end - prev->start) == next->offset) &&
	    prev->protection == next->protection &&
	    prev->max_protection == next->max_protection &&
	    prev->inheritance == next->inheritance &&
	    prev->eflags == next->eflags);
}

/*
 * Merge into entry the neighbours on either side that agree with it in
 * everything, as far as they go; entry survives, they are freed.
 */
static void
vm_map_simplify_entry(struct vm_map *map, struct vm_map_entry *entry)
{
	struct vm_map_entry *prev, *next;

	while ((prev = TAILQ_PREV(entry, vm_map_entry_list, link)) != NULL &&
	    vm_map_entries_mergeable(prev, entry)) {
		vm_map_entry_unlink(map, prev);
		/* Still between its neighbours' keys: the tree stays valid. */
		entry->start = prev->start;
		vm_tree_rekey(&map->root, &entry->node);
		entry->offset = prev->offset;
		vm_object_deallocate(prev->object);
		kfree(prev);
	}
	while ((next = TAILQ_NEXT(entry, link)) != NULL &&
	    vm_map_entries_mergeable(entry, next)) {
		vm_map_entry_unlink(map, next);
		entry->end = next->end;
		vm_object_deallocate(next->object);
		kfree(next);
	}
}

/* Simplify every entry from first up to end (see vm_map_simplify_entry). */
static void
vm_map_simplify_range(struct vm_map *map, struct vm_map_entry *first,
    vm_offset_t end)
{
	struct vm_map_entry *entry;

	for (entry = first; entry != NULL && entry->start < end;
	    entry = TAILQ_NEXT(entry, link))
		vm_map_simplify_entry(map, entry);
}

/*
 * Give entry its object now if it has none (guards never do), so pieces
 * clipped from it share one object and can merge again after faults.
 */
static int
vm_map_entry_charge_object(struct vm_map_entry *entry)
{
	struct vm_object *object;

	if (entry->object != NULL || (entry->eflags & MAP_ENTRY_GUARD) != 0)
		return (0);
	object = vm_object_allocate_anon(atop(entry->end - entry->start));
	if (object == NULL)
		return (ENOMEM);
	entry->object = object;
	entry->offset = 0;
	return (0);
}

/*
 * Split entry at addr, leaving entry as [addr, end) after a new entry for
 * [start, addr).  0, or ENOMEM with nothing changed that a user can see.
 */
static int
vm_map_clip_start(struct vm_map *map, struct vm_map_entry *entry,
    vm_offset_t addr)
{
	struct vm_map_entry *new;

	if (addr <= entry->start)
		return (0);
	KASSERT(addr < entry->end, ("%s: %#lx past entry %#lx-%#lx", __func__,
	    addr, entry->start, entry->end));
	if (vm_map_entry_charge_object(entry) != 0 ||
	    (new = vm_map_entry_create()) == NULL)
		return (ENOMEM);
	*new = *entry;
	new->end = addr;
	vm_object_reference(new->object);
	entry->offset += addr - entry->start;
	entry->start = addr;
	vm_tree_rekey(&map->root, &entry->node);
	vm_map_entry_link(map, TAILQ_PREV(entry, vm_map_entry_list, link),
	    new);
	return (0);
}

/*
 * Split entry at addr, leaving entry as [start, addr) before a new entry
 * for [addr, end).  0, or ENOMEM with nothing changed that a user can see.
 */
static int
vm_map_clip_end(struct vm_map *map, struct vm_map_entry *entry,
    vm_offset_t addr)
{
	struct vm_map_entry *new;

	if (addr >= entry->end)
		return (0);
	KASSERT(addr > entry->start, ("%s: %#lx before entry %#lx-%#lx",
	    __func__, addr, entry->start, entry->end));
	if (vm_map_entry_charge_object(entry) != 0 ||
	    (new = vm_map_entry_create()) == NULL)
		return (ENOMEM);
	*new = *entry;
	new->start = addr;
	new->offset += addr - entry->start;
	vm_object_reference(new->object);
	entry->end = addr;
	vm_map_entry_link(map, entry, new);
	return (0);
}

/*
 * Clip the entries straddling start and end so [start, end) is made of
 * whole entries; *firstp is the first entry at or above start (or NULL).
 * 0, or ENOMEM with the map meaning what it did.
 */
static int
vm_map_clip_range(struct vm_map *map, vm_offset_t start, vm_offset_t end,
    struct vm_map_entry **firstp)
{
	struct vm_map_entry *first, *last;
	int error;

	first = vm_map_entry_at_or_after(map, start);
	if (first != NULL && first->start < start &&
	    (error = vm_map_clip_start(map, first, start)) != 0)
		return (error);
	if (vm_map_lookup_entry(map, end - 1, &last) &&
	    (error = vm_map_clip_end(map, last, end)) != 0) {
		if (first != NULL)
			vm_map_simplify_entry(map, first);
		return (error);
	}
	*firstp = first;
	return (0);
}

/*
 * Remove entry from map: unmap it, free the pages no one else can see
 * and drop its object reference.
 */
static void
vm_map_entry_delete(struct vm_map *map, struct vm_map_entry *entry)
{
	struct vm_object *object = entry->object;
	bool onemapping;

	pmap_remove(map->pmap, entry->start, entry->end);
	vm_map_entry_unlink(map, entry);
	map->size -= vm_map_entry_size(entry);
	if (object != NULL) {
		/*
		 * OBJ_ONEMAPPING changes only under the lock of the one map
		 * that references the object, which we hold.
		 */
		vm_object_lock(object);
		onemapping = (object->flags & OBJ_ONEMAPPING) != 0;
		vm_object_unlock(object);
		if (onemapping)
			vm_object_page_remove(object, OFF_TO_IDX(entry->offset),
			    OFF_TO_IDX(entry->offset) +
			    atop(entry->end - entry->start));
		vm_object_deallocate(object);
	}
	kfree(entry);
}

/* Remove all of [start, end) (map locked).  0, or ENOMEM, nothing done. */
static int
vm_map_delete(struct vm_map *map, vm_offset_t start, vm_offset_t end)
{
	struct vm_map_entry *entry, *next;
	int error;

	if ((error = vm_map_clip_range(map, start, end, &entry)) != 0)
		return (error);
	for (; entry != NULL && entry->start < end; entry = next) {
		next = TAILQ_NEXT(entry, link);
		vm_map_entry_delete(map, entry);
	}
	return (0);
}

/* True if anything is mapped in [start, end) (map locked). */
static bool
vm_map_range_used(struct vm_map *map, vm_offset_t start, vm_offset_t end)
{
	struct vm_map_entry *entry;

	entry = vm_map_entry_at_or_after(map, start);
	return (entry != NULL && entry->start < end);
}

/*
 * The PROT_MTE rule (docs/abi.md section 6): only private anonymous memory may be
 * tagged.  Not a guard, not memory fork shares (INHERIT_SHARE, which
 * MAP_SHARED sets), and no shared memory object or fork-shared object on
 * the chain (vm_object_chain_is_private).  Device memory will have no
 * anonymous object and fail the last test.
 */
static bool
vm_map_may_tag(struct vm_object *object, vm_inherit_t inheritance,
    u_int eflags)
{
	if ((eflags & MAP_ENTRY_GUARD) != 0 ||
	    inheritance == VM_INHERIT_SHARE)
		return (false);
	return (object == NULL || vm_object_chain_is_private(object));
}

/* The entry flags a mapping made with cow flags starts with. */
static u_int
vm_map_cow_eflags(int cow)
{
	u_int eflags = 0;

	if ((cow & MAP_COPY_ON_WRITE) != 0)
		eflags |= MAP_ENTRY_COW | MAP_ENTRY_NEEDS_COPY;
	if ((cow & MAP_CREATE_GUARD) != 0)
		eflags |= MAP_ENTRY_GUARD;
	if ((cow & MAP_CREATE_STACK) != 0)
		eflags |= MAP_ENTRY_STACK;
	return (eflags);
}

/*
 * Check the arguments of a new mapping of [start, end): EINVAL if
 * malformed (unaligned, empty, prot beyond max, a guard with access or an
 * object, PROT_MTE where tags are forbidden), ENOMEM if outside the map.
 */
static int
vm_map_insert_check(struct vm_map *map, struct vm_object *object,
    vm_ooffset_t offset, vm_offset_t start, vm_offset_t end,
    vm_prot_t prot, vm_prot_t max, int cow)
{
	vm_inherit_t inheritance;

	if ((start & PAGE_MASK) != 0 || (end & PAGE_MASK) != 0 ||
	    start >= end || (offset & PAGE_MASK) != 0 || offset < 0 ||
	    ((prot | max) & ~VM_PROT_ALL) != 0 || (prot & max) != prot)
		return (EINVAL);
	if ((cow & MAP_CREATE_GUARD) != 0 &&
	    (object != NULL || prot != VM_PROT_NONE))
		return (EINVAL);
	inheritance = (cow & MAP_INHERIT_SHARE) != 0 ? VM_INHERIT_SHARE :
	    VM_INHERIT_COPY;
	if ((prot & VM_PROT_MTE) != 0 &&
	    !vm_map_may_tag(object, inheritance, vm_map_cow_eflags(cow)))
		return (EINVAL);
	if (start < map->min_offset || end > map->max_offset)
		return (ENOMEM);
	return (0);
}

/*
 * Fill in new for the mapping and link it (map locked, [start, end) free),
 * merging it with its neighbours if they agree.  Cannot fail.
 */
static void
vm_map_insert_locked(struct vm_map *map, struct vm_map_entry *new,
    struct vm_object *object, vm_ooffset_t offset, vm_offset_t start,
    vm_offset_t end, vm_prot_t prot, vm_prot_t max, int cow)
{
	struct vm_map_entry *prev;

	new->start = start;
	new->end = end;
	new->object = object;
	new->offset = object != NULL ? offset : 0;
	new->eflags = vm_map_cow_eflags(cow);
	new->protection = prot;
	new->max_protection = (cow & MAP_CREATE_GUARD) != 0 ?
	    VM_PROT_NONE : max;
	new->inheritance = (cow & MAP_INHERIT_SHARE) != 0 ?
	    VM_INHERIT_SHARE : VM_INHERIT_COPY;
	vm_map_lookup_entry(map, start, &prev);
	vm_map_entry_link(map, prev, new);
	map->size += vm_map_entry_size(new);
	vm_map_simplify_entry(map, new);
}

/*
 * Map [start, end) of object (NULL: zero-fill memory) from offset, with
 * prot and max, where nothing is mapped yet (MAP_FIXED|MAP_EXCL, exec).
 * On success the map takes over the caller's object reference.  Returns
 * 0; ENOMEM if the range is in use, outside the map or memory is short;
 * EINVAL for malformed arguments (see vm_map_insert_check).
 */
int
vm_map_insert(struct vm_map *map, struct vm_object *object,
    vm_ooffset_t offset, vm_offset_t start, vm_offset_t end,
    vm_prot_t prot, vm_prot_t max, int cow)
{
	struct vm_map_entry *new;
	int error;

	error = vm_map_insert_check(map, object, offset, start, end, prot,
	    max, cow);
	if (error != 0)
		return (error);
	if ((new = vm_map_entry_create()) == NULL)
		return (ENOMEM);
	vm_map_lock(map);
	if (vm_map_range_used(map, start, end)) {
		vm_map_unlock(map);
		kfree(new);
		return (ENOMEM);
	}
	vm_map_insert_locked(map, new, object, offset, start, end, prot, max,
	    cow);
	vm_map_unlock(map);
	return (0);
}

/*
 * As vm_map_insert, but whatever was mapped in [start, start + length) is
 * unmapped first, in the same hold of the lock (MAP_FIXED).  On failure
 * the old mappings are intact.
 */
int
vm_map_fixed(struct vm_map *map, struct vm_object *object,
    vm_ooffset_t offset, vm_offset_t start, vm_size_t length,
    vm_prot_t prot, vm_prot_t max, int cow)
{
	struct vm_map_entry *new;
	vm_offset_t end = start + length;
	int error;

	if (end < start)
		return (ENOMEM);
	error = vm_map_insert_check(map, object, offset, start, end, prot,
	    max, cow);
	if (error != 0)
		return (error);
	if ((new = vm_map_entry_create()) == NULL)
		return (ENOMEM);
	vm_map_lock(map);
	if ((error = vm_map_delete(map, start, end)) != 0) {
		vm_map_unlock(map);
		kfree(new);
		return (error);
	}
	vm_map_insert_locked(map, new, object, offset, start, end, prot, max,
	    cow);
	vm_map_unlock(map);
	return (0);
}

/*
 * The lowest align-aligned address at least lo where length bytes are
 * free (map locked), in *addrp; ENOMEM if none.  A first fit walking the
 * list from lo: linear in the entries above lo.
 */
static int
vm_map_findspace(struct vm_map *map, vm_offset_t lo, vm_size_t length,
    vm_size_t align, vm_offset_t *addrp)
{
	struct vm_map_entry *entry;
	vm_offset_t start;

	start = roundup2(MAX(lo, map->min_offset), align);
	if (start < lo)
		return (ENOMEM);
	entry = vm_map_entry_at_or_after(map, start);
	for (;;) {
		if (start + length < start || start + length > map->max_offset)
			return (ENOMEM);
		if (entry == NULL || start + length <= entry->start)
			break;
		if (entry->end > start) {
			start = roundup2(entry->end, align);
			if (start < entry->end)
				return (ENOMEM);
		}
		entry = TAILQ_NEXT(entry, link);
	}
	*addrp = start;
	return (0);
}

/*
 * Map length bytes of object (as vm_map_insert) at the first free
 * address at or above the hint *addr that is a multiple of align (0 or a
 * power of two; VM_MAP_SUPERPAGE_SIZE for MAP_ALIGNED_SUPER), else at the
 * first one above the map's bottom.  Stores the address in *addr.
 * Returns 0, ENOMEM if there is no room or memory, or EINVAL.
 */
int
vm_map_find(struct vm_map *map, struct vm_object *object,
    vm_ooffset_t offset, vm_offset_t *addr, vm_size_t length,
    vm_size_t align, vm_prot_t prot, vm_prot_t max, int cow)
{
	struct vm_map_entry *new;
	vm_offset_t start;
	int error;

	if (align < PAGE_SIZE)
		align = PAGE_SIZE;
	if (!powerof2(align) || length == 0 || (length & PAGE_MASK) != 0)
		return (EINVAL);
	/* Check everything but the place, with a stand-in range. */
	error = vm_map_insert_check(map, object, offset, map->min_offset,
	    map->min_offset + length, prot, max, cow);
	if (error != 0)
		return (error);
	if ((new = vm_map_entry_create()) == NULL)
		return (ENOMEM);
	vm_map_lock(map);
	error = vm_map_findspace(map, trunc_page(*addr), length, align,
	    &start);
	if (error != 0 && trunc_page(*addr) > map->min_offset)
		error = vm_map_findspace(map, map->min_offset, length, align,
		    &start);
	if (error != 0) {
		vm_map_unlock(map);
		kfree(new);
		return (error);
	}
	vm_map_insert_locked(map, new, object, offset, start, start + length,
	    prot, max, cow);
	vm_map_unlock(map);
	*addr = start;
	return (0);
}

/*
 * Unmap [start, end) (munmap).  Holes are fine.  Returns 0, EINVAL if the
 * range is unaligned or outside the map, ENOMEM if memory is short.
 */
int
vm_map_remove(struct vm_map *map, vm_offset_t start, vm_offset_t end)
{
	int error;

	if ((start & PAGE_MASK) != 0 || (end & PAGE_MASK) != 0 ||
	    start > end || start < map->min_offset || end > map->max_offset)
		return (EINVAL);
	if (start == end)
		return (0);
	vm_map_lock(map);
	error = vm_map_delete(map, start, end);
	vm_map_unlock(map);
	return (error);
}

/*
 * Whether entry may take the change (mprotect's validation hook): the
 * protection new_prot and/or the maximum new_max, as flags say.  A
 * resulting protection with PROT_MTE where tags are forbidden is EINVAL
 * (docs/abi.md section 6; checked before EACCES so the answer does not
 * depend on PROT_MAX); asking for more than max_protection is EACCES.
 * Guards keep no access and accept anything else, as on FreeBSD.
 */
static int
vm_map_protect_check_entry(struct vm_map_entry *entry, vm_prot_t new_prot,
    vm_prot_t new_max, int flags)
{
	vm_prot_t result, wanted = 0;

	if ((flags & VM_MAP_PROTECT_SET_PROT) != 0)
		result = new_prot;
	else
		result = entry->protection & new_max;
	if ((result & VM_PROT_MTE) != 0 &&
	    !vm_map_may_tag(entry->object, entry->inheritance, entry->eflags))
		return (EINVAL);
	if ((entry->eflags & MAP_ENTRY_GUARD) != 0)
		return (0);
	if ((flags & VM_MAP_PROTECT_SET_PROT) != 0)
		wanted |= new_prot;
	if ((flags & VM_MAP_PROTECT_SET_MAXPROT) != 0)
		wanted |= new_max;
	if ((wanted & entry->max_protection) != wanted)
		return (EACCES);
	return (0);
}

/*
 * Bring the pmap in line with entry, whose protection was old.  Lost
 * access is taken away now.  A change of PROT_MTE changes the memory
 * attribute of the pages mapped there in place (pmap_protect_mte, which
 * makes their tags valid first through the one tag routine, docs/abi.md
 * section 7.1), so the access after mprotect takes no fault.  Gained
 * access comes with the next fault.
 */
static void
vm_map_entry_update_pmap(struct vm_map *map, struct vm_map_entry *entry,
    vm_prot_t old)
{
	vm_prot_t new = entry->protection;

	if (((old ^ new) & VM_PROT_MTE) != 0)
		pmap_protect_mte(map->pmap, entry->start, entry->end, new);
	else if ((old & ~new & VM_PROT_RWX) != 0)
		pmap_protect(map->pmap, entry->start, entry->end, new);
}

/*
 * Set the maximum protection of [start, end) to new_max and/or its
 * protection to new_prot, as flags (VM_MAP_PROTECT_SET_*) say; a new
 * maximum keeps only the current protection it still allows, and is set
 * before the new protection, which must lie within it.  All or nothing:
 * the first problem in address order decides, and a refusal leaves every
 * entry as it was.  A hole is ENOMEM, then per entry EINVAL (PROT_MTE
 * where tags are forbidden, docs/abi.md section 6) or EACCES (beyond
 * max_protection).  EINVAL for an unaligned range, unknown bits, no flag
 * or new_prot beyond new_max.
 */
int
vm_map_protect_range(struct vm_map *map, vm_offset_t start, vm_offset_t end,
    vm_prot_t new_prot, vm_prot_t new_max, int flags)
{
	struct vm_map_entry *entry, *first;
	vm_offset_t addr;
	vm_prot_t old;
	int error;

	if ((start & PAGE_MASK) != 0 || (end & PAGE_MASK) != 0 ||
	    start > end || ((new_prot | new_max) & ~VM_PROT_ALL) != 0 ||
	    (flags & VM_MAP_PROTECT_SET_ALL) == 0 ||
	    (flags & ~VM_MAP_PROTECT_SET_ALL) != 0 ||
	    ((flags & VM_MAP_PROTECT_SET_ALL) == VM_MAP_PROTECT_SET_ALL &&
	    (new_prot & new_max) != new_prot))
		return (EINVAL);
	if (start == end)
		return (0);
	vm_map_lock(map);

	/* Validate. */
	entry = vm_map_entry_at_or_after(map, start);
	for (addr = start; addr < end; addr = entry->end,
	    entry = TAILQ_NEXT(entry, link)) {
		if (entry == NULL || entry->start > addr) {
			error = ENOMEM;
			goto out;
		}
		error = vm_map_protect_check_entry(entry, new_prot, new_max,
		    flags);
		if (error != 0)
			goto out;
	}

	/* Apply. */
	if ((error = vm_map_clip_range(map, start, end, &first)) != 0)
		goto out;
	for (entry = first; entry != NULL && entry->start < end;
	    entry = TAILQ_NEXT(entry, link)) {
		if ((entry->eflags & MAP_ENTRY_GUARD) != 0)
			continue;
		old = entry->protection;
		if ((flags & VM_MAP_PROTECT_SET_MAXPROT) != 0) {
			entry->max_protection = new_max;
			entry->protection &= new_max;
		}
		if ((flags & VM_MAP_PROTECT_SET_PROT) != 0)
			entry->protection = new_prot;
		vm_map_entry_update_pmap(map, entry, old);
	}
	vm_map_simplify_range(map, first, end);
out:
	vm_map_unlock(map);
	return (error);
}

/*
 * Set the protection of [start, end) to new_prot (mprotect); with
 * set_max, set max_protection to new_prot instead and keep only the
 * current protection it still allows.  See vm_map_protect_range.
 */
int
vm_map_protect(struct vm_map *map, vm_offset_t start, vm_offset_t end,
    vm_prot_t new_prot, bool set_max)
{
	if (set_max)
		return (vm_map_protect_range(map, start, end, VM_PROT_NONE,
		    new_prot, VM_MAP_PROTECT_SET_MAXPROT));
	return (vm_map_protect_range(map, start, end, new_prot, VM_PROT_NONE,
	    VM_MAP_PROTECT_SET_PROT));
}

/*
 * Set the inheritance of the entries in [start, end) (minherit); holes
 * are fine and guards never take VM_INHERIT_ZERO, as on FreeBSD.  All or
 * nothing: EINVAL for an unknown value, an unaligned range, or
 * VM_INHERIT_SHARE over any entry whose protection has PROT_MTE (docs/abi.md
 * row 11); ENOMEM if memory is short.
 */
int
vm_map_inherit(struct vm_map *map, vm_offset_t start, vm_offset_t end,
    vm_inherit_t inheritance)
{
	struct vm_map_entry *entry, *first;
	int error = 0;

	if (inheritance < VM_INHERIT_SHARE || inheritance > VM_INHERIT_ZERO ||
	    (start & PAGE_MASK) != 0 || (end & PAGE_MASK) != 0 || start > end)
		return (EINVAL);
	if (start == end)
		return (0);
	vm_map_lock(map);
	if (inheritance == VM_INHERIT_SHARE) {
		for (entry = vm_map_entry_at_or_after(map, start);
		    entry != NULL && entry->start < end;
		    entry = TAILQ_NEXT(entry, link)) {
			if ((entry->protection & VM_PROT_MTE) != 0) {
				error = EINVAL;
				goto out;
			}
		}
	}
	if ((error = vm_map_clip_range(map, start, end, &first)) != 0)
		goto out;
	for (entry = first; entry != NULL && entry->start < end;
	    entry = TAILQ_NEXT(entry, link)) {
		if ((entry->eflags & MAP_ENTRY_GUARD) == 0 ||
		    inheritance != VM_INHERIT_ZERO)
			entry->inheritance = inheritance;
	}
	vm_map_simplify_range(map, first, end);
out:
	vm_map_unlock(map);
	return (error);
}

/*
 * Pages map's objects have on swap, a rough count for the OOM killer: each
 * entry's first object's (objects shared between entries count for each).
 */
u_long
vm_map_swap_count(struct vm_map *map)
{
	struct vm_map_entry *entry;
	u_long n = 0;

	vm_map_lock(map);
	TAILQ_FOREACH(entry, &map->entries, link) {
		if (entry->object == NULL)
			continue;
		vm_object_lock(entry->object);
		n += entry->object->swap_pages;
		vm_object_unlock(entry->object);
	}
	vm_map_unlock(map);
	return (n);
}

/*
 * MADV_FREE on [start, end) of entry: drop the pages whole, if doing so
 * makes them read as zero (docs/abi.md section 6: kept whole or dropped whole).  That
 * holds when the object is private to this one mapping and has no
 * backing object whose older pages would show through; otherwise the
 * pages are kept.
 */
static void
vm_map_entry_free_pages(struct vm_map_entry *entry, vm_offset_t start,
    vm_offset_t end)
{
	struct vm_object *object = entry->object;
	bool droppable;

	if (object == NULL)
		return;
	vm_object_lock(object);
	droppable = (object->flags & OBJ_ONEMAPPING) != 0 &&
	    object->backing_object == NULL &&
	    (entry->eflags & MAP_ENTRY_NEEDS_COPY) == 0;
	vm_object_unlock(object);
	if (droppable)
		vm_object_page_remove(object,
		    OFF_TO_IDX(entry->offset + (start - entry->start)),
		    OFF_TO_IDX(entry->offset + (end - entry->start)));
}

/*
 * MADV_PAGEOUT on [start, end): each unwired entry's own object pages out
 * its part of the range (vm_pageout_range), with the map unlocked (that
 * sleeps) and the object held by a reference.  Pages another process
 * may map are left alone, as Linux leaves pages mapped more than once:
 * those of entries still to be copied on write after a fork, of backing
 * objects, and of objects shared by fork (MAP_SHARED) that another map
 * still holds.
 */
static void
vm_map_pageout(struct vm_map *map, vm_offset_t start, vm_offset_t end)
{
	struct vm_map_entry *entry;
	struct vm_object *object;
	vm_pindex_t first, last;
	vm_offset_t va = start;

	while (va < end) {
		vm_map_lock(map);
		entry = vm_map_entry_at_or_after(map, va);
		if (entry == NULL || entry->start >= end) {
			vm_map_unlock(map);
			return;
		}
		va = MAX(va, entry->start);
		object = entry->object;
		first = OFF_TO_IDX(entry->offset + (va - entry->start));
		last = OFF_TO_IDX(entry->offset + (MIN(end, entry->end) -
		    entry->start));
		/* Wired, or shared copy on write with a fork's other side. */
		if ((entry->eflags & (MAP_ENTRY_WIRED | MAP_ENTRY_GUARD |
		    MAP_ENTRY_NEEDS_COPY)) != 0)
			object = NULL;
		if (object != NULL) {
			/* Shared by fork (MAP_SHARED) and still mapped there. */
			vm_object_lock(object);
			if ((object->flags & OBJ_SHARED) != 0 &&
			    __atomic_load_n(&object->ref_count,
			    __ATOMIC_RELAXED) > 1)
				object = NULL;
			else
				vm_object_reference(object);
			vm_object_unlock(entry->object);
		}
		va = MIN(end, entry->end);
		vm_map_unlock(map);
		if (object != NULL) {
			vm_pageout_range(object, first, last);
			vm_object_deallocate(object);
		}
	}
}

/*
 * Advise on [start, end) (madvise; advice is a FreeBSD MADV_* value, or
 * MADV_PAGEOUT, Linux's).  MADV_FREE drops what it can
 * (vm_map_entry_free_pages); MADV_WILLNEED maps resident pages ahead of
 * use; MADV_PAGEOUT writes private resident pages to swap now
 * (vm_map_pageout); MADV_DONTNEED keeps the data, as on FreeBSD (it only
 * lowers the pages' priority, which matters once there is paging); the
 * rest are accepted and ignored.  Returns 0, or EINVAL for unknown advice
 * or a range that is unaligned or outside the map.
 */
int
vm_map_madvise(struct vm_map *map, vm_offset_t start, vm_offset_t end,
    int advice)
{
	struct vm_map_entry *entry;

	if (((advice < 0 || advice > VM_MADV_MAX) &&
	    advice != VM_MADV_PAGEOUT) ||
	    (start & PAGE_MASK) != 0 || (end & PAGE_MASK) != 0 ||
	    start > end || start < map->min_offset || end > map->max_offset)
		return (EINVAL);
	if (advice == VM_MADV_WILLNEED) {
		vm_map_prefault(map, start, end);
		return (0);
	}
	if (advice == VM_MADV_PAGEOUT) {
		vm_map_pageout(map, start, end);
		return (0);
	}
	if (advice != VM_MADV_FREE)
		return (0);
	vm_map_lock(map);
	for (entry = vm_map_entry_at_or_after(map, start);
	    entry != NULL && entry->start < end;
	    entry = TAILQ_NEXT(entry, link))
		if ((entry->eflags & MAP_ENTRY_WIRED) == 0)
			vm_map_entry_free_pages(entry, MAX(start, entry->start),
			    MIN(end, entry->end));
	vm_map_unlock(map);
	return (0);
}

/*
 * The bytes of [start, end) that mlock has wired (all of the map for
 * start 0, end max_offset); what RLIMIT_MEMLOCK counts.
 */
vm_size_t
vm_map_wired_size(struct vm_map *map, vm_offset_t start, vm_offset_t end)
{
	struct vm_map_entry *entry;
	vm_size_t size = 0;

	vm_map_lock(map);
	for (entry = vm_map_entry_at_or_after(map, start);
	    entry != NULL && entry->start < end;
	    entry = TAILQ_NEXT(entry, link))
		if (entry->eflags & MAP_ENTRY_WIRED)
			size += MIN(end, entry->end) - MAX(start, entry->start);
	vm_map_unlock(map);
	return (size);
}

/*
 * Wire (mlock) or unwire (munlock) the page-aligned [start, end).  With
 * all, every entry in it (mlockall), holes allowed; otherwise the whole
 * range must be mapped, with no guard in it.  Wiring then faults every
 * page in, for writing where the entry is writable (so no later copy on
 * write moves it), which keeps it resident: TagOS has no page-out, and
 * MADV_FREE leaves wired entries alone.  0, ENOMEM for a hole or want of
 * memory (some pages may then be wired, as on FreeBSD).
 */
int
vm_map_wire(struct vm_map *map, vm_offset_t start, vm_offset_t end,
    bool wire, bool all)
{
	struct vm_map_entry *entry, *first;
	vm_offset_t va, expect = start, stop;
	vm_prot_t prot;
	int error = 0, rv;

	KASSERT((start & PAGE_MASK) == 0 && (end & PAGE_MASK) == 0,
	    ("vm_map_wire: unaligned range %#lx-%#lx", start, end));
	if (start >= end)
		return (0);
	vm_map_lock(map);
	for (entry = vm_map_entry_at_or_after(map, start);
	    !all && entry != NULL && entry->start < end;
	    entry = TAILQ_NEXT(entry, link)) {
		if (entry->start > expect ||
		    (entry->eflags & MAP_ENTRY_GUARD) != 0) {
			error = ENOMEM;
			goto out;
		}
		expect = entry->end;
	}
	if (!all && expect < end) {
		error = ENOMEM;
		goto out;
	}
	if ((error = vm_map_clip_range(map, start, end, &first)) != 0)
		goto out;
	for (entry = first; entry != NULL && entry->start < end;
	    entry = TAILQ_NEXT(entry, link)) {
		if (entry->eflags & MAP_ENTRY_GUARD)
			continue;
		if (wire)
			entry->eflags |= MAP_ENTRY_WIRED;
		else
			entry->eflags &= ~MAP_ENTRY_WIRED;
	}
	vm_map_simplify_range(map, first, end);
out:
	vm_map_unlock(map);
	if (error != 0 || !wire)
		return (error);
	/*
	 * Fault in the entries' pages, entry by entry under a fresh lookup
	 * (the map may change while it is unlocked): the cost follows the
	 * pages mapped, never the size of the range, which for mlockall is
	 * the whole address space.  Holes, guards and PROT_NONE stay as
	 * they are.
	 */
	for (va = start; va < end; va = stop) {
		vm_map_lock(map);
		entry = vm_map_entry_at_or_after(map, va);
		if (entry == NULL || entry->start >= end) {
			vm_map_unlock(map);
			break;
		}
		va = MAX(va, entry->start);
		stop = MIN(end, entry->end);
		prot = (entry->eflags & MAP_ENTRY_GUARD) != 0 ? VM_PROT_NONE :
		    entry->protection;
		vm_map_unlock(map);
		if ((prot & VM_PROT_READ) == 0)
			continue;
		for (; va < stop; va += PAGE_SIZE) {
			rv = vm_fault(map, va, (prot & VM_PROT_WRITE) != 0 ?
			    VM_PROT_WRITE : VM_PROT_READ);
			if (rv == VM_FAULT_NOMEM)
				return (ENOMEM);
			if (rv == VM_FAULT_INTERRUPTED)
				return (EINTR);
		}
	}
	return (0);
}

/*
 * Map the resident pages of [start, end) read-only ahead of use
 * (MAP_PREFAULT_READ, MADV_WILLNEED): see vm_fault_prefault().
 */
void
vm_map_prefault(struct vm_map *map, vm_offset_t start, vm_offset_t end)
{
	struct vm_map_entry *entry;

	vm_map_lock(map);
	for (entry = vm_map_entry_at_or_after(map, start);
	    entry != NULL && entry->start < end;
	    entry = TAILQ_NEXT(entry, link))
		vm_fault_prefault(map, entry, MAX(start, entry->start),
		    MIN(end, entry->end));
	vm_map_unlock(map);
}

/*
 * Fill vec, one byte per page of [start, end), with VM_MINCORE_* bits
 * (mincore): INCORE if the page is resident in the entry's object chain
 * or mapped, REFERENCED if this address space maps it.  Returns 0, EINVAL
 * for an unaligned range, ENOMEM if part of it is not mapped.
 */
int
vm_map_mincore(struct vm_map *map, vm_offset_t start, vm_offset_t end,
    char *vec)
{
	struct vm_map_entry *entry;
	vm_offset_t va;
	char bits;
	int error = 0;

	if ((start & PAGE_MASK) != 0 || (end & PAGE_MASK) != 0 || start > end)
		return (EINVAL);
	vm_map_lock(map);
	entry = vm_map_entry_at_or_after(map, start);
	for (va = start; va < end; va += PAGE_SIZE) {
		if (entry != NULL && va >= entry->end)
			entry = TAILQ_NEXT(entry, link);
		if (entry == NULL || va < entry->start) {
			error = ENOMEM;
			break;
		}
		bits = 0;
		if (pmap_is_mapped(map->pmap, va))
			bits = VM_MINCORE_INCORE | VM_MINCORE_REFERENCED;
		else if (entry->object != NULL &&
		    vm_object_page_resident(entry->object,
		    OFF_TO_IDX(entry->offset + (va - entry->start))))
			bits = VM_MINCORE_INCORE;
		vec[atop(va - start)] = bits;
	}
	vm_map_unlock(map);
	return (error);
}

/*
 * Resolve a fault's map side (map locked): the entry holding va, the
 * first object to look in (created now for zero-fill memory; a private
 * shadow made now on the first write to a NEEDS_COPY entry), the page
 * index in it, and the protection to map with (no WRITE while the object
 * is shared copy-on-write).  Returns 0 or a VM_FAULT_* code.
 */
int
vm_map_lookup(struct vm_map *map, vm_offset_t va, vm_prot_t fault_type,
    struct vm_map_entry **entryp, struct vm_object **objectp,
    vm_pindex_t *pindexp, vm_prot_t *protp)
{
	struct vm_map_entry *entry;
	vm_prot_t prot;

	if (!vm_map_lookup_entry(map, va, &entry))
		return (VM_FAULT_SIGSEGV_MAPERR);
	prot = entry->protection;
	if ((fault_type & prot) != fault_type || (prot & VM_PROT_RWX) == 0)
		return (VM_FAULT_SIGSEGV_ACCERR);
	if ((entry->eflags & MAP_ENTRY_NEEDS_COPY) != 0) {
		if ((fault_type & VM_PROT_WRITE) != 0) {
			if (vm_object_shadow(&entry->object, &entry->offset,
			    entry->end - entry->start) != 0)
				return (VM_FAULT_NOMEM);
			entry->eflags &= ~MAP_ENTRY_NEEDS_COPY;
		} else
			prot &= ~VM_PROT_WRITE;
	}
	if (vm_map_entry_charge_object(entry) != 0)
		return (VM_FAULT_NOMEM);
	*entryp = entry;
	*objectp = entry->object;
	*pindexp = OFF_TO_IDX(entry->offset + (trunc_page(va) - entry->start));
	*protp = prot;
	return (0);
}

/*
 * A new, empty address space for [min, max), or NULL if memory is
 * exhausted.
 */
struct vmspace *
vmspace_alloc(vm_offset_t min, vm_offset_t max)
{
	struct vmspace *vm;

	vm = kmalloc(sizeof(*vm), M_ZERO);
	if (vm == NULL)
		return (NULL);
	if (pmap_pinit(&vm->vm_pmap) != 0) {
		kfree(vm);
		return (NULL);
	}
	vm_map_init(&vm->vm_map, &vm->vm_pmap, min, max);
	return (vm);
}

/* Tear down an address space no thread runs in: every mapping, the pmap. */
void
vmspace_free(struct vmspace *vm)
{
	struct vm_map *map = &vm->vm_map;
	struct vm_map_entry *entry;

	vm_map_lock(map);
	while ((entry = TAILQ_FIRST(&map->entries)) != NULL)
		vm_map_entry_delete(map, entry);
	vm_map_unlock(map);
	pmap_release(&vm->vm_pmap);
	kfree(vm);
}

/*
 * Prepare parent entry old for sharing with a child (VM_INHERIT_SHARE):
 * both must see one object, written in place by both.  Give the entry an
 * object now if it has none.  Unless it is shared already, the object is
 * put behind a shadow of the entry's own (vm_object_shadow skips that if
 * the entry holds the object's only reference): sharing must cover
 * exactly this range, not other mappings of the object (other pieces of
 * a clipped mapping, the other side of an earlier fork, which a write
 * would otherwise reach).  The pages now behind the shadow lose write
 * access, so writes fault and land in the shadow.  The object is then
 * marked shared for good.
 */
static int
vmspace_fork_share(struct vm_map *old_map, struct vm_map_entry *old)
{
	struct vm_object *object;
	bool shared;

	if ((old->eflags & MAP_ENTRY_GUARD) != 0)
		return (0);
	if (vm_map_entry_charge_object(old) != 0)
		return (ENOMEM);
	vm_object_lock(old->object);
	shared = (old->object->flags & (OBJ_SHM | OBJ_SHARED)) != 0;
	vm_object_unlock(old->object);
	if (!shared || (old->eflags & MAP_ENTRY_NEEDS_COPY) != 0) {
		object = old->object;
		if (vm_object_shadow(&old->object, &old->offset,
		    old->end - old->start) != 0)
			return (ENOMEM);
		if (old->object != object &&
		    (old->eflags & MAP_ENTRY_NEEDS_COPY) == 0)
			pmap_protect(old_map->pmap, old->start, old->end,
			    old->protection & ~VM_PROT_WRITE);
		old->eflags &= ~MAP_ENTRY_NEEDS_COPY;
	}
	vm_object_lock(old->object);
	old->object->flags = (old->object->flags & ~OBJ_ONEMAPPING) |
	    OBJ_SHARED;
	vm_object_unlock(old->object);
	return (0);
}

/*
 * Give new, the child's copy of old, a private object holding a copy of
 * every page old shows now: a snapshot, for memory the parent keeps
 * sharing in place with others.  0, or ENOMEM.
 */
static int
vmspace_fork_snapshot(struct vm_map_entry *old, struct vm_map_entry *new)
{
	struct vm_object *copy, *holder;
	struct vm_page *m, *n;
	vm_pindex_t i, base = OFF_TO_IDX(old->offset);
	int error = 0;

	copy = vm_object_allocate_anon(atop(old->end - old->start));
	if (copy == NULL)
		return (ENOMEM);
	/* copy is no one else's yet, so locking it first is safe. */
	vm_object_lock(copy);
	for (i = 0; i < copy->size && error == 0; i++) {
		vm_object_lock(old->object);
		/*
		 * The map lock is held, so a page under I/O cannot be
		 * waited for nor one on swap read: the fork fails (rare:
		 * memory shared by fork, forked again, paged out meanwhile).
		 */
		if (vm_object_page_find(old->object, base + i, &m, &holder,
		    NULL) != VM_PAGE_FIND_OK)
			error = ENOMEM;
		else if (m != NULL) {
			if ((n = vm_page_alloc(copy, i, 0)) != NULL)
				vm_page_tag_copy(m, n);
			else
				error = ENOMEM;
		}
		if (holder != old->object)
			vm_object_unlock(holder);
		vm_object_unlock(old->object);
	}
	vm_object_unlock(copy);
	if (error != 0) {
		vm_object_deallocate(copy);
		return (error);
	}
	new->object = copy;
	new->offset = 0;
	new->eflags &= ~(MAP_ENTRY_COW | MAP_ENTRY_NEEDS_COPY);
	return (0);
}

/*
 * Make new, the child's copy of parent entry old, a copy
 * (VM_INHERIT_COPY).  Private memory becomes copy-on-write on both sides,
 * the parent's mappings losing write access so its next write faults and
 * copies.  Memory the parent shares in place must stay shared for it: an
 * anonymous object shared by fork is copied for the child now
 * (vmspace_fork_snapshot); a shared memory object mapped MAP_SHARED
 * becomes a private copy-on-write view for the child, as MAP_PRIVATE
 * would give.  0, or ENOMEM.
 */
static int
vmspace_fork_copy(struct vm_map *old_map, struct vm_map_entry *old,
    struct vm_map_entry *new)
{
	struct vm_object *object = old->object;
	u_int flags;

	if (object == NULL)
		return (0);
	vm_object_lock(object);
	flags = object->flags;
	if ((flags & (OBJ_SHM | OBJ_SHARED)) == 0)
		object->flags &= ~OBJ_ONEMAPPING;
	vm_object_unlock(object);
	if ((flags & OBJ_SHARED) != 0)
		return (vmspace_fork_snapshot(old, new));
	if ((old->eflags & MAP_ENTRY_NEEDS_COPY) == 0 &&
	    (flags & OBJ_SHM) == 0) {
		pmap_protect(old_map->pmap, old->start, old->end,
		    old->protection & ~VM_PROT_WRITE);
		old->eflags |= MAP_ENTRY_COW | MAP_ENTRY_NEEDS_COPY;
	}
	new->eflags |= MAP_ENTRY_COW | MAP_ENTRY_NEEDS_COPY;
	vm_object_reference(object);
	return (0);
}

/*
 * The child's copy of parent's address space, each entry per its
 * inheritance: SHARE shares the object, COPY makes both sides
 * copy-on-write, NONE leaves a hole, ZERO gives fresh zero-fill memory of
 * the same range and protection.  No page is copied or mapped now.
 * NULL if memory is exhausted (the parent may then have been prepared
 * for sharing or copying, which changes nothing it can see).
 */
struct vmspace *
vmspace_fork(struct vmspace *parent)
{
	struct vm_map *old_map = &parent->vm_map, *new_map;
	struct vm_map_entry *old, *new, *last = NULL;
	struct vmspace *child;

	child = vmspace_alloc(old_map->min_offset, old_map->max_offset);
	if (child == NULL)
		return (NULL);
	new_map = &child->vm_map;
	vm_map_lock(old_map);
	vm_map_lock(new_map);
	TAILQ_FOREACH(old, &old_map->entries, link) {
		if (old->inheritance == VM_INHERIT_NONE)
			continue;
		if (old->inheritance == VM_INHERIT_SHARE &&
		    vmspace_fork_share(old_map, old) != 0)
			goto fail;
		if ((new = vm_map_entry_create()) == NULL)
			goto fail;
		*new = *old;
		new->eflags &= ~MAP_ENTRY_WIRED;	/* locks are not inherited */
		switch (old->inheritance) {
		case VM_INHERIT_SHARE:
			vm_object_reference(new->object);
			break;
		case VM_INHERIT_COPY:
			if (vmspace_fork_copy(old_map, old, new) != 0) {
				kfree(new);
				goto fail;
			}
			break;
		case VM_INHERIT_ZERO:
			new->object = NULL;
			new->offset = 0;
			new->eflags &= ~(MAP_ENTRY_COW | MAP_ENTRY_NEEDS_COPY);
			break;
		}
		vm_map_entry_link(new_map, last, new);
		new_map->size += vm_map_entry_size(new);
		vm_map_simplify_entry(new_map, new);
		last = new;
	}
	/* Parent entries that now agree in their flags merge. */
	TAILQ_FOREACH(old, &old_map->entries, link)
		vm_map_simplify_entry(old_map, old);
	vm_map_unlock(new_map);
	vm_map_unlock(old_map);
	return (child);
fail:
	vm_map_unlock(new_map);
	vm_map_unlock(old_map);
	vmspace_free(child);
	return (NULL);
}
