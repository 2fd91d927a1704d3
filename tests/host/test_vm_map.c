/*
 * Host tests for address maps (sys/vm/vm_map.c) in one address space:
 * placement, clipping and merging, all-or-nothing failures, every PROT_MTE
 * rule of docs/abi.md section 6 for mmap, mprotect and minherit, madvise, mincore,
 * and long random sequences of operations checked against a reference
 * model holding each page's state.  After every step the harness checks
 * the map's invariants and that the fake pmap agrees with it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hosttest.h"
#include "sys/types.h"
#include "sys/param.h"
#include "sys/errno.h"
#include "vm/vm.h"
#include "vm/vm_fault.h"
#include "vm/vm_map.h"
#include "vm/vm_object.h"
#include "vm/vm_page.h"
#include "vm/vm_page_tags.h"
#include "vm/vm_phys.h"
#include "fake_pmap.h"
#include "vm_harness.h"


#define CHECK(vm)	HT_ASSERT_NO_ERROR(vmh_check1(vm))

/* Read page i's first word into *v. */
static int
rd(struct vmspace *vm, int i, uint64_t *v)
{
	return (vmh_access(vm, PG(i), VM_PROT_READ, v));
}

/* The entry holding page i, or NULL. */
static struct vm_map_entry *
entry_at(struct vmspace *vm, int i)
{
	return (vmh_lookup(vm, PG(i)));
}

/* A copy of a map's entries, to show that a failure changed nothing. */
struct snapshot {
	int		n;
	struct vm_map_entry e[64];
};

static void
snap(struct vmspace *vm, struct snapshot *s)
{
	struct vm_map_entry *entry;

	s->n = 0;
	TAILQ_FOREACH(entry, &vm->vm_map.entries, link)
		if (s->n < 64)
			s->e[s->n++] = *entry;
}

static bool
same(struct vmspace *vm, const struct snapshot *s)
{
	struct vm_map_entry *entry;
	int i = 0;

	TAILQ_FOREACH(entry, &vm->vm_map.entries, link) {
		if (i >= s->n || entry->start != s->e[i].start ||
		    entry->end != s->e[i].end ||
		    entry->object != s->e[i].object ||
		    entry->offset != s->e[i].offset ||
		    entry->protection != s->e[i].protection ||
		    entry->max_protection != s->e[i].max_protection ||
		    entry->inheritance != s->e[i].inheritance ||
		    entry->eflags != s->e[i].eflags)
			return (false);
		i++;
	}
	return (i == s->n);
}

HT_TEST(insert_find_fixed)
{
	struct vmspace *vm = new_space();
	struct vm_map *map = &vm->vm_map;
	vm_offset_t addr;

	HT_ASSERT_EQ(vm_map_insert(map, NULL, 0, PG(0), PG(4), RW, VM_PROT_ALL,
	    0), 0);
	/* overlapping: ENOMEM (MAP_EXCL); outside: ENOMEM; unaligned: EINVAL */
	HT_ASSERT_EQ(vm_map_insert(map, NULL, 0, PG(3), PG(5), RW, RW, 0),
	    ENOMEM);
	HT_ASSERT_EQ(vm_map_insert(map, NULL, 0, 0, PAGE_SIZE, RW, RW, 0),
	    ENOMEM);
	HT_ASSERT_EQ(vm_map_insert(map, NULL, 0, VMH_MAX - PAGE_SIZE,
	    VMH_MAX + PAGE_SIZE, RW, RW, 0), ENOMEM);
	HT_ASSERT_EQ(vm_map_insert(map, NULL, 0, PG(8) + 1, PG(9), RW, RW, 0),
	    EINVAL);
	HT_ASSERT_EQ(vm_map_insert(map, NULL, 0, PG(9), PG(9), RW, RW, 0),
	    EINVAL);
	HT_ASSERT_EQ(vm_map_insert(map, NULL, 0, PG(8), PG(9), RW, R, 0),
	    EINVAL);
	HT_ASSERT_EQ(vm_map_insert(map, NULL, 0, PG(8), PG(9), 0x40, 0xff, 0),
	    EINVAL);
	/* adjacent and alike: merged */
	HT_ASSERT_EQ(vm_map_insert(map, NULL, 0, PG(4), PG(6), RW, VM_PROT_ALL,
	    0), 0);
	HT_ASSERT_EQ(map->nentries, 1);
	HT_ASSERT_EQ(map->size, ptoa(6));

	/* MAP_FIXED replaces, atomically */
	HT_ASSERT_EQ(wr(vm, 2, 42), 0);
	HT_ASSERT_EQ(vm_map_fixed(map, NULL, 0, PG(1), ptoa(2), R, R, 0), 0);
	HT_ASSERT_EQ(map->nentries, 3);
	HT_ASSERT(entry_at(vm, 2)->protection == R);
	HT_ASSERT_EQ(wr(vm, 2, 1), VM_FAULT_SIGSEGV_ACCERR);
	CHECK(vm);

	/* first fit above the hint */
	addr = PG(0);
	HT_ASSERT_EQ(vm_map_find(map, NULL, 0, &addr, ptoa(3), 0, RW, RW, 0), 0);
	HT_ASSERT_EQ(addr, PG(6));
	addr = PG(100);
	HT_ASSERT_EQ(vm_map_find(map, NULL, 0, &addr, ptoa(1), 0, RW, RW, 0), 0);
	HT_ASSERT_EQ(addr, PG(100));
	/* superpage alignment */
	addr = PG(0);
	HT_ASSERT_EQ(vm_map_find(map, NULL, 0, &addr, ptoa(1),
	    VM_MAP_SUPERPAGE_SIZE, RW, RW, 0), 0);
	HT_ASSERT_EQ(addr % VM_MAP_SUPERPAGE_SIZE, 0);
	HT_ASSERT(addr > PG(100));
	/* a hint near the top falls back to the bottom */
	addr = VMH_MAX - PAGE_SIZE;
	HT_ASSERT_EQ(vm_map_find(map, NULL, 0, &addr, ptoa(2), 0, RW, RW, 0), 0);
	HT_ASSERT_EQ(addr, VMH_MIN);
	/* no room, bad alignment */
	HT_ASSERT_EQ(vm_map_find(map, NULL, 0, &addr, VMH_MAX, 0, RW, RW, 0),
	    ENOMEM);
	HT_ASSERT_EQ(vm_map_find(map, NULL, 0, &addr, ptoa(1), 3 * PAGE_SIZE,
	    RW, RW, 0), EINVAL);
	CHECK(vm);

	/* munmap: holes are fine; outside the map is EINVAL */
	HT_ASSERT_EQ(vm_map_remove(map, PG(2), PG(50)), 0);
	HT_ASSERT(entry_at(vm, 1) != NULL && entry_at(vm, 2) == NULL);
	HT_ASSERT_EQ(vm_map_remove(map, 0, PG(1)), EINVAL);
	HT_ASSERT_EQ(vm_map_remove(map, PG(1) + 8, PG(2)), EINVAL);
	CHECK(vm);
	vmspace_free(vm);
}

HT_TEST(split_and_merge_stay_bounded)
{
	struct vmspace *vm = new_space();
	struct vm_map *map = &vm->vm_map;
	static const vm_prot_t prots[] = { R, RW, VM_PROT_NONE, RW | MTE,
	    R | MTE, R | VM_PROT_EXECUTE };
	uint64_t v;
	int step, a, b, i, maxent = 0;

	srandom(7);
	HT_ASSERT_EQ(vm_map_insert(map, NULL, 0, PG(0), PG(64), RW,
	    VM_PROT_ALL, 0), 0);
	for (i = 0; i < 64; i++)
		HT_ASSERT_EQ(wr(vm, i, i + 1000), 0);
	for (step = 0; step < 10000; step++) {
		a = random() % 64;
		b = a + 1 + random() % (64 - a);
		HT_ASSERT_EQ(vm_map_protect(map, PG(a), PG(b),
		    prots[random() % nitems(prots)], false), 0);
		/* any inheritance but SHARE, which tagged memory refuses */
		if (step % 7 == 0)
			HT_ASSERT_EQ(vm_map_inherit(map, PG(a), PG(b),
			    1 + random() % 3), 0);
		maxent = MAX(maxent, map->nentries);
		if (step % 100 == 0)
			CHECK(vm);
	}
	HT_ASSERT(maxent <= 64);
	HT_ASSERT_EQ(vm_map_inherit(map, PG(0), PG(64), VM_INHERIT_COPY), 0);
	HT_ASSERT_EQ(vm_map_protect(map, PG(0), PG(64), RW, false), 0);
	/* one object behind all the pieces: everything merges back */
	HT_ASSERT_EQ(map->nentries, 1);
	for (i = 0; i < 64; i++) {
		HT_ASSERT_EQ(rd(vm, i, &v), 0);
		HT_ASSERT_EQ(v, i + 1000);
	}
	CHECK(vm);
	vmspace_free(vm);
}

HT_TEST(protect_all_or_nothing)
{
	struct vmspace *vm = new_space();
	struct vm_map *map = &vm->vm_map;
	struct snapshot s;

	HT_ASSERT_EQ(vm_map_insert(map, NULL, 0, PG(0), PG(4), RW, VM_PROT_ALL,
	    0), 0);
	HT_ASSERT_EQ(vm_map_insert(map, NULL, 0, PG(4), PG(6), R, R, 0), 0);
	HT_ASSERT_EQ(vm_map_insert(map, NULL, 0, PG(8), PG(10), RW, RW, 0), 0);
	HT_ASSERT_EQ(wr(vm, 1, 5), 0);
	snap(vm, &s);
	/* a hole: ENOMEM */
	HT_ASSERT_EQ(vm_map_protect(map, PG(1), PG(9), R, false), ENOMEM);
	HT_ASSERT(same(vm, &s));
	HT_ASSERT_EQ(vm_map_protect(map, PG(20), PG(21), R, false), ENOMEM);
	/* beyond max_protection of the second entry: EACCES */
	HT_ASSERT_EQ(vm_map_protect(map, PG(1), PG(6), RW, false), EACCES);
	HT_ASSERT(same(vm, &s));
	/* unknown bits, unaligned: EINVAL */
	HT_ASSERT_EQ(vm_map_protect(map, PG(1), PG(2), 0x08, false), EINVAL);
	HT_ASSERT_EQ(vm_map_protect(map, PG(1) + 1, PG(2), R, false), EINVAL);
	HT_ASSERT(same(vm, &s));
	/* a good one */
	HT_ASSERT_EQ(vm_map_protect(map, PG(1), PG(6), R, false), 0);
	HT_ASSERT_EQ(map->nentries, 4);
	HT_ASSERT_EQ(wr(vm, 1, 6), VM_FAULT_SIGSEGV_ACCERR);
	/* set_max lowers max_protection for good */
	HT_ASSERT_EQ(vm_map_protect(map, PG(8), PG(10), R, true), 0);
	HT_ASSERT_EQ(vm_map_protect(map, PG(8), PG(10), RW, false), EACCES);
	CHECK(vm);
	vmspace_free(vm);
}

/*
 * mprotect(PROT_MAX(p) | prot) sets the maximum and the protection in one
 * all-or-nothing change (vm_map_protect_range), as FreeBSD does.  A
 * PROT_MTE refusal on shared memory used to lower the maximum anyway, so
 * a later mprotect within the old maximum failed with EACCES.
 */
HT_TEST(protect_max_refusal_changes_nothing)
{
	struct vmspace *vm = new_space();
	struct vm_map *map = &vm->vm_map;
	struct snapshot s;
	const int both = VM_MAP_PROTECT_SET_ALL;

	/* shared (INHERIT_SHARE), then private, then shared again */
	HT_ASSERT_EQ(vm_map_insert(map, NULL, 0, PG(0), PG(2), RW, VM_PROT_ALL,
	    MAP_INHERIT_SHARE), 0);
	HT_ASSERT_EQ(vm_map_insert(map, NULL, 0, PG(2), PG(4), R, VM_PROT_ALL,
	    0), 0);
	HT_ASSERT_EQ(vm_map_insert(map, NULL, 0, PG(4), PG(6), RW, VM_PROT_ALL,
	    MAP_INHERIT_SHARE), 0);
	HT_ASSERT_EQ(wr(vm, 0, 7), 0);
	snap(vm, &s);
	/* PROT_MAX(RW|MTE) | RW|MTE on shared memory: EINVAL, nothing set */
	HT_ASSERT_EQ(vm_map_protect_range(map, PG(0), PG(2), RW | MTE,
	    RW | MTE, both), EINVAL);
	HT_ASSERT(same(vm, &s));
	/* the private entry before the shared one is not lowered either */
	HT_ASSERT_EQ(vm_map_protect_range(map, PG(2), PG(6), RW | MTE,
	    RW | MTE, both), EINVAL);
	HT_ASSERT(same(vm, &s));
	/* so the old maximum still holds: executable is allowed */
	HT_ASSERT_EQ(vm_map_protect(map, PG(0), PG(6), VM_PROT_RWX, false), 0);
	HT_ASSERT_EQ(entry_at(vm, 0)->max_protection, VM_PROT_ALL);
	HT_ASSERT_EQ(entry_at(vm, 4)->max_protection, VM_PROT_ALL);
	/* beyond the maximum, for either half: EACCES, nothing set */
	HT_ASSERT_EQ(vm_map_protect_range(map, PG(2), PG(4), R, R, both), 0);
	snap(vm, &s);
	HT_ASSERT_EQ(vm_map_protect_range(map, PG(0), PG(4), R, RW, both),
	    EACCES);
	HT_ASSERT(same(vm, &s));
	/* prot beyond the new maximum, or no flag: EINVAL */
	HT_ASSERT_EQ(vm_map_protect_range(map, PG(0), PG(2), RW, R, both),
	    EINVAL);
	HT_ASSERT_EQ(vm_map_protect_range(map, PG(0), PG(2), R, R, 0), EINVAL);
	HT_ASSERT(same(vm, &s));
	/* a good one sets both: the protection, and the maximum for later */
	HT_ASSERT_EQ(vm_map_protect_range(map, PG(0), PG(2), R, RW, both), 0);
	HT_ASSERT_EQ(entry_at(vm, 0)->protection, R);
	HT_ASSERT_EQ(entry_at(vm, 0)->max_protection, RW);
	HT_ASSERT_EQ(vm_map_protect(map, PG(0), PG(2), VM_PROT_RWX, false),
	    EACCES);
	CHECK(vm);
	vmspace_free(vm);
}

HT_TEST(guard)
{
	struct vmspace *vm = new_space();
	struct vm_map *map = &vm->vm_map;
	uint64_t v;

	HT_ASSERT_EQ(vm_map_insert(map, NULL, 0, PG(0), PG(4), RW, RW,
	    MAP_CREATE_GUARD), EINVAL);
	HT_ASSERT_EQ(vm_map_insert(map, NULL, 0, PG(0), PG(4), 0, VM_PROT_ALL,
	    MAP_CREATE_GUARD), 0);
	HT_ASSERT(entry_at(vm, 0)->max_protection == 0);
	HT_ASSERT_EQ(map->size, 0);
	HT_ASSERT_EQ(rd(vm, 1, &v), VM_FAULT_SIGSEGV_ACCERR);
	/* mprotect passes over guards (FreeBSD), which stay inaccessible */
	HT_ASSERT_EQ(vm_map_protect(map, PG(0), PG(4), RW, false), 0);
	HT_ASSERT_EQ(rd(vm, 1, &v), VM_FAULT_SIGSEGV_ACCERR);
	HT_ASSERT(entry_at(vm, 0)->object == NULL);
	/* but never PROT_MTE */
	HT_ASSERT_EQ(vm_map_protect(map, PG(0), PG(4), RW | MTE, false),
	    EINVAL);
	/* a guard reserves: MAP_EXCL fails, MAP_FIXED replaces */
	HT_ASSERT_EQ(vm_map_insert(map, NULL, 0, PG(1), PG(2), RW, RW, 0),
	    ENOMEM);
	HT_ASSERT_EQ(vm_map_fixed(map, NULL, 0, PG(1), ptoa(1), RW, RW, 0), 0);
	HT_ASSERT_EQ(wr(vm, 1, 3), 0);
	HT_ASSERT_EQ(map->nentries, 3);
	CHECK(vm);
	vmspace_free(vm);
}

/* Each row of docs/abi.md section 6 about mmap, mprotect and minherit with PROT_MTE. */
HT_TEST(mte_rules)
{
	struct vmspace *vm = new_space();
	struct vm_map *map = &vm->vm_map;
	struct vm_object *shm;
	struct vm_page *m;
	struct snapshot s;
	vm_prot_t prot;
	uint64_t v;

	shm = vm_object_allocate_shm(4);
	/* mmap PROT_MTE, MAP_SHARED|MAP_ANON: EINVAL */
	HT_ASSERT_EQ(vm_map_insert(map, NULL, 0, PG(0), PG(2), RW | MTE,
	    VM_PROT_ALL, MAP_INHERIT_SHARE), EINVAL);
	/* of a shm object, MAP_SHARED or MAP_PRIVATE: EINVAL */
	HT_ASSERT_EQ(vm_map_insert(map, shm, 0, PG(0), PG(2), RW | MTE,
	    VM_PROT_ALL, MAP_INHERIT_SHARE), EINVAL);
	HT_ASSERT_EQ(vm_map_insert(map, shm, 0, PG(0), PG(2), RW | MTE,
	    VM_PROT_ALL, MAP_COPY_ON_WRITE), EINVAL);
	HT_ASSERT_EQ(vm_map_insert(map, shm, 0, PG(0), PG(2), RW | MTE,
	    VM_PROT_ALL, 0), EINVAL);
	/* with MAP_GUARD: EINVAL */
	HT_ASSERT_EQ(vm_map_insert(map, NULL, 0, PG(0), PG(2), MTE,
	    VM_PROT_ALL, MAP_CREATE_GUARD), EINVAL);
	HT_ASSERT_EQ(map->nentries, 0);

	/* PROT_MTE alone: an inaccessible range, tagged once opened */
	HT_ASSERT_EQ(vm_map_insert(map, NULL, 0, PG(0), PG(2), MTE,
	    VM_PROT_ALL, 0), 0);
	HT_ASSERT_EQ(rd(vm, 0, &v), VM_FAULT_SIGSEGV_ACCERR);
	HT_ASSERT_EQ(vm_map_protect(map, PG(0), PG(2), RW | MTE, false), 0);
	HT_ASSERT_EQ(wr(vm, 0, 77), 0);
	HT_ASSERT(fake_pmap_lookup(&vm->vm_pmap, PG(0), &m, &prot));
	HT_ASSERT_EQ(prot, RW | MTE);

	/* PROT_MAX without PROT_MTE, then mprotect adding it: EACCES */
	HT_ASSERT_EQ(vm_map_insert(map, NULL, 0, PG(4), PG(6), RW, RW, 0), 0);
	HT_ASSERT_EQ(vm_map_protect(map, PG(4), PG(6), RW | MTE, false),
	    EACCES);

	/*
	 * adding PROT_MTE to private anonymous memory keeps the data; the
	 * resident page stays mapped, rewritten in place as tagged with
	 * valid tags, so the next write takes no fault
	 */
	HT_ASSERT_EQ(vm_map_insert(map, NULL, 0, PG(8), PG(10), RW,
	    VM_PROT_ALL, 0), 0);
	HT_ASSERT_EQ(wr(vm, 8, 88), 0);
	HT_ASSERT(fake_pmap_lookup(&vm->vm_pmap, PG(8), &m, &prot));
	HT_ASSERT(!vm_page_tagged(m));
	HT_ASSERT_EQ(vm_map_protect(map, PG(8), PG(10), RW | MTE, false), 0);
	HT_ASSERT(fake_pmap_lookup(&vm->vm_pmap, PG(8), &m, &prot));
	HT_ASSERT_EQ(prot, RW | MTE);
	HT_ASSERT(vm_page_tagged(m));
	HT_ASSERT(!pmap_is_mapped(&vm->vm_pmap, PG(9)));
	HT_ASSERT_EQ(rd(vm, 8, &v), 0);
	HT_ASSERT_EQ(v, 88);
	/* removing it: succeeds, mappings lose the attribute, tags stay */
	HT_ASSERT_EQ(vm_map_protect(map, PG(8), PG(10), RW, false), 0);
	HT_ASSERT(fake_pmap_lookup(&vm->vm_pmap, PG(8), &m, &prot));
	HT_ASSERT_EQ(prot, RW);
	HT_ASSERT(vm_page_tagged(m));
	HT_ASSERT_EQ(rd(vm, 8, &v), 0);
	HT_ASSERT_EQ(v, 88);
	/* a read-only mapping gains the attribute but never WRITE */
	HT_ASSERT_EQ(vm_map_protect(map, PG(8), PG(10), R, false), 0);
	HT_ASSERT_EQ(vm_map_protect(map, PG(8), PG(10), RW | MTE, false), 0);
	HT_ASSERT(fake_pmap_lookup(&vm->vm_pmap, PG(8), &m, &prot));
	HT_ASSERT_EQ(prot, R | MTE);
	HT_ASSERT_EQ(vm_map_protect(map, PG(8), PG(10), RW, false), 0);
	HT_ASSERT_EQ(vm_map_protect(map, PG(8), PG(10), RW | MTE, false), 0);

	/* shared memory: anonymous MAP_SHARED, shm shared, shm private */
	HT_ASSERT_EQ(vm_map_insert(map, NULL, 0, PG(10), PG(12), RW,
	    VM_PROT_ALL, MAP_INHERIT_SHARE), 0);
	vm_object_reference(shm);
	HT_ASSERT_EQ(vm_map_insert(map, shm, 0, PG(12), PG(14), RW,
	    VM_PROT_ALL, MAP_INHERIT_SHARE), 0);
	vm_object_reference(shm);
	HT_ASSERT_EQ(vm_map_insert(map, shm, 0, PG(14), PG(16), RW,
	    VM_PROT_ALL, MAP_COPY_ON_WRITE), 0);
	HT_ASSERT_EQ(wr(vm, 14, 1), 0);		/* a private copy exists */
	snap(vm, &s);
	HT_ASSERT_EQ(vm_map_protect(map, PG(10), PG(12), RW | MTE, false),
	    EINVAL);
	HT_ASSERT_EQ(vm_map_protect(map, PG(12), PG(14), RW | MTE, false),
	    EINVAL);
	HT_ASSERT_EQ(vm_map_protect(map, PG(14), PG(16), RW | MTE, false),
	    EINVAL);
	/* a range of tagged, private and shared: nothing changes */
	HT_ASSERT_EQ(vm_map_protect(map, PG(8), PG(16), R | MTE, false),
	    EINVAL);
	HT_ASSERT(same(vm, &s));
	/* minherit(INHERIT_SHARE) over anything tagged: EINVAL */
	HT_ASSERT_EQ(vm_map_inherit(map, PG(8), PG(12), VM_INHERIT_SHARE),
	    EINVAL);
	HT_ASSERT_EQ(vm_map_inherit(map, PG(0), PG(20), VM_INHERIT_SHARE),
	    EINVAL);
	HT_ASSERT(same(vm, &s));
	/* mprotect(PROT_MTE) over an INHERIT_SHARE entry: EINVAL */
	HT_ASSERT_EQ(vm_map_inherit(map, PG(4), PG(6), VM_INHERIT_SHARE), 0);
	HT_ASSERT_EQ(vm_map_protect(map, PG(4), PG(6), R | MTE, false), EINVAL);
	/* PROT_MTE in a new maximum only tags nothing: no MTE rule applies */
	HT_ASSERT_EQ(vm_map_protect(map, PG(12), PG(14), RW | MTE, true), 0);
	/* COPY, NONE, ZERO on tagged memory: fine */
	HT_ASSERT_EQ(vm_map_inherit(map, PG(8), PG(9), VM_INHERIT_NONE), 0);
	HT_ASSERT_EQ(vm_map_inherit(map, PG(8), PG(10), VM_INHERIT_ZERO), 0);
	HT_ASSERT_EQ(vm_map_inherit(map, PG(8), PG(10), VM_INHERIT_COPY), 0);
	HT_ASSERT_EQ(vm_map_inherit(map, PG(8), PG(10), 4), EINVAL);
	/* MAP_SHARED anonymous memory made private before any fork */
	HT_ASSERT_EQ(vm_map_inherit(map, PG(10), PG(12), VM_INHERIT_COPY), 0);
	HT_ASSERT_EQ(vm_map_protect(map, PG(10), PG(12), RW | MTE, false), 0);
	{
		struct vm_object *extra[1] = { shm };
		u_int refs[1] = { 1 };
		const char *error = vmh_check(&vm, 1, extra, refs, 1);

		HT_ASSERT(error == NULL);
	}
	vmspace_free(vm);
	vm_object_deallocate(shm);
}

HT_TEST(madvise_mincore_prefault)
{
	struct vmspace *vm = new_space();
	struct vm_map *map = &vm->vm_map;
	u_long before = vm_phys_free_count(), quick;
	char vec[8];
	uint64_t v;
	int i;

	HT_ASSERT_EQ(vm_map_insert(map, NULL, 0, PG(0), PG(8), RW, RW, 0), 0);
	for (i = 0; i < 8; i += 2)
		HT_ASSERT_EQ(wr(vm, i, 10 + i), 0);
	HT_ASSERT_EQ(vm_map_mincore(map, PG(0), PG(8), vec), 0);
	for (i = 0; i < 8; i++)
		HT_ASSERT_EQ(vec[i], i % 2 == 0 ? VM_MINCORE_INCORE |
		    VM_MINCORE_REFERENCED : 0);
	HT_ASSERT_EQ(vm_map_mincore(map, PG(6), PG(9), vec), ENOMEM);

	/* resident but unmapped pages: INCORE only; WILLNEED maps them */
	pmap_remove(&vm->vm_pmap, PG(0), PG(8));
	HT_ASSERT_EQ(vm_map_mincore(map, PG(0), PG(2), vec), 0);
	HT_ASSERT(vec[0] == VM_MINCORE_INCORE && vec[1] == 0);
	quick = fake_pmap_stats.enter_object;
	HT_ASSERT_EQ(vm_map_madvise(map, PG(0), PG(8), VM_MADV_WILLNEED), 0);
	HT_ASSERT_EQ(fake_pmap_stats.enter_object, quick + 4);
	HT_ASSERT(pmap_is_mapped(&vm->vm_pmap, PG(2)));
	CHECK(vm);
	/* a prefaulted page is read-only: writing still faults, and works */
	HT_ASSERT_EQ(wr(vm, 2, 99), 0);

	/* DONTNEED keeps the data (FreeBSD); FREE drops the pages whole */
	HT_ASSERT_EQ(vm_map_madvise(map, PG(0), PG(8), VM_MADV_DONTNEED), 0);
	HT_ASSERT_EQ(rd(vm, 4, &v), 0);
	HT_ASSERT_EQ(v, 14);
	HT_ASSERT_EQ(vm_map_madvise(map, PG(0), PG(4), VM_MADV_FREE), 0);
	HT_ASSERT_EQ(rd(vm, 2, &v), 0);
	HT_ASSERT_EQ(v, 0);
	HT_ASSERT_EQ(rd(vm, 4, &v), 0);
	HT_ASSERT_EQ(v, 14);
	HT_ASSERT_EQ(vm_map_madvise(map, PG(0), PG(4), 11), EINVAL);
	HT_ASSERT_EQ(vm_map_madvise(map, PG(0), PG(4), -1), EINVAL);
	CHECK(vm);

	/* munmap of part of a private mapping frees those pages now */
	HT_ASSERT_EQ(vm_phys_free_count(), before - 3);	/* pages 2, 4, 6 */
	HT_ASSERT_EQ(vm_map_remove(map, PG(4), PG(8)), 0);
	HT_ASSERT_EQ(vm_phys_free_count(), before - 1);
	vmspace_free(vm);
	HT_ASSERT_EQ(vm_phys_free_count(), before);
}

/*
 * The reference model: each page of a window of NP pages, and two shared
 * memory objects of SHM_PAGES pages whose contents it also tracks.
 */
#define NP		48
#define NSHM		2
#define SHM_PAGES	8

struct mpage {
	bool		mapped;
	bool		guard;
	vm_prot_t	prot;
	vm_prot_t	max;
	vm_inherit_t	inh;
	int		shm;		/* 0, or 1 + the shm object mapped */
	bool		shm_private;	/* ... MAP_PRIVATE */
	int		shm_page;	/* page of it */
	bool		known;		/* val is what the page holds */
	uint64_t	val;
};

struct model {
	struct mpage	p[NP];
	uint64_t	shm_val[NSHM][SHM_PAGES];
	struct vm_object *shm[NSHM];
};

/* What page i holds, per the model. */
static uint64_t
model_val(struct model *md, int i)
{
	struct mpage *p = &md->p[i];

	if (p->shm != 0 && !p->shm_private)
		return (md->shm_val[p->shm - 1][p->shm_page]);
	return (p->val);
}

static bool
may_tag(const struct mpage *p)
{
	return (!p->guard && p->inh != VM_INHERIT_SHARE && p->shm == 0);
}

/* A random protection: some of READ, WRITE, EXECUTE, sometimes MTE. */
static vm_prot_t
random_prot(void)
{
	vm_prot_t prot = random() % 8;

	if (random() % 4 == 0)
		prot |= MTE;
	return (prot);
}

/* Compare the map and the objects' contents with the model. */
static const char *
compare(struct vmspace *vm, struct model *md)
{
	static char msg[200];
	struct vm_map_entry *entry;
	struct vm_object *object;
	struct mpage *p;
	uint64_t v;
	int i;

	for (i = 0; i < NP; i++) {
		p = &md->p[i];
		entry = entry_at(vm, i);
		if ((entry != NULL) != p->mapped)
			goto bad;
		if (!p->mapped)
			continue;
		if (((entry->eflags & MAP_ENTRY_GUARD) != 0) != p->guard ||
		    entry->protection != p->prot ||
		    entry->max_protection != p->max ||
		    entry->inheritance != p->inh)
			goto bad;
		for (object = entry->object; object != NULL &&
		    object->backing_object != NULL;
		    object = object->backing_object)
			;
		if (p->shm != 0 && (object != md->shm[p->shm - 1] ||
		    ((entry->eflags & MAP_ENTRY_COW) != 0) != p->shm_private))
			goto bad;
		if (p->shm == 0 && object != NULL &&
		    (object->flags & OBJ_SHM) != 0)
			goto bad;
		if (!p->guard && p->known && (!vmh_peek(vm, PG(i), &v) ||
		    v != model_val(md, i))) {
			snprintf(msg, sizeof(msg), "page %d holds %#lx, model "
			    "%#lx", i, (u_long)v, (u_long)model_val(md, i));
			return (msg);
		}
	}
	return (NULL);
bad:
	snprintf(msg, sizeof(msg), "page %d: map and model disagree", i);
	return (msg);
}

/* One random operation, applied to both; returns a failure or NULL. */
static const char *
random_step(struct vmspace *vm, struct model *md)
{
	static char msg[200];
	struct vm_map *map = &vm->vm_map;
	struct mpage *p;
	vm_prot_t prot, max;
	int op = random() % 11, a, b, i, z, zoff, kind, rv, expect = 0, cow;
	uint64_t v;
	bool excl, set_max;
	char vec[NP];

	a = random() % NP;
	b = a + 1 + random() % 8;
	b = MIN(b, NP);
	switch (op) {
	case 0:		/* mmap anonymous: private, shared or guard */
	case 1:
		kind = random() % 3;
		excl = random() % 2;
		prot = kind == 2 && random() % 4 != 0 ? 0 : random_prot();
		max = random() % 3 == 0 ? prot | random_prot() : VM_PROT_ALL;
		if (random() % 10 == 0)
			max = random_prot();
		cow = kind == 1 ? MAP_INHERIT_SHARE : kind == 2 ?
		    MAP_CREATE_GUARD : 0;
		expect = 0;
		if ((prot & max) != prot || (kind == 2 && prot != 0) ||
		    ((prot & MTE) != 0 && kind != 0))
			expect = EINVAL;
		for (i = a; i < b && expect == 0 && excl; i++)
			if (md->p[i].mapped)
				expect = ENOMEM;
		rv = excl ? vm_map_insert(map, NULL, 0, PG(a), PG(b), prot, max,
		    cow) : vm_map_fixed(map, NULL, 0, PG(a), PG(b) - PG(a), prot,
		    max, cow);
		if (rv != expect)
			goto bad;
		for (i = a; i < b && rv == 0; i++) {
			p = &md->p[i];
			memset(p, 0, sizeof(*p));
			p->mapped = true;
			p->guard = kind == 2;
			p->prot = prot;
			p->max = kind == 2 ? 0 : max;
			p->inh = kind == 1 ? VM_INHERIT_SHARE : VM_INHERIT_COPY;
			p->known = true;
		}
		break;
	case 2:		/* mmap a shm object, shared or private */
		z = random() % NSHM;
		zoff = random() % SHM_PAGES;
		b = MIN(b, a + SHM_PAGES - zoff);
		kind = random() % 2;
		prot = random_prot();
		expect = (prot & MTE) != 0 ? EINVAL : 0;
		vm_object_reference(md->shm[z]);
		rv = vm_map_fixed(map, md->shm[z], ptoa(zoff), PG(a),
		    PG(b) - PG(a), prot, VM_PROT_ALL,
		    kind == 0 ? MAP_INHERIT_SHARE : MAP_COPY_ON_WRITE);
		if (rv != 0)
			vm_object_deallocate(md->shm[z]);
		if (rv != expect)
			goto bad;
		for (i = a; i < b && rv == 0; i++) {
			p = &md->p[i];
			memset(p, 0, sizeof(*p));
			p->mapped = true;
			p->prot = prot;
			p->max = VM_PROT_ALL;
			p->inh = kind == 0 ? VM_INHERIT_SHARE : VM_INHERIT_COPY;
			p->shm = z + 1;
			p->shm_private = kind == 1;
			p->shm_page = zoff + i - a;
			p->known = kind == 0;
		}
		break;
	case 3:		/* munmap */
		if ((rv = vm_map_remove(map, PG(a), PG(b))) != 0)
			goto bad;
		for (i = a; i < b; i++)
			md->p[i].mapped = false;
		break;
	case 4:		/* mprotect */
	case 5:
		prot = random_prot();
		set_max = random() % 8 == 0;
		expect = 0;
		for (i = a; i < b && expect == 0; i++) {
			p = &md->p[i];
			if (!p->mapped)
				expect = ENOMEM;
			else if (((set_max ? p->prot & prot : prot) & MTE) !=
			    0 && !may_tag(p))
				expect = EINVAL;
			else if (!p->guard && (prot & p->max) != prot)
				expect = EACCES;
		}
		if ((rv = vm_map_protect(map, PG(a), PG(b), prot, set_max)) !=
		    expect)
			goto bad;
		for (i = a; i < b && rv == 0; i++) {
			p = &md->p[i];
			if (p->guard)
				continue;
			if (set_max) {
				p->max = prot;
				p->prot &= prot;
			} else
				p->prot = prot;
		}
		break;
	case 6:		/* minherit */
		kind = random() % 5;
		expect = kind == 4 ? EINVAL : 0;
		for (i = a; i < b && kind == VM_INHERIT_SHARE; i++)
			if (md->p[i].mapped && (md->p[i].prot & MTE) != 0)
				expect = EINVAL;
		if ((rv = vm_map_inherit(map, PG(a), PG(b), kind)) != expect)
			goto bad;
		for (i = a; i < b && rv == 0; i++)
			if (md->p[i].mapped && (!md->p[i].guard ||
			    kind != VM_INHERIT_ZERO))
				md->p[i].inh = kind;
		break;
	case 7:		/* store */
	case 8:
		p = &md->p[a];
		v = random();
		expect = !p->mapped ? VM_FAULT_SIGSEGV_MAPERR :
		    (p->prot & VM_PROT_WRITE) == 0 ? VM_FAULT_SIGSEGV_ACCERR : 0;
		if ((rv = wr(vm, a, v)) != expect)
			goto bad;
		if (rv != 0)
			break;
		if (p->shm != 0 && !p->shm_private)
			md->shm_val[p->shm - 1][p->shm_page] = v;
		else {
			p->val = v;
			p->known = true;
		}
		break;
	case 9:		/* load */
		p = &md->p[a];
		expect = !p->mapped ? VM_FAULT_SIGSEGV_MAPERR :
		    (p->prot & VM_PROT_READ) == 0 ? VM_FAULT_SIGSEGV_ACCERR : 0;
		if ((rv = rd(vm, a, &v)) != expect)
			goto bad;
		if (rv == 0 && p->known && v != model_val(md, a)) {
			snprintf(msg, sizeof(msg), "load of page %d: %#lx, "
			    "model %#lx", a, (u_long)v, (u_long)model_val(md, a));
			return (msg);
		}
		break;
	case 10:	/* madvise, mincore */
		kind = random() % 3;
		if (kind == 2) {
			expect = 0;
			for (i = a; i < b; i++)
				if (!md->p[i].mapped)
					expect = ENOMEM;
			rv = vm_map_mincore(map, PG(a), PG(b), vec);
			if (rv != expect)
				goto bad;
			for (i = a; i < b && rv == 0; i++)
				if (pmap_is_mapped(&vm->vm_pmap, PG(i)) !=
				    (vec[i - a] == (VM_MINCORE_INCORE |
				    VM_MINCORE_REFERENCED)) || (vec[i - a] &
				    ~(VM_MINCORE_INCORE |
				    VM_MINCORE_REFERENCED)) != 0)
					goto bad;
			break;
		}
		rv = vm_map_madvise(map, PG(a), PG(b), kind == 0 ?
		    VM_MADV_FREE : VM_MADV_WILLNEED);
		if (rv != 0)
			goto bad;
		/* A page is kept whole or dropped whole: old data or zero. */
		for (i = a; i < b && kind == 0; i++) {
			p = &md->p[i];
			if (!p->mapped || p->guard || !p->known ||
			    (p->shm != 0 && !p->shm_private))
				continue;
			vmh_peek(vm, PG(i), &v);
			if (v != p->val && v != 0) {
				snprintf(msg, sizeof(msg), "MADV_FREE left "
				    "page %d holding %#lx", i, (u_long)v);
				return (msg);
			}
			p->val = v;
		}
		break;
	}
	return (NULL);
bad:
	snprintf(msg, sizeof(msg), "op %d on pages %d-%d returned %d, model "
	    "says %d", op, a, b, rv, expect);
	return (msg);
}

/* Long random runs, one per seed, each ending with every page free. */
HT_TEST(random_against_model)
{
	struct vm_object *extra[NSHM];
	static struct model md;
	u_int refs[NSHM];
	struct vmspace *vm;
	const char *error;
	u_long before;
	int seed, step, z;

	vmh_boot();
	for (seed = 1; seed <= 3; seed++) {
		srandom(seed);
		memset(&md, 0, sizeof(md));
		vm = new_space();
		before = vm_phys_free_count();
		for (z = 0; z < NSHM; z++) {
			md.shm[z] = extra[z] = vm_object_allocate_shm(SHM_PAGES);
			refs[z] = 1;
		}
		for (step = 0; step < 20000; step++) {
			if ((error = random_step(vm, &md)) != NULL ||
			    (error = vmh_check(&vm, 1, extra, refs, NSHM)) !=
			    NULL || (error = compare(vm, &md)) != NULL) {
				ht_fail(__FILE__, __LINE__, "seed %d step %d: %s",
				    seed, step, error);
				return;
			}
		}
		vmspace_free(vm);
		for (z = 0; z < NSHM; z++)
			vm_object_deallocate(md.shm[z]);
		HT_ASSERT_EQ(vm_phys_free_count(), before);
	}
}

/*
 * mlockall wires the whole address space: faulting it in costs the pages
 * mapped, not the size of the space.  It used to call vm_fault on every
 * page of [min, max), 2^36 of them for a user map, so mlockall never
 * returned and SIGKILL could not end it (found by tests/user/syscall_fuzz).
 */
HT_TEST(wire_all_faults_only_mapped_pages)
{
	struct vmspace *vm = new_space();
	struct vm_map *map = &vm->vm_map;
	u_long faults;

	HT_ASSERT_EQ(vm_map_insert(map, NULL, 0, PG(0), PG(2), RW, RW, 0), 0);
	HT_ASSERT_EQ(vm_map_insert(map, NULL, 0, PG(4096), PG(4100), 0, RW,
	    0), 0);
	HT_ASSERT_EQ(vm_map_insert(map, NULL, 0, VMH_MAX - PAGE_SIZE, VMH_MAX,
	    R, R, 0), 0);
	faults = vm_fault_counters.faults;
	HT_ASSERT_EQ(vm_map_wire(map, map->min_offset, map->max_offset, true,
	    true), 0);
	/* Two RW pages and one R page; the PROT_NONE entry is left alone. */
	HT_ASSERT_EQ(vm_fault_counters.faults - faults, 3);
	HT_ASSERT(vmh_lookup(vm, PG(0))->eflags & MAP_ENTRY_WIRED);
	HT_ASSERT(vmh_lookup(vm, VMH_MAX - PAGE_SIZE)->eflags &
	    MAP_ENTRY_WIRED);
	CHECK(vm);
	vmspace_free(vm);
}
