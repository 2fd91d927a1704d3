/*
 * Host tests for page faults and fork (sys/vm/vm_fault.c, vmspace_fork in
 * sys/vm/vm_map.c), through the fake pmap: demand zero, copy on write,
 * each inheritance, shared memory objects (shared and private mappings,
 * SIGBUS past the end), fault-around and prefault, running out of
 * memory, chains that stay short over many fork/exit cycles, and random
 * runs of several processes forking, writing and exiting, checked
 * against a model of who shares which data.  Every test also checks that
 * no page leaks.
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
#include "vm/vm_phys.h"
#include "vm/vm_page_tags.h"
#include "fake_pmap.h"
#include "fake_tags.h"
#include "vm_harness.h"


/* FreeBSD's numbers (sys/signal.h, which clashes with the host's). */
#define FREEBSD_SIGBUS		10
#define FREEBSD_BUS_OBJERR	3
#define FREEBSD_BUS_OOMERR	100

#define CHECK(vms, n)	HT_ASSERT_NO_ERROR(vmh_check(vms, n, NULL, NULL, 0))

/* Page i's first word, read as the user would; ~0 if the read faults. */
static uint64_t
rv(struct vmspace *vm, int i)
{
	uint64_t v;

	return (vmh_access(vm, PG(i), VM_PROT_READ, &v) == 0 ? v : ~0UL);
}

/* The permissions page i is mapped with, 0 if it is not. */
static vm_prot_t
mapped_prot(struct vmspace *vm, int i)
{
	struct vm_page *m;
	vm_prot_t prot;

	return (fake_pmap_lookup(&vm->vm_pmap, PG(i), &m, &prot) ? prot : 0);
}

static int
map_anon(struct vmspace *vm, int a, int b, vm_prot_t prot, int cow)
{
	return (vm_map_insert(&vm->vm_map, NULL, 0, PG(a), PG(b), prot,
	    VM_PROT_ALL, cow));
}

HT_TEST(demand_zero)
{
	struct vmspace *vm = new_space();
	u_long before = vm_phys_free_count();

	HT_ASSERT_EQ(map_anon(vm, 0, 4, RW, 0), 0);
	HT_ASSERT_EQ(rv(vm, 1), 0);
	HT_ASSERT_EQ(vm_phys_free_count(), before - 1);
	HT_ASSERT_EQ(wr(vm, 1, 5), 0);
	HT_ASSERT_EQ(rv(vm, 1), 5);
	HT_ASSERT_EQ(vm_phys_free_count(), before - 1);
	HT_ASSERT_EQ(vm_fault(&vm->vm_map, PG(9), VM_PROT_READ),
	    VM_FAULT_SIGSEGV_MAPERR);
	HT_ASSERT_EQ(vm_fault(&vm->vm_map, PG(1), VM_PROT_EXECUTE),
	    VM_FAULT_SIGSEGV_ACCERR);
	CHECK(&vm, 1);
	vmspace_free(vm);
	HT_ASSERT_EQ(vm_phys_free_count(), before);
}

/* The page va maps in vm (NULL if none). */
static struct vm_page *
mapped_page(struct vmspace *vm, vm_offset_t va)
{
	struct vm_page *m;
	vm_prot_t prot;

	return (fake_pmap_lookup(&vm->vm_pmap, va, &m, &prot) ? m : NULL);
}

/* A counter of vm_page_tag_counters, read now. */
#define TAG_COUNT(field)						\
	__atomic_load_n(&vm_page_tag_counters.field, __ATOMIC_RELAXED)

/*
 * A page's tag life through the VM (vm_page_tags.c): an untagged page
 * that gains PROT_MTE is initialised at its next mapping with its data
 * kept, a fresh tagged page is born zeroed and tagged, copy on write
 * carries the tags, and every page that became tagged loses its tag state
 * when freed.
 */
HT_TEST(tag_life_through_fault_mprotect_fork_and_free)
{
	struct vmspace *p = new_space(), *c;
	struct vm_page *m;
	u_long valid = vm_page_tag_valid_count(), freed = TAG_COUNT(freed);
	u_long initialised, zeroed, copied;

	HT_ASSERT_EQ(map_anon(p, 0, 4, RW, 0), 0);
	HT_ASSERT_EQ(wr(p, 0, 7), 0);
	HT_ASSERT((m = mapped_page(p, PG(0))) != NULL);
	HT_ASSERT(!vm_page_tagged(m));
	initialised = TAG_COUNT(initialised);
	HT_ASSERT_EQ(vm_map_protect(&p->vm_map, PG(0), PG(4), RW | MTE, false),
	    0);
	HT_ASSERT_EQ(rv(p, 0), 7);
	HT_ASSERT(mapped_page(p, PG(0)) == m && vm_page_tagged(m));
	HT_ASSERT_EQ(fake_tags_clears(m), 1);
	HT_ASSERT_EQ(TAG_COUNT(initialised) - initialised, 1);
	zeroed = TAG_COUNT(zeroed);
	HT_ASSERT_EQ(wr(p, 2, 9), 0);
	HT_ASSERT(vm_page_tagged(mapped_page(p, PG(2))));
	HT_ASSERT_EQ(TAG_COUNT(zeroed) - zeroed, 1);
	fake_tags_set(m, 3, 0xa);
	c = vmspace_fork(p);
	HT_ASSERT(c != NULL);
	copied = TAG_COUNT(copied);
	HT_ASSERT_EQ(wr(c, 0, 8), 0);
	HT_ASSERT_EQ(TAG_COUNT(copied) - copied, 1);
	HT_ASSERT(mapped_page(c, PG(0)) != m);
	HT_ASSERT(vm_page_tagged(mapped_page(c, PG(0))));
	HT_ASSERT_EQ(fake_tags_get(mapped_page(c, PG(0)), 3), 0xa);
	HT_ASSERT_EQ(rv(p, 0), 7);
	vmspace_free(c);
	vmspace_free(p);
	HT_ASSERT(!vm_page_tagged(m));
	HT_ASSERT_EQ(TAG_COUNT(freed) - freed, vm_page_tag_valid_count() - valid);
}

HT_TEST(copy_on_write_after_fork)
{
	struct vmspace *p = new_space(), *c, *vms[2];
	u_long before;
	int i;

	HT_ASSERT_EQ(map_anon(p, 0, 8, RW | MTE, 0), 0);
	for (i = 0; i < 8; i++)
		HT_ASSERT_EQ(wr(p, i, 100 + i), 0);
	before = vm_phys_free_count();
	HT_ASSERT(mapped_prot(p, 0) == (RW | MTE));
	c = vmspace_fork(p);
	HT_ASSERT(c != NULL);
	vms[0] = p;
	vms[1] = c;
	/* the parent lost write access, keeping the tag attribute */
	HT_ASSERT(mapped_prot(p, 0) == (R | MTE));
	CHECK(vms, 2);
	for (i = 0; i < 8; i++)
		HT_ASSERT_EQ(rv(c, i), 100 + i);
	HT_ASSERT_EQ(vm_phys_free_count(), before);	/* nothing copied */
	/* read faults share the page read-only */
	HT_ASSERT(mapped_prot(c, 0) == (R | MTE));
	HT_ASSERT_EQ(wr(p, 0, 1), 0);
	HT_ASSERT_EQ(wr(c, 1, 2), 0);
	HT_ASSERT_EQ(rv(p, 0), 1);
	HT_ASSERT_EQ(rv(c, 0), 100);
	HT_ASSERT_EQ(rv(p, 1), 101);
	HT_ASSERT_EQ(rv(c, 1), 2);
	HT_ASSERT(mapped_prot(c, 1) == (RW | MTE));
	HT_ASSERT_EQ(vm_phys_free_count(), before - 2);
	CHECK(vms, 2);
	vmspace_free(c);
	/* the child gone, the parent's chain folds back to one object */
	HT_ASSERT_EQ(vmh_chain_length(p, PG(0)), 1);
	for (i = 1; i < 8; i++)
		HT_ASSERT_EQ(rv(p, i), 100 + i);
	HT_ASSERT_EQ(vm_phys_free_count(), before);
	CHECK(&p, 1);
	vmspace_free(p);
	HT_ASSERT_EQ(vm_phys_free_count(), before + 8);
}

HT_TEST(inherit_zero_none_share)
{
	struct vmspace *p = new_space(), *c, *vms[2];
	u_long before = vm_phys_free_count();
	struct vm_map_entry *entry;

	HT_ASSERT_EQ(map_anon(p, 0, 2, RW | MTE, 0), 0);
	HT_ASSERT_EQ(map_anon(p, 2, 4, RW, 0), 0);
	HT_ASSERT_EQ(map_anon(p, 4, 6, RW, MAP_INHERIT_SHARE), 0);
	HT_ASSERT_EQ(wr(p, 0, 10), 0);
	HT_ASSERT_EQ(wr(p, 2, 12), 0);
	HT_ASSERT_EQ(wr(p, 4, 14), 0);
	HT_ASSERT_EQ(vm_map_inherit(&p->vm_map, PG(0), PG(2),
	    VM_INHERIT_ZERO), 0);
	HT_ASSERT_EQ(vm_map_inherit(&p->vm_map, PG(2), PG(3),
	    VM_INHERIT_NONE), 0);
	c = vmspace_fork(p);
	vms[0] = p;
	vms[1] = c;
	CHECK(vms, 2);
	/* ZERO: fresh zero memory of the same protection, tags and all */
	HT_ASSERT_EQ(rv(c, 0), 0);
	HT_ASSERT((entry = vmh_lookup(c, PG(0))) != NULL);
	HT_ASSERT_EQ(entry->protection, RW | MTE);
	HT_ASSERT_EQ(rv(p, 0), 10);
	/* NONE: a hole */
	HT_ASSERT_EQ(vm_fault(&c->vm_map, PG(2), VM_PROT_READ),
	    VM_FAULT_SIGSEGV_MAPERR);
	HT_ASSERT_EQ(rv(c, 3), 0);
	/* SHARE: one memory, both ways */
	HT_ASSERT_EQ(rv(c, 4), 14);
	HT_ASSERT_EQ(wr(c, 4, 24), 0);
	HT_ASSERT_EQ(rv(p, 4), 24);
	HT_ASSERT_EQ(wr(p, 5, 25), 0);
	HT_ASSERT_EQ(rv(c, 5), 25);
	CHECK(vms, 2);
	/* tags never cross address spaces: shared memory stays untagged */
	HT_ASSERT_EQ(vm_map_inherit(&p->vm_map, PG(4), PG(6),
	    VM_INHERIT_COPY), 0);
	HT_ASSERT_EQ(vm_map_protect(&p->vm_map, PG(4), PG(6), RW | MTE,
	    false), EINVAL);
	HT_ASSERT_EQ(vm_map_protect(&c->vm_map, PG(4), PG(6), RW | MTE,
	    false), EINVAL);
	vmspace_free(c);
	vmspace_free(p);
	HT_ASSERT_EQ(vm_phys_free_count(), before);
}

/* Sharing after a copy-on-write fork still shares, and copies still copy. */
HT_TEST(share_after_copy)
{
	struct vmspace *p = new_space(), *c1, *c2, *vms[3];
	u_long before = vm_phys_free_count();

	HT_ASSERT_EQ(map_anon(p, 0, 2, RW, 0), 0);
	HT_ASSERT_EQ(wr(p, 0, 1), 0);
	c1 = vmspace_fork(p);		/* p's entry is now NEEDS_COPY */
	HT_ASSERT_EQ(vm_map_inherit(&p->vm_map, PG(0), PG(2),
	    VM_INHERIT_SHARE), 0);
	c2 = vmspace_fork(p);
	vms[0] = p;
	vms[1] = c1;
	vms[2] = c2;
	CHECK(vms, 3);
	/* c2 maps the page behind the shared shadow; p's write must reach it */
	HT_ASSERT_EQ(rv(c2, 0), 1);
	HT_ASSERT_EQ(wr(p, 0, 2), 0);
	HT_ASSERT_EQ(rv(c2, 0), 2);
	HT_ASSERT_EQ(rv(c1, 0), 1);
	HT_ASSERT_EQ(wr(c2, 1, 3), 0);
	HT_ASSERT_EQ(rv(p, 1), 3);
	HT_ASSERT_EQ(rv(c1, 1), 0);
	CHECK(vms, 3);

	/* shared memory inherited as a copy: the child gets a snapshot */
	vmspace_free(c1);
	HT_ASSERT_EQ(vm_map_inherit(&p->vm_map, PG(0), PG(2),
	    VM_INHERIT_COPY), 0);
	c1 = vmspace_fork(p);
	vms[1] = c1;
	HT_ASSERT_EQ(wr(p, 0, 4), 0);
	HT_ASSERT_EQ(rv(c2, 0), 4);
	HT_ASSERT_EQ(rv(c1, 0), 2);
	HT_ASSERT_EQ(wr(c2, 1, 5), 0);
	HT_ASSERT_EQ(rv(p, 1), 5);
	HT_ASSERT_EQ(rv(c1, 1), 3);
	/* and that snapshot is private memory, which may be tagged */
	HT_ASSERT_EQ(vm_map_protect(&c1->vm_map, PG(0), PG(2), RW | MTE,
	    false), 0);
	CHECK(vms, 3);
	vmspace_free(c1);
	vmspace_free(c2);
	vmspace_free(p);
	HT_ASSERT_EQ(vm_phys_free_count(), before);
}

/* INHERIT_SHARE on part of a mapping shares that part only. */
HT_TEST(share_part_of_a_mapping)
{
	struct vmspace *p = new_space(), *c, *vms[2];
	u_long before = vm_phys_free_count();
	int i;

	HT_ASSERT_EQ(map_anon(p, 0, 4, RW, 0), 0);
	for (i = 0; i < 4; i++)
		HT_ASSERT_EQ(wr(p, i, 10 + i), 0);
	HT_ASSERT_EQ(vm_map_inherit(&p->vm_map, PG(0), PG(1),
	    VM_INHERIT_SHARE), 0);
	c = vmspace_fork(p);
	vms[0] = p;
	vms[1] = c;
	HT_ASSERT_EQ(wr(p, 0, 20), 0);
	HT_ASSERT_EQ(wr(p, 1, 21), 0);
	HT_ASSERT_EQ(rv(c, 0), 20);
	HT_ASSERT_EQ(rv(c, 1), 11);
	HT_ASSERT_EQ(wr(c, 2, 32), 0);
	HT_ASSERT_EQ(rv(p, 2), 12);
	/* the unshared part is still private: it may be tagged */
	HT_ASSERT_EQ(vm_map_protect(&p->vm_map, PG(1), PG(4), RW | MTE,
	    false), 0);
	HT_ASSERT_EQ(vm_map_protect(&p->vm_map, PG(0), PG(1), RW | MTE,
	    false), EINVAL);
	CHECK(vms, 2);
	vmspace_free(c);
	vmspace_free(p);
	HT_ASSERT_EQ(vm_phys_free_count(), before);
}

HT_TEST(shm_shared_private_and_sigbus)
{
	struct vmspace *a = new_space(), *b = new_space(), *vms[2];
	u_long before = vm_phys_free_count();
	struct vm_object *shm = vm_object_allocate_shm(2);
	struct vm_object *extra[1] = { shm };
	u_int refs[1] = { 1 };
	int sig, code;

	vms[0] = a;
	vms[1] = b;
	/* a maps it shared over 4 pages, though it has 2; b shared and private */
	vm_object_reference(shm);
	HT_ASSERT_EQ(vm_map_insert(&a->vm_map, shm, 0, PG(0), PG(4), RW,
	    VM_PROT_ALL, MAP_INHERIT_SHARE), 0);
	vm_object_reference(shm);
	HT_ASSERT_EQ(vm_map_insert(&b->vm_map, shm, 0, PG(0), PG(2), RW,
	    VM_PROT_ALL, MAP_INHERIT_SHARE), 0);
	vm_object_reference(shm);
	HT_ASSERT_EQ(vm_map_insert(&b->vm_map, shm, 0, PG(10), PG(12), RW,
	    VM_PROT_ALL, MAP_COPY_ON_WRITE), 0);
	HT_ASSERT_EQ(wr(a, 0, 7), 0);
	HT_ASSERT_EQ(rv(b, 0), 7);
	HT_ASSERT_EQ(rv(b, 10), 7);		/* the private view reads it */
	HT_ASSERT_EQ(wr(b, 1, 8), 0);
	HT_ASSERT_EQ(rv(a, 1), 8);
	HT_ASSERT_EQ(wr(b, 10, 9), 0);		/* the private copy */
	HT_ASSERT_EQ(rv(a, 0), 7);
	HT_ASSERT_EQ(rv(b, 10), 9);
	HT_ASSERT_EQ(rv(b, 11), 8);
	HT_ASSERT(vmh_check(vms, 2, extra, refs, 1) == NULL);

	/* past the object's end: SIGBUS, BUS_OBJERR */
	HT_ASSERT_EQ(vm_fault(&a->vm_map, PG(2), VM_PROT_READ),
	    VM_FAULT_SIGBUS);
	vm_fault_signal(VM_FAULT_SIGBUS, &sig, &code);
	HT_ASSERT(sig == FREEBSD_SIGBUS && code == FREEBSD_BUS_OBJERR);
	/* ftruncate up: now it works; down: unmapped, SIGBUS again */
	HT_ASSERT_EQ(vm_object_shm_resize(shm, ptoa(4)), 0);
	HT_ASSERT_EQ(wr(a, 3, 33), 0);
	HT_ASSERT_EQ(vm_object_shm_resize(shm, ptoa(1)), 0);
	HT_ASSERT_EQ(mapped_prot(a, 1), 0);
	HT_ASSERT_EQ(mapped_prot(b, 1), 0);
	HT_ASSERT_EQ(vm_fault(&b->vm_map, PG(1), VM_PROT_READ),
	    VM_FAULT_SIGBUS);
	HT_ASSERT_EQ(vm_fault(&b->vm_map, PG(11), VM_PROT_READ),
	    VM_FAULT_SIGBUS);
	HT_ASSERT_EQ(rv(b, 10), 9);		/* a private copy stays */
	HT_ASSERT(vmh_check(vms, 2, extra, refs, 1) == NULL);

	/* MAP_PREFAULT_READ: resident pages mapped read-only, at once */
	HT_ASSERT_EQ(vm_object_shm_resize(shm, ptoa(2)), 0);
	HT_ASSERT_EQ(wr(a, 1, 44), 0);
	vm_object_reference(shm);
	HT_ASSERT_EQ(vm_map_insert(&b->vm_map, shm, 0, PG(20), PG(24), RW,
	    VM_PROT_ALL, MAP_INHERIT_SHARE), 0);
	vm_map_prefault(&b->vm_map, PG(20), PG(24));
	HT_ASSERT_EQ(mapped_prot(b, 20), R);
	HT_ASSERT_EQ(mapped_prot(b, 21), R);
	HT_ASSERT_EQ(mapped_prot(b, 22), 0);
	HT_ASSERT(vmh_check(vms, 2, extra, refs, 1) == NULL);

	vmspace_free(a);
	vmspace_free(b);
	HT_ASSERT_EQ(shm->ref_count, 1);
	vm_object_deallocate(shm);
	HT_ASSERT_EQ(vm_phys_free_count(), before);
}

HT_TEST(fault_around)
{
	struct vmspace *vm = new_space();
	int i;

	HT_ASSERT_EQ(map_anon(vm, 0, 16, RW | MTE, 0), 0);
	for (i = 0; i < 16; i++)
		HT_ASSERT_EQ(wr(vm, i, i), 0);
	pmap_remove(&vm->vm_pmap, PG(0), PG(16));
	HT_ASSERT_EQ(rv(vm, 8), 8);
	/* 4 behind, 4 ahead, read-only, with the tag attribute */
	for (i = 0; i < 16; i++)
		HT_ASSERT_EQ(mapped_prot(vm, i), i == 8 ? RW | MTE :
		    i >= 4 && i <= 12 ? R | MTE : 0);
	CHECK(&vm, 1);
	vmspace_free(vm);
}

/* Take every free page; returns them as a list to give back. */
static struct vm_page *
exhaust(void)
{
	struct vm_page *m, *list = NULL;

	while ((m = vm_phys_alloc_pages(0)) != NULL) {
		*(struct vm_page **)vm_page_to_dmap(m) = list;
		list = m;
	}
	return (list);
}

static void
unexhaust(struct vm_page *list)
{
	struct vm_page *next;

	for (; list != NULL; list = next) {
		next = *(struct vm_page **)vm_page_to_dmap(list);
		vm_phys_free_pages(list, 0);
	}
}

HT_TEST(out_of_memory)
{
	struct vmspace *p = new_space(), *c;
	u_long before = vm_phys_free_count();
	struct vm_page *hoard;
	int sig, code;

	HT_ASSERT_EQ(map_anon(p, 0, 4, RW, 0), 0);
	HT_ASSERT_EQ(map_anon(p, 4, 6, RW, MAP_INHERIT_SHARE), 0);
	HT_ASSERT_EQ(wr(p, 0, 1), 0);
	/* no page for a fault */
	hoard = exhaust();
	HT_ASSERT_EQ(vm_fault(&p->vm_map, PG(1), VM_PROT_READ),
	    VM_FAULT_NOMEM);
	vm_fault_signal(VM_FAULT_NOMEM, &sig, &code);
	HT_ASSERT(sig == FREEBSD_SIGBUS && code == FREEBSD_BUS_OOMERR);
	/* no page for copy on write */
	c = vmspace_fork(p);
	HT_ASSERT(c != NULL);
	HT_ASSERT_EQ(vm_fault(&c->vm_map, PG(0), VM_PROT_WRITE),
	    VM_FAULT_NOMEM);
	HT_ASSERT_EQ(rv(c, 0), 1);
	vmspace_free(c);
	unexhaust(hoard);
	/* no page table: pmap_enter fails */
	fake_pmap_fail_enter = 1;
	HT_ASSERT_EQ(vm_fault(&p->vm_map, PG(2), VM_PROT_WRITE),
	    VM_FAULT_NOMEM);
	HT_ASSERT_EQ(wr(p, 2, 2), 0);
	/* no page for a snapshot of shared memory: fork fails, p intact */
	HT_ASSERT_EQ(wr(p, 4, 4), 0);
	c = vmspace_fork(p);
	HT_ASSERT(c != NULL);
	HT_ASSERT_EQ(vm_map_inherit(&p->vm_map, PG(4), PG(6),
	    VM_INHERIT_COPY), 0);
	hoard = exhaust();
	HT_ASSERT(vmspace_fork(p) == NULL);
	unexhaust(hoard);
	/* no page for a root table: exec's and fork's spaces fail, p intact */
	fake_pmap_fail_pinit = 1;
	HT_ASSERT(vmspace_alloc(VMH_MIN, VMH_MAX) == NULL);
	fake_pmap_fail_pinit = 1;
	HT_ASSERT(vmspace_fork(p) == NULL);
	HT_ASSERT_EQ(rv(p, 4), 4);
	HT_ASSERT_EQ(rv(c, 4), 4);
	HT_ASSERT_EQ(rv(p, 0), 1);
	HT_ASSERT_EQ(rv(p, 2), 2);
	vmspace_free(c);
	CHECK(&p, 1);
	vmspace_free(p);
	HT_ASSERT_EQ(vm_phys_free_count(), before);
}

/* 1000 fork/exit cycles with writes on both sides: chains stay short. */
HT_TEST(chains_stay_short)
{
	struct vmspace *p = new_space(), *c, *vms[2];
	u_long before = vm_phys_free_count();
	int cycle, maxlen = 0, i;

	HT_ASSERT_EQ(map_anon(p, 0, 4, RW, 0), 0);
	for (cycle = 0; cycle < 1000; cycle++) {
		HT_ASSERT_EQ(wr(p, cycle % 4, cycle), 0);
		c = vmspace_fork(p);
		HT_ASSERT(c != NULL);
		HT_ASSERT_EQ(wr(c, (cycle + 1) % 4, ~cycle), 0);
		HT_ASSERT_EQ(wr(p, (cycle + 2) % 4, cycle), 0);
		HT_ASSERT_EQ(rv(c, cycle % 4), cycle);
		maxlen = MAX(maxlen, vmh_chain_length(p, PG(0)));
		maxlen = MAX(maxlen, vmh_chain_length(c, PG(0)));
		if (cycle % 100 == 0) {
			vms[0] = p;
			vms[1] = c;
			CHECK(vms, 2);
		}
		/* children exit in either order with the parent's writes */
		vmspace_free(c);
	}
	HT_ASSERT(maxlen <= 2);
	HT_ASSERT_EQ(vmh_chain_length(p, PG(0)), 1);
	HT_ASSERT(vm_phys_free_count() >= before - 4);
	for (i = 0; i < 4; i++)
		HT_ASSERT(rv(p, i) != ~0UL);
	CHECK(&p, 1);
	vmspace_free(p);
	HT_ASSERT_EQ(vm_phys_free_count(), before);
}

/*
 * Several processes mapping, writing, forking and exiting at random.  The
 * model gives each page of each process a cell, the datum it sees;
 * sharing a page means sharing its cell, so a write shows wherever the
 * cell does.  NULL is a page never written (zero).
 */
#define MP_NP		24
#define MP_NPROC	6

struct cell {
	uint64_t	val;
	int		refs;
};

struct ppage {
	bool		mapped;
	vm_prot_t	prot;
	vm_prot_t	max;
	vm_inherit_t	inh;
	bool		shared_ever;	/* fork shared it once: never tagged */
	struct cell	*cell;
};

struct mproc {
	struct vmspace	*vm;
	struct ppage	p[MP_NP];
};

static struct mproc procs[MP_NPROC];
static int	nprocs;

static struct cell *
cell_new(uint64_t val)
{
	struct cell *c = malloc(sizeof(*c));

	c->val = val;
	c->refs = 1;
	return (c);
}

static void
cell_drop(struct cell *c)
{
	if (c != NULL && --c->refs == 0)
		free(c);
}

static uint64_t
cell_val(struct cell *c)
{
	return (c == NULL ? 0 : c->val);
}

static vm_prot_t
random_prot(void)
{
	vm_prot_t prot = random() % 8;

	if (random() % 4 == 0)
		prot |= MTE;
	return (prot);
}

static void
mp_fork(struct mproc *parent, struct mproc *child)
{
	struct ppage *pp, *cp;
	int i;

	memset(child, 0, sizeof(*child));
	for (i = 0; i < MP_NP; i++) {
		pp = &parent->p[i];
		cp = &child->p[i];
		if (!pp->mapped || pp->inh == VM_INHERIT_NONE)
			continue;
		*cp = *pp;
		cp->shared_ever = false;
		cp->cell = NULL;
		switch (pp->inh) {
		case VM_INHERIT_SHARE:
			if (pp->cell == NULL)
				pp->cell = cell_new(0);
			cp->cell = pp->cell;
			cp->cell->refs++;
			cp->shared_ever = pp->shared_ever = true;
			break;
		case VM_INHERIT_COPY:
			if (pp->cell != NULL)
				cp->cell = cell_new(pp->cell->val);
			break;
		}
	}
}

static void
mp_unmap(struct ppage *p)
{
	cell_drop(p->cell);
	memset(p, 0, sizeof(*p));
}

/* One random step on process k; NULL or what went wrong. */
static const char *
mp_step(int k)
{
	static char msg[200];
	struct mproc *pr = &procs[k];
	struct vm_map *map = &pr->vm->vm_map;
	struct ppage *p;
	vm_prot_t prot;
	uint64_t v;
	int op = random() % 12, a, b, i, kind, rv, expect = 0;

	a = random() % MP_NP;
	b = a + 1 + random() % 6;
	b = MIN(b, MP_NP);
	switch (op) {
	case 0:		/* mmap, private or shared */
		kind = random() % 2;
		prot = random_prot();
		expect = kind == 1 && (prot & MTE) != 0 ? EINVAL : 0;
		rv = vm_map_fixed(map, NULL, 0, PG(a), PG(b) - PG(a), prot,
		    VM_PROT_ALL, kind == 1 ? MAP_INHERIT_SHARE : 0);
		if (rv != expect)
			goto bad;
		for (i = a; i < b && rv == 0; i++) {
			p = &pr->p[i];
			mp_unmap(p);
			p->mapped = true;
			p->prot = prot;
			p->max = VM_PROT_ALL;
			p->inh = kind == 1 ? VM_INHERIT_SHARE : VM_INHERIT_COPY;
		}
		break;
	case 1:		/* munmap */
		if ((rv = vm_map_remove(map, PG(a), PG(b))) != 0)
			goto bad;
		for (i = a; i < b; i++)
			mp_unmap(&pr->p[i]);
		break;
	case 2:		/* mprotect */
		prot = random_prot();
		for (i = a; i < b && expect == 0; i++) {
			p = &pr->p[i];
			if (!p->mapped)
				expect = ENOMEM;
			else if ((prot & MTE) != 0 &&
			    (p->inh == VM_INHERIT_SHARE || p->shared_ever))
				expect = EINVAL;
		}
		if ((rv = vm_map_protect(map, PG(a), PG(b), prot, false)) !=
		    expect)
			goto bad;
		for (i = a; i < b && rv == 0; i++)
			pr->p[i].prot = prot;
		break;
	case 3:		/* minherit */
		kind = random() % 4;
		for (i = a; i < b && kind == VM_INHERIT_SHARE; i++)
			if (pr->p[i].mapped && (pr->p[i].prot & MTE) != 0)
				expect = EINVAL;
		if ((rv = vm_map_inherit(map, PG(a), PG(b), kind)) != expect)
			goto bad;
		for (i = a; i < b && rv == 0; i++)
			if (pr->p[i].mapped)
				pr->p[i].inh = kind;
		break;
	case 4:		/* store */
	case 5:
	case 6:
		p = &pr->p[a];
		v = random();
		expect = !p->mapped ? VM_FAULT_SIGSEGV_MAPERR :
		    (p->prot & VM_PROT_WRITE) == 0 ? VM_FAULT_SIGSEGV_ACCERR : 0;
		if ((rv = wr(pr->vm, a, v)) != expect)
			goto bad;
		if (rv == 0 && p->cell == NULL)
			p->cell = cell_new(v);
		else if (rv == 0)
			p->cell->val = v;
		break;
	case 7:		/* load */
		p = &pr->p[a];
		expect = !p->mapped ? VM_FAULT_SIGSEGV_MAPERR :
		    (p->prot & VM_PROT_READ) == 0 ? VM_FAULT_SIGSEGV_ACCERR : 0;
		if ((rv = vmh_access(pr->vm, PG(a), VM_PROT_READ, &v)) !=
		    expect)
			goto bad;
		if (rv == 0 && v != cell_val(p->cell)) {
			snprintf(msg, sizeof(msg), "process %d page %d reads "
			    "%#lx, model %#lx", k, a, (u_long)v,
			    (u_long)cell_val(p->cell));
			return (msg);
		}
		break;
	case 8:		/* fork */
	case 9:
		if (nprocs == MP_NPROC)
			break;
		mp_fork(pr, &procs[nprocs]);
		procs[nprocs].vm = vmspace_fork(pr->vm);
		if (procs[nprocs].vm == NULL)
			return ("fork failed");
		nprocs++;
		break;
	case 10:	/* exit */
		if (nprocs == 1)
			break;
		vmspace_free(pr->vm);
		for (i = 0; i < MP_NP; i++)
			mp_unmap(&pr->p[i]);
		procs[k] = procs[--nprocs];
		break;
	case 11:	/* MADV_FREE: shared pages kept, others kept or zero */
		if ((rv = vm_map_madvise(map, PG(a), PG(b), VM_MADV_FREE)) != 0)
			goto bad;
		for (i = a; i < b; i++) {
			p = &pr->p[i];
			if (!p->mapped || p->cell == NULL)
				continue;
			vmh_peek(pr->vm, PG(i), &v);
			if (v != p->cell->val && (v != 0 || p->cell->refs > 1)) {
				snprintf(msg, sizeof(msg), "MADV_FREE: process "
				    "%d page %d holds %#lx", k, i, (u_long)v);
				return (msg);
			}
			p->cell->val = v;
		}
		break;
	}
	return (NULL);
bad:
	snprintf(msg, sizeof(msg), "process %d op %d pages %d-%d: %d, model "
	    "%d", k, op, a, b, rv, expect);
	return (msg);
}

/* Compare every process's pages with the model. */
static const char *
mp_compare(void)
{
	static char msg[200];
	struct vm_map_entry *entry;
	struct ppage *p;
	uint64_t v;
	int k, i;

	for (k = 0; k < nprocs; k++) {
		for (i = 0; i < MP_NP; i++) {
			p = &procs[k].p[i];
			if (((entry = vmh_lookup(procs[k].vm, PG(i))) !=
			    NULL) != p->mapped)
				goto bad;
			if (!p->mapped)
				continue;
			if (entry->protection != p->prot ||
			    entry->inheritance != p->inh ||
			    !vmh_peek(procs[k].vm, PG(i), &v) ||
			    v != cell_val(p->cell))
				goto bad;
		}
	}
	return (NULL);
bad:
	snprintf(msg, sizeof(msg), "process %d page %d differs from the model",
	    k, i);
	return (msg);
}

HT_TEST(random_processes_against_model)
{
	struct vmspace *vms[MP_NPROC];
	const char *error;
	u_long before;
	int seed, step, k, i;

	vmh_boot();
	for (seed = 1; seed <= 4; seed++) {
		srandom(100 + seed);
		before = vm_phys_free_count();
		memset(procs, 0, sizeof(procs));
		procs[0].vm = new_space();
		nprocs = 1;
		for (step = 0; step < 15000; step++) {
			error = mp_step(random() % nprocs);
			for (k = 0; k < nprocs; k++)
				vms[k] = procs[k].vm;
			if (error == NULL)
				error = vmh_check(vms, nprocs, NULL, NULL, 0);
			if (error == NULL)
				error = mp_compare();
			if (error != NULL) {
				ht_fail(__FILE__, __LINE__, "seed %d step %d: %s",
				    seed, step, error);
				return;
			}
		}
		for (k = 0; k < nprocs; k++) {
			vmspace_free(procs[k].vm);
			for (i = 0; i < MP_NP; i++)
				mp_unmap(&procs[k].p[i]);
		}
		HT_ASSERT_EQ(vm_phys_free_count(), before);
	}
}

/* Many address spaces, forked and freed in many orders: no page leaks. */
HT_TEST(no_leak_across_many_vmspaces)
{
	struct vmspace *vms[16];
	u_long before;
	int round, i, n;

	vmh_boot();
	before = vm_phys_free_count();
	srandom(3);
	for (round = 0; round < 200; round++) {
		vms[0] = new_space();
		HT_ASSERT_EQ(map_anon(vms[0], 0, 8, RW, 0), 0);
		HT_ASSERT_EQ(map_anon(vms[0], 8, 12, RW, MAP_INHERIT_SHARE), 0);
		for (n = 1; n < 16; n++) {
			vms[n] = vmspace_fork(vms[random() % n]);
			HT_ASSERT(vms[n] != NULL);
			for (i = 0; i < 3; i++)
				wr(vms[random() % (n + 1)], random() % 12, n);
		}
		while (n > 0) {
			i = random() % n;
			vmspace_free(vms[i]);
			vms[i] = vms[--n];
		}
		HT_ASSERT_EQ(vm_phys_free_count(), before);
	}
}
