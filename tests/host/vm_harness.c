/*
 * VM host-test harness (see vm_harness.h).  The checks read the VM's
 * structures directly: host tests are single-threaded, so no lock is
 * needed to look.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sys/types.h"
#include "sys/param.h"
#include "sys/malloc.h"
#include "vm/vm.h"
#include "vm/vm_fault.h"
#include "vm/vm_map.h"
#include "vm/vm_object.h"
#include "vm/vm_page.h"
#include "vm/vm_phys.h"
#include "vm/vm_reserv.h"
#include "fake_pmap.h"
#include "vm_harness.h"

uintptr_t host_dmap_offset;

#define ARENA_BASE	0x40000000UL
#define ARENA_SIZE	(64UL << 20)

static void	*arena;
static char	vmh_msg[256];

/*
 * kmalloc keeps the pages it carves into chunks, so a test counting free
 * pages would see the first use of each size as a leak.  Carve plenty of
 * chunks of every size the VM uses before any test counts.
 */
static void
vmh_warm_kmalloc(void)
{
	static void *chunks[2048];
	size_t size;
	int i;

	for (size = 16; size <= 1024; size *= 2) {
		for (i = 0; i < (int)nitems(chunks); i++)
			if ((chunks[i] = kmalloc(size, 0)) == NULL)
				abort();
		for (i = 0; i < (int)nitems(chunks); i++)
			kfree(chunks[i]);
	}
}

void
vmh_boot(void)
{
	if (arena != NULL)
		return;
	if (posix_memalign(&arena, VM_MAP_SUPERPAGE_SIZE, ARENA_SIZE) != 0)
		abort();
	host_dmap_offset = (uintptr_t)arena - ARENA_BASE;
	vm_phys_add_seg(ARENA_BASE, ARENA_BASE + ARENA_SIZE);
	vm_page_startup();
	vm_reserv_init();
	vmh_warm_kmalloc();
}

int
vmh_access(struct vmspace *vm, vm_offset_t va, vm_prot_t type,
    uint64_t *val)
{
	struct vm_page *m;
	vm_prot_t prot;
	uint64_t *p;
	int rv, tries;

	for (tries = 0; tries < 2; tries++) {
		if (fake_pmap_lookup(&vm->vm_pmap, va, &m, &prot) &&
		    (prot & type) == type) {
			p = (uint64_t *)((char *)vm_page_to_dmap(m) +
			    (va & PAGE_MASK & ~7UL));
			if (type == VM_PROT_WRITE)
				*p = *val;
			else
				*val = *p;
			return (0);
		}
		if (tries == 0 && (rv = vm_fault(&vm->vm_map, va, type)) != 0)
			return (rv);
	}
	fprintf(stderr, "vmh_access: vm_fault(%#lx, %d) succeeded but the "
	    "access still faults\n", (u_long)va, type);
	abort();
}

/* The page pindex of object reads (down its chain), or NULL. */
static struct vm_page *
vmh_resolve(struct vm_object *object, vm_pindex_t pindex)
{
	struct vm_page *m;

	for (; object != NULL; object = object->backing_object) {
		if ((object->flags & OBJ_SHM) != 0 && pindex >= object->size)
			return (NULL);
		vm_object_lock(object);
		m = vm_page_lookup(object, pindex);
		vm_object_unlock(object);
		if (m != NULL)
			return (m);
		pindex += OFF_TO_IDX(object->backing_object_offset);
	}
	return (NULL);
}

struct vm_map_entry *
vmh_lookup(struct vmspace *vm, vm_offset_t va)
{
	struct vm_map_entry *entry;
	bool found;

	vm_map_lock(&vm->vm_map);
	found = vm_map_lookup_entry(&vm->vm_map, va, &entry);
	vm_map_unlock(&vm->vm_map);
	return (found ? entry : NULL);
}

static vm_pindex_t
vmh_pindex(struct vm_map_entry *entry, vm_offset_t va)
{
	return (OFF_TO_IDX(entry->offset + (trunc_page(va) - entry->start)));
}

bool
vmh_peek(struct vmspace *vm, vm_offset_t va, uint64_t *val)
{
	struct vm_map_entry *entry = vmh_lookup(vm, va);
	struct vm_page *m;

	if (entry == NULL || (entry->eflags & MAP_ENTRY_GUARD) != 0)
		return (false);
	m = vmh_resolve(entry->object, vmh_pindex(entry, va));
	*val = m == NULL ? 0 : *(uint64_t *)((char *)vm_page_to_dmap(m) +
	    (va & PAGE_MASK & ~7UL));
	return (true);
}

int
vmh_chain_length(struct vmspace *vm, vm_offset_t va)
{
	struct vm_map_entry *entry = vmh_lookup(vm, va);
	struct vm_object *object;
	int n = 0;

	if (entry == NULL)
		return (0);
	for (object = entry->object; object != NULL;
	    object = object->backing_object)
		n++;
	return (n);
}

/* Record the first violation found. */
static const char *
vmh_fail(const char *fmt, ...) __attribute__((__format__(__printf__, 1, 2)));

static const char *
vmh_fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(vmh_msg, sizeof(vmh_msg), fmt, ap);
	va_end(ap);
	return (vmh_msg);
}

/* Number of nodes under n, checking the AVL property on the way. */
static int
vmh_tree_count(struct vm_tree_node *n, bool *ok)
{
	int l, r;

	if (n == NULL)
		return (0);
	l = n->left == NULL ? 0 : n->left->height;
	r = n->right == NULL ? 0 : n->right->height;
	if (n->height != (l > r ? l : r) + 1 || l - r > 1 || r - l > 1)
		*ok = false;
	return (1 + vmh_tree_count(n->left, ok) + vmh_tree_count(n->right, ok));
}

/* What the map code merges: everything but the range agrees. */
static bool
vmh_mergeable(struct vm_map_entry *a, struct vm_map_entry *b)
{
	return (a->end == b->start && a->object == b->object &&
	    (a->object == NULL || a->offset + (vm_ooffset_t)(a->end -
	    a->start) == b->offset) && a->protection == b->protection &&
	    a->max_protection == b->max_protection &&
	    a->inheritance == b->inheritance && a->eflags == b->eflags);
}

/* References the checked address spaces account for, per object. */
struct vmh_objref {
	struct vm_object *object;
	u_int		refs;
};

static struct vmh_objref *vmh_objs;
static int	vmh_nobjs, vmh_capobjs;

/* Count one reference to object (and visit its chain once). */
static void
vmh_count_ref(struct vm_object *object)
{
	int i;

	for (i = 0; i < vmh_nobjs; i++) {
		if (vmh_objs[i].object == object) {
			vmh_objs[i].refs++;
			return;
		}
	}
	if (vmh_nobjs == vmh_capobjs) {
		vmh_capobjs = vmh_capobjs == 0 ? 64 : 2 * vmh_capobjs;
		vmh_objs = realloc(vmh_objs, vmh_capobjs * sizeof(*vmh_objs));
		if (vmh_objs == NULL)
			abort();
	}
	vmh_objs[vmh_nobjs].object = object;
	vmh_objs[vmh_nobjs].refs = 1;
	vmh_nobjs++;
	if (object->backing_object != NULL)
		vmh_count_ref(object->backing_object);
}

/* Check one object's own invariants. */
static const char *
vmh_check_object(struct vm_object *object)
{
	struct vm_object *shadow;
	struct vm_page *m;
	u_long npages = 0;
	int ntail = 0;
	u_int nshadows = 0;
	bool ok = true;

	if ((object->flags & OBJ_DEAD) != 0)
		return (vmh_fail("object %p is dead but referenced", object));
	if ((object->flags & OBJ_SHARED) != 0 &&
	    (object->flags & OBJ_ONEMAPPING) != 0)
		return (vmh_fail("object %p shared and one-mapping", object));
	if ((object->flags & OBJ_SHARED) != 0 && object->shadow_count != 0)
		return (vmh_fail("fork-shared object %p has shadows", object));
	TAILQ_FOREACH(shadow, &object->shadow_head, shadow_list) {
		if (shadow->backing_object != object)
			return (vmh_fail("object %p lists shadow %p of %p",
			    object, shadow, shadow->backing_object));
		nshadows++;
	}
	if (nshadows != object->shadow_count)
		return (vmh_fail("object %p: %u shadows listed, count %u",
		    object, nshadows, object->shadow_count));
	if (object->backing_object != NULL && (object->backing_object_offset &
	    PAGE_MASK) != 0)
		return (vmh_fail("object %p: unaligned backing offset",
		    object));
	vm_object_lock(object);
	for (m = vm_page_find_least(object, 0); m != NULL;
	    m = vm_page_find_least(object, m->pindex + 1)) {
		npages++;
		if (m->object != object || (vm_page_flags(m) & PG_FREE) != 0)
			ok = false;
		if ((object->flags & OBJ_SHM) != 0 && m->pindex >= object->size)
			ok = false;
	}
	/* The tree holds every page but memq's unindexed tail. */
	for (m = object->unindexed; m != NULL; m = TAILQ_NEXT(m, listq))
		ntail++;
	vm_object_unlock(object);
	if (!ok)
		return (vmh_fail("object %p holds a bad page", object));
	if (npages != object->resident_page_count ||
	    vmh_tree_count(object->pages.root, &ok) + ntail != (int)npages ||
	    !ok)
		return (vmh_fail("object %p: page tree and count disagree",
		    object));
	return (NULL);
}

/* Print map's entries to stderr, for a failing test's log. */
static void
vmh_dump(struct vm_map *map)
{
	struct vm_map_entry *e;

	TAILQ_FOREACH(e, &map->entries, link)
		fprintf(stderr, "  %#lx-%#lx obj %p off %#lx prot %#x max %#x "
		    "inh %d eflags %#x\n", (u_long)e->start, (u_long)e->end,
		    (void *)e->object, (u_long)e->offset, e->protection,
		    e->max_protection, e->inheritance, e->eflags);
}

/* Check a map's entries. */
static const char *
vmh_check_map(struct vm_map *map)
{
	struct vm_map_entry *entry, *prev = NULL, *found;
	vm_size_t size = 0;
	int n = 0;
	bool ok = true;

	TAILQ_FOREACH(entry, &map->entries, link) {
		n++;
		if (entry->start >= entry->end ||
		    ((entry->start | entry->end) & PAGE_MASK) != 0 ||
		    entry->start < map->min_offset ||
		    entry->end > map->max_offset)
			return (vmh_fail("entry %#lx-%#lx: bad range",
			    entry->start, entry->end));
		if (prev != NULL && prev->end > entry->start)
			return (vmh_fail("entries %#lx-%#lx and %#lx-%#lx overlap",
			    prev->start, prev->end, entry->start, entry->end));
		if (entry->node.key != entry->start)
			return (vmh_fail("entry %#lx-%#lx: tree key %#lx",
			    entry->start, entry->end, entry->node.key));
		if (prev != NULL && vmh_mergeable(prev, entry))
			return (vmh_fail("entries %#lx-%#lx and %#lx-%#lx not "
			    "merged", prev->start, prev->end, entry->start,
			    entry->end));
		/*
		 * Both ends of the entry, and both ends of the gap below it
		 * (not found; the entry before is returned), asked after
		 * another entry's lookup moved the map's hint.
		 */
		vm_map_lock(map);
		ok = vm_map_lookup_entry(map, entry->start, &found) &&
		    found == entry &&
		    vm_map_lookup_entry(map, entry->end - 1, &found) &&
		    found == entry;
		if (ok && entry->start > (prev != NULL ? prev->end :
		    map->min_offset))
			ok = !vm_map_lookup_entry(map, entry->start - 1,
			    &found) && found == prev &&
			    !vm_map_lookup_entry(map, prev != NULL ?
			    prev->end : map->min_offset, &found) &&
			    found == prev;
		if (ok && TAILQ_NEXT(entry, link) == NULL &&
		    entry->end < map->max_offset)
			ok = !vm_map_lookup_entry(map, entry->end, &found) &&
			    found == entry &&
			    !vm_map_lookup_entry(map, map->max_offset - 1,
			    &found) && found == entry;
		if (ok && prev != NULL)
			ok = vm_map_lookup_entry(map, TAILQ_FIRST(
			    &map->entries)->start, &found) &&
			    found == TAILQ_FIRST(&map->entries);
		vm_map_unlock(map);
		if (!ok)
			return (vmh_fail("entry %#lx-%#lx: tree lookup fails",
			    entry->start, entry->end));
		if ((entry->protection & entry->max_protection) !=
		    entry->protection)
			return (vmh_fail("entry %#lx: prot %#x beyond max %#x",
			    entry->start, entry->protection,
			    entry->max_protection));
		if ((entry->eflags & MAP_ENTRY_GUARD) != 0 &&
		    (entry->object != NULL || entry->protection != 0 ||
		    entry->max_protection != 0))
			return (vmh_fail("guard %#lx has access or an object",
			    entry->start));
		if ((entry->eflags & MAP_ENTRY_NEEDS_COPY) != 0 &&
		    (entry->object == NULL ||
		    (entry->eflags & MAP_ENTRY_COW) == 0))
			return (vmh_fail("entry %#lx: NEEDS_COPY without COW "
			    "object", entry->start));
		if ((entry->protection & VM_PROT_MTE) != 0 &&
		    (entry->inheritance == VM_INHERIT_SHARE ||
		    (entry->object != NULL &&
		    !vm_object_chain_is_private(entry->object))))
			return (vmh_fail("entry %#lx: PROT_MTE on shared memory",
			    entry->start));
		if (entry->object != NULL &&
		    (entry->object->flags & OBJ_SHM) == 0 &&
		    entry->offset + (vm_ooffset_t)(entry->end - entry->start) >
		    IDX_TO_OFF(entry->object->size))
			return (vmh_fail("entry %#lx: past its object's end",
			    entry->start));
		if ((entry->eflags & MAP_ENTRY_GUARD) == 0)
			size += entry->end - entry->start;
		prev = entry;
	}
	if (n != map->nentries || size != map->size)
		return (vmh_fail("map counts %d entries %#lx bytes, has %d %#lx",
		    map->nentries, map->size, n, size));
	if (vmh_tree_count(map->root.root, &ok) != n || !ok)
		return (vmh_fail("map tree has the wrong shape or size"));
	return (NULL);
}

struct vmh_pmap_check {
	struct vmspace	*vm;
	const char	*error;
};

/* Check that one mapping agrees with the map and the objects. */
static void
vmh_check_mapping(vm_offset_t va, struct vm_page *m, vm_prot_t prot,
    void *arg)
{
	struct vmh_pmap_check *c = arg;
	struct vm_map_entry *entry;

	if (c->error != NULL)
		return;
	entry = vmh_lookup(c->vm, va);
	if (entry == NULL || (entry->eflags & MAP_ENTRY_GUARD) != 0)
		c->error = vmh_fail("%#lx mapped outside any entry", va);
	else if ((prot & VM_PROT_RWX & ~entry->protection) != 0)
		c->error = vmh_fail("%#lx mapped %#x, entry allows %#x", va,
		    prot, entry->protection);
	else if (((prot ^ entry->protection) & VM_PROT_MTE) != 0)
		c->error = vmh_fail("%#lx mapped %#x: MTE differs from entry "
		    "%#x", va, prot, entry->protection);
	else if (vmh_resolve(entry->object, vmh_pindex(entry, va)) != m)
		c->error = vmh_fail("%#lx maps page %#lx, the objects say "
		    "otherwise", va, VM_PAGE_TO_PHYS(m));
	else if ((prot & VM_PROT_WRITE) != 0 && (m->object != entry->object ||
	    (entry->eflags & MAP_ENTRY_NEEDS_COPY) != 0))
		c->error = vmh_fail("%#lx mapped writable but shared", va);
}

const char *
vmh_check(struct vmspace **vms, int nvms, struct vm_object **extra_objs,
    const u_int *extra_refs, int nextra)
{
	struct vmh_pmap_check c;
	struct vm_map_entry *entry;
	struct vm_object *object;
	const char *error;
	u_int expect;
	int i, j;

	vmh_nobjs = 0;
	for (i = 0; i < nvms; i++) {
		if ((error = vmh_check_map(&vms[i]->vm_map)) != NULL) {
			vmh_dump(&vms[i]->vm_map);
			return (error);
		}
		c.vm = vms[i];
		c.error = NULL;
		fake_pmap_foreach(&vms[i]->vm_pmap, vmh_check_mapping, &c);
		if (c.error != NULL)
			return (c.error);
		TAILQ_FOREACH(entry, &vms[i]->vm_map.entries, link)
			if (entry->object != NULL)
				vmh_count_ref(entry->object);
	}
	for (i = 0; i < vmh_nobjs; i++) {
		object = vmh_objs[i].object;
		if ((error = vmh_check_object(object)) != NULL)
			return (error);
		/* refs counted one per entry and one per shadow seen */
		expect = vmh_objs[i].refs;
		for (j = 0; j < nextra; j++)
			if (extra_objs[j] == object)
				expect += extra_refs[j];
		if (object->ref_count != expect)
			return (vmh_fail("object %p has %u references, %u found",
			    object, object->ref_count, expect));
	}
	return (NULL);
}

const char *
vmh_check1(struct vmspace *vm)
{
	return (vmh_check(&vm, 1, NULL, NULL, 0));
}
