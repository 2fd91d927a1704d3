/*
 * Host tests for VM pages in objects and for objects themselves
 * (sys/vm/vm_page.c, sys/vm/vm_object.c): page lookup and freeing,
 * shadows and their collapse, shared memory resizing, and the page
 * accounting that shows nothing leaks.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hosttest.h"
#include "sys/types.h"
#include "sys/param.h"
#include "sys/errno.h"
#include "sys/malloc.h"
#include "vm/vm.h"
#include "vm/vm_object.h"
#include "vm/vm_page.h"
#include "vm/vm_phys.h"
#include "vm_harness.h"

/*
 * Free pages with kmalloc warmed up: objects come from kmalloc, which
 * keeps the pages it carves, so allocate and free one object first.
 */
static u_long
free_pages_now(void)
{
	vmh_boot();
	vm_object_deallocate(vm_object_allocate_anon(1));
	return (vm_phys_free_count());
}

/* Put a page holding value v at pindex of object. */
static struct vm_page *
put(struct vm_object *object, vm_pindex_t pindex, uint64_t v)
{
	struct vm_page *m;

	vm_object_lock(object);
	m = vm_page_alloc(object, pindex, VM_ALLOC_ZERO);
	vm_object_unlock(object);
	if (m != NULL)
		*(uint64_t *)vm_page_to_dmap(m) = v;
	return (m);
}

/* The value of object's own page at pindex; -1 if it has none. */
static uint64_t
get(struct vm_object *object, vm_pindex_t pindex)
{
	struct vm_page *m;

	vm_object_lock(object);
	m = vm_page_lookup(object, pindex);
	vm_object_unlock(object);
	return (m == NULL ? (uint64_t)-1 : *(uint64_t *)vm_page_to_dmap(m));
}

HT_TEST(pages_lookup_insert_free)
{
	u_long before = free_pages_now();
	struct vm_object *object;
	struct vm_page *m;
	vm_pindex_t pi;
	uint64_t *p;
	int i;

	object = vm_object_allocate_anon(1000);
	HT_ASSERT(object != NULL);
	for (i = 0; i < 100; i++)
		HT_ASSERT(put(object, (i * 37) % 1000, i) != NULL);
	HT_ASSERT_EQ(object->resident_page_count, 100);
	HT_ASSERT_EQ(vm_phys_free_count(), before - 100);
	for (i = 0; i < 100; i++)
		HT_ASSERT_EQ(get(object, (i * 37) % 1000), i);
	HT_ASSERT_EQ(get(object, 1), (uint64_t)-1);

	/* find_least walks the pages in pindex order */
	vm_object_lock(object);
	for (i = 0, pi = 0; (m = vm_page_find_least(object, pi)) != NULL; i++) {
		HT_ASSERT(i == 0 || m->pindex >= pi);
		HT_ASSERT(m->object == object);
		pi = m->pindex + 1;
	}
	/* VM_ALLOC_ZERO zeroes a page that held data before */
	m = vm_page_lookup(object, 0);
	vm_page_free(m);
	m = vm_page_alloc(object, 0, VM_ALLOC_ZERO);
	HT_ASSERT(m != NULL);
	for (p = vm_page_to_dmap(m); p < (uint64_t *)vm_page_to_dmap(m) +
	    PAGE_SIZE / 8; p++)
		HT_ASSERT(*p == 0);
	vm_object_unlock(object);
	HT_ASSERT_EQ(i, 100);

	vm_object_page_remove(object, 100, 200);
	HT_ASSERT_EQ(get(object, 111), (uint64_t)-1);
	HT_ASSERT_EQ(get(object, 2 * 37), 2);
	vm_object_deallocate(object);
	HT_ASSERT_EQ(vm_phys_free_count(), before);
}

/*
 * memq lists object's pages in pindex order; the tree holds exactly those
 * before the unindexed tail (vm_object.h), which is NULL or on memq; and
 * the hint is one of the pages (or NULL with no pages).
 */
static void
check_memq(struct vm_object *object, const bool *present, int n)
{
	struct vm_tree_node *node;
	struct vm_page *m, *prev = NULL;
	u_long count = 0, indexed = 0, in_tree = 0;
	bool hint_seen = false, tail = false;

	TAILQ_FOREACH(m, &object->memq, listq) {
		HT_ASSERT(m->object == object);
		HT_ASSERT(prev == NULL || prev->pindex < m->pindex);
		HT_ASSERT(m->pindex < (vm_pindex_t)n && present[m->pindex]);
		if (m == object->unindexed)
			tail = true;
		node = vm_tree_lookup(&object->pages, m->pindex);
		if (tail)
			HT_ASSERT(node == NULL);
		else {
			HT_ASSERT(node == &m->objnode);
			HT_ASSERT_EQ(m->objnode.key, m->pindex);
			indexed++;
		}
		if (m == object->hint)
			hint_seen = true;
		prev = m;
		count++;
	}
	HT_ASSERT(object->unindexed == NULL || tail);
	for (node = vm_tree_lookup_ge(&object->pages, 0); node != NULL;
	    node = vm_tree_lookup_ge(&object->pages, node->key + 1))
		in_tree++;
	HT_ASSERT_EQ(in_tree, indexed);
	HT_ASSERT_EQ(count, object->resident_page_count);
	HT_ASSERT(object->hint == NULL ? count == 0 : hint_seen);
}

/*
 * Freeing a range of pages touched in order (all in the unindexed tail)
 * builds no tree: the range's first page is found at or before the
 * tail's start without indexing the tail.
 */
HT_TEST(page_free_range_of_the_tail_builds_no_tree)
{
	enum { N = 64 };
	struct vm_object *object;
	int i;

	(void)free_pages_now();
	object = vm_object_allocate_anon(N);
	vm_object_lock(object);
	for (i = 0; i < N; i++)
		HT_ASSERT(vm_page_alloc(object, i, 0) != NULL);
	HT_ASSERT(object->pages.root == NULL);
	HT_ASSERT(vm_page_free_range(object, 0, N / 2));
	HT_ASSERT(object->pages.root == NULL);
	HT_ASSERT(object->unindexed != NULL &&
	    object->unindexed->pindex == N / 2);
	HT_ASSERT_EQ(vm_page_find_least(object, 0)->pindex, N / 2);
	HT_ASSERT(vm_page_free_range(object, 0, 0));
	HT_ASSERT(object->pages.root == NULL);
	vm_object_unlock(object);
	vm_object_deallocate(object);
}

/*
 * The unindexed tail against a bitmap model: pages mostly appended past
 * the last one (the tail grows), mixed with insertions between pages,
 * lookups near the hint and anywhere, find_least walks, single frees in
 * and before the tail, and range frees before, inside and across its
 * start; memq, the tree and the tail are checked after every step.
 */
HT_TEST(page_unindexed_tail_against_bitmap)
{
	enum { NPIDX = 400 };
	static bool present[NPIDX];
	struct vm_object *object;
	struct vm_page *m;
	u_long before;
	int step, pi, top, j, s, e;

	before = free_pages_now();
	srandom(13);
	memset(present, 0, sizeof(present));
	object = vm_object_allocate_anon(NPIDX);
	vm_object_lock(object);
	top = -1;
	for (step = 0; step < 30000; step++) {
		for (top = NPIDX - 1; top >= 0 && !present[top]; top--)
			;
		switch (random() % 10) {
		case 0: case 1: case 2: case 3:
			/* append just past the last page, or a few after */
			pi = top + 1 + (random() % 3 == 0 ? random() % 4 : 0);
			if (pi >= NPIDX)
				break;
			m = vm_page_alloc(object, pi, 0);
			HT_ASSERT(m != NULL && object->hint == m);
			present[pi] = true;
			break;
		case 4:
			/* anywhere: often between two pages */
			pi = random() % NPIDX;
			if (present[pi])
				break;
			HT_ASSERT(vm_page_alloc(object, pi, 0) != NULL);
			present[pi] = true;
			break;
		case 5:
			pi = random() % 3 == 0 ? random() % NPIDX :
			    top - (int)(random() % 5);
			if (pi < 0)
				break;
			m = vm_page_lookup(object, pi);
			HT_ASSERT(present[pi] ? m != NULL &&
			    m->pindex == (vm_pindex_t)pi : m == NULL);
			break;
		case 6:
			pi = random() % NPIDX;
			m = vm_page_find_least(object, pi);
			for (j = pi; j < NPIDX && !present[j]; j++)
				;
			HT_ASSERT(j < NPIDX ? m != NULL &&
			    m->pindex == (vm_pindex_t)j : m == NULL);
			break;
		case 7:
			/* free one page, mostly one of the last few */
			pi = random() % 2 == 0 ? random() % NPIDX :
			    top - (int)(random() % 6);
			if (pi < 0 || !present[pi])
				break;
			vm_page_free(vm_page_lookup(object, pi));
			present[pi] = false;
			break;
		default:
			/* a range: at the end, across the tail's start, or anywhere */
			e = random() % 2 == 0 ? top + 1 : (int)(random() % NPIDX);
			s = e - (int)(random() % 30);
			if (s < 0)
				s = 0;
			if (s >= e)
				break;
			HT_ASSERT(vm_page_free_range(object, s, e));
			for (j = s; j < e; j++)
				present[j] = false;
			break;
		}
		check_memq(object, present, NPIDX);
		if (top > 300)
			HT_ASSERT(vm_page_free_range(object, 0, 200));
		if (top > 300)
			memset(present, 0, 200 * sizeof(present[0]));
	}
	HT_ASSERT(vm_page_free_range(object, 0, 0));
	memset(present, 0, sizeof(present));
	check_memq(object, present, NPIDX);
	HT_ASSERT(object->hint == NULL && object->unindexed == NULL);
	vm_object_unlock(object);
	vm_object_deallocate(object);
	HT_ASSERT_EQ(vm_phys_free_count(), before);
}

/*
 * Page lookups through the hint and memq against a bitmap model: long
 * random runs of inserts, frees, lookups and find_least, mostly near the
 * last pindex touched (the hint's walks) and sometimes anywhere (the
 * tree's), then an in-order walk and teardown.
 */
HT_TEST(page_lookup_hint_against_bitmap)
{
	enum { NPIDX = 512 };
	static bool present[NPIDX];
	struct vm_object *object;
	struct vm_page *m;
	u_long before;
	int step, pi, last, j;

	before = free_pages_now();
	srandom(7);
	memset(present, 0, sizeof(present));
	object = vm_object_allocate_anon(NPIDX);
	vm_object_lock(object);
	last = NPIDX / 2;
	for (step = 0; step < 100000; step++) {
		if (random() % 4 == 0)
			pi = random() % NPIDX;
		else
			pi = (last + (int)(random() % 21) - 10 + NPIDX) % NPIDX;
		last = pi;
		switch (random() % 4) {
		case 0:
			/* insert or free at pi */
			if (present[pi]) {
				m = vm_page_lookup(object, pi);
				HT_ASSERT(m != NULL && m->pindex == (vm_pindex_t)pi);
				vm_page_free(m);
			} else {
				m = vm_page_alloc(object, pi, 0);
				HT_ASSERT(m != NULL);
			}
			present[pi] = !present[pi];
			break;
		case 1:
			m = vm_page_lookup(object, pi);
			HT_ASSERT(present[pi] ? m != NULL &&
			    m->pindex == (vm_pindex_t)pi : m == NULL);
			break;
		default:
			m = vm_page_find_least(object, pi);
			for (j = pi; j < NPIDX && !present[j]; j++)
				;
			HT_ASSERT(j < NPIDX ? m != NULL &&
			    m->pindex == (vm_pindex_t)j : m == NULL);
			break;
		}
		if (step % 997 == 0)
			check_memq(object, present, NPIDX);
	}
	check_memq(object, present, NPIDX);
	/* an in-order walk sees exactly the model's pages */
	for (j = 0, m = vm_page_find_least(object, 0); m != NULL;
	    m = vm_page_find_least(object, m->pindex + 1)) {
		while (!present[j])
			j++;
		HT_ASSERT_EQ(m->pindex, (vm_pindex_t)j);
		j++;
	}
	while (j < NPIDX && !present[j])
		j++;
	HT_ASSERT_EQ(j, NPIDX);
	/* freeing every page in order leaves memq and the hint empty */
	while ((m = vm_page_find_least(object, 0)) != NULL) {
		present[m->pindex] = false;
		vm_page_free(m);
	}
	check_memq(object, present, NPIDX);
	HT_ASSERT(object->hint == NULL);
	vm_object_unlock(object);
	vm_object_deallocate(object);
	HT_ASSERT_EQ(vm_phys_free_count(), before);
}

/*
 * Insertions in the orders a first touch makes (ascending page after
 * page, descending, ascending by two and then filling the holes, which
 * puts each page between the hint and its next), each followed by lookups
 * of its pindex and its two neighbours, against a bitmap model; then
 * every pindex through the tree (the hint moved away first) and memq.
 */
HT_TEST(page_insert_first_touch_orders)
{
	enum { NPIDX = 300 };
	static bool present[NPIDX];
	struct vm_object *object;
	struct vm_page *m;
	u_long before;
	int order, i, pi, j;

	before = free_pages_now();
	for (order = 0; order < 3; order++) {
		memset(present, 0, sizeof(present));
		object = vm_object_allocate_anon(NPIDX);
		vm_object_lock(object);
		for (i = 0; i < NPIDX; i++) {
			if (order == 0)
				pi = i;
			else if (order == 1)
				pi = NPIDX - 1 - i;
			else
				pi = i < NPIDX / 2 ? 2 * i : 2 * (i - NPIDX / 2) + 1;
			m = vm_page_alloc(object, pi, 0);
			HT_ASSERT(m != NULL && m->pindex == (vm_pindex_t)pi);
			HT_ASSERT(object->hint == m);
			present[pi] = true;
			for (j = pi - 1; j <= pi + 1; j++) {
				if (j < 0 || j >= NPIDX)
					continue;
				m = vm_page_lookup(object, j);
				HT_ASSERT(present[j] ? m != NULL &&
				    m->pindex == (vm_pindex_t)j : m == NULL);
			}
		}
		check_memq(object, present, NPIDX);
		for (j = 0; j < NPIDX; j++) {
			object->hint = TAILQ_FIRST(&object->memq);
			m = vm_page_lookup(object, NPIDX - 1 - j);
			HT_ASSERT(m != NULL &&
			    m->pindex == (vm_pindex_t)(NPIDX - 1 - j));
		}
		while ((m = vm_page_find_least(object, 0)) != NULL)
			vm_page_free(m);
		vm_object_unlock(object);
		vm_object_deallocate(object);
	}
	HT_ASSERT_EQ(vm_phys_free_count(), before);
}

/*
 * vm_page_free_range against a bitmap model: random single pages, random
 * ranges freed as one batch, and some pages busy, which makes a range
 * holding one refuse (nothing freed) and the range removal of
 * vm_object_page_remove free the rest one by one and mark the busy page
 * PG_DROP.  After each step memq, the tree (every pindex's lookup), the
 * hint and the free page count agree with the model.
 */
HT_TEST(page_free_range_against_bitmap)
{
	enum { NPIDX = 700 };
	static bool present[NPIDX];
	struct vm_page *m, *busy = NULL;
	struct vm_object *object;
	u_long before, npresent = 0;
	int step, pi, s, e, j;
	bool ok, busy_in;

	before = free_pages_now();
	srandom(11);
	memset(present, 0, sizeof(present));
	object = vm_object_allocate_anon(NPIDX);
	vm_object_lock(object);
	for (step = 0; step < 20000; step++) {
		pi = random() % NPIDX;
		switch (random() % 8) {
		case 0:
		case 1:
		case 2:
			if (present[pi])
				break;
			HT_ASSERT(vm_page_alloc(object, pi, 0) != NULL);
			present[pi] = true;
			npresent++;
			break;
		case 3:
			/* one page busy at a time, as under page-in */
			if (busy != NULL) {
				vm_page_xunbusy(busy);
				busy = NULL;
			} else if (present[pi]) {
				busy = vm_page_lookup(object, pi);
				vm_page_xbusy(busy);
			}
			break;
		default:
			s = pi;
			e = s + random() % (random() % 8 == 0 ? NPIDX : 40);
			busy_in = busy != NULL && busy->pindex >= (vm_pindex_t)s &&
			    (e >= NPIDX || busy->pindex < (vm_pindex_t)e);
			ok = vm_page_free_range(object, s, e >= NPIDX ? 0 : e);
			HT_ASSERT(ok == !busy_in);
			if (!ok)
				break;
			for (j = s; j < NPIDX && j < e; j++)
				if (present[j]) {
					present[j] = false;
					npresent--;
				}
			break;
		}
		if (step % 101 == 0) {
			check_memq(object, present, NPIDX);
			for (j = 0; j < NPIDX; j++) {
				m = vm_page_lookup(object, j);
				HT_ASSERT(present[j] ? m != NULL &&
				    m->pindex == (vm_pindex_t)j : m == NULL);
			}
			HT_ASSERT_EQ(vm_phys_free_count(), before - npresent);
		}
	}
	if (busy != NULL)
		vm_page_xunbusy(busy);
	HT_ASSERT(vm_page_free_range(object, 0, 0));
	memset(present, 0, sizeof(present));
	check_memq(object, present, NPIDX);
	HT_ASSERT(object->hint == NULL);
	vm_object_unlock(object);
	vm_object_deallocate(object);
	HT_ASSERT_EQ(vm_phys_free_count(), before);
}

/*
 * A range freed from an object without reservations comes back lowest
 * page first: faulting the same pindexes again in ascending order gets
 * the same physical pages in the same order (the per-CPU page cache is a
 * stack, and vm_page_free_range pushes the last page first).
 */
HT_TEST(page_free_range_reuses_pages_in_order)
{
	enum { N = 16 };
	vm_paddr_t pa[N];
	struct vm_object *object;
	struct vm_page *m;
	int i;

	(void)free_pages_now();
	object = vm_object_allocate_anon(N);
	vm_object_lock(object);
	for (i = 0; i < N; i++) {
		m = vm_page_alloc(object, i, 0);
		HT_ASSERT(m != NULL);
		pa[i] = VM_PAGE_TO_PHYS(m);
	}
	HT_ASSERT(TAILQ_FIRST(&object->rvq) == NULL);
	HT_ASSERT(vm_page_free_range(object, 0, 0));
	for (i = 0; i < N; i++) {
		m = vm_page_alloc(object, i, 0);
		HT_ASSERT(m != NULL);
		HT_ASSERT_EQ(VM_PAGE_TO_PHYS(m), pa[i]);
	}
	HT_ASSERT(vm_page_free_range(object, 0, 0));
	vm_object_unlock(object);
	vm_object_deallocate(object);
}

HT_TEST(shadow_reads_through_and_collapses)
{
	u_long before = free_pages_now();
	struct vm_object *a, *s;
	vm_ooffset_t offset = 0;
	int i;

	a = vm_object_allocate_anon(8);
	for (i = 0; i < 8; i++)
		put(a, i, 100 + i);
	/* A second user (the other side of a fork) makes a shadow needed. */
	vm_object_reference(a);
	s = a;
	HT_ASSERT_EQ(vm_object_shadow(&s, &offset, 8 * PAGE_SIZE), 0);
	HT_ASSERT(s != a && s->backing_object == a && offset == 0);
	HT_ASSERT_EQ(a->shadow_count, 1);
	HT_ASSERT_EQ(a->ref_count, 2);
	put(s, 1, 201);
	put(s, 3, 203);

	/* The other user leaves: s absorbs a, its own pages winning. */
	vm_object_deallocate(a);
	HT_ASSERT(s->backing_object == NULL);
	HT_ASSERT_EQ(s->resident_page_count, 8);
	for (i = 0; i < 8; i++)
		HT_ASSERT_EQ(get(s, i), (i == 1 || i == 3) ? 200 + i : 100 + i);
	HT_ASSERT_EQ(vm_phys_free_count(), before - 8);
	vm_object_deallocate(s);
	HT_ASSERT_EQ(vm_phys_free_count(), before);
}

HT_TEST(collapse_keeps_only_the_window)
{
	u_long before = free_pages_now();
	struct vm_object *a, *s;
	vm_ooffset_t offset = 2 * PAGE_SIZE;
	int i;

	a = vm_object_allocate_anon(8);
	for (i = 0; i < 8; i++)
		put(a, i, 100 + i);
	vm_object_reference(a);
	s = a;
	HT_ASSERT_EQ(vm_object_shadow(&s, &offset, 3 * PAGE_SIZE), 0);
	HT_ASSERT(s != a && s->backing_object_offset == 2 * PAGE_SIZE);
	HT_ASSERT_EQ(offset, 0);
	vm_object_deallocate(a);
	HT_ASSERT(s->backing_object == NULL);
	HT_ASSERT_EQ(s->resident_page_count, 3);
	for (i = 0; i < 3; i++)
		HT_ASSERT_EQ(get(s, i), 102 + i);
	HT_ASSERT_EQ(vm_phys_free_count(), before - 3);
	vm_object_deallocate(s);
	HT_ASSERT_EQ(vm_phys_free_count(), before);
}

HT_TEST(collapse_down_a_long_chain)
{
	u_long before = free_pages_now(), objects = vm_object_count();
	struct vm_object *objs[6], *top;
	vm_ooffset_t offset = 0;
	int i;

	objs[0] = vm_object_allocate_anon(8);
	put(objs[0], 0, 1000);
	/* Each level shadows the one below while something else holds it. */
	for (i = 1; i < 6; i++) {
		vm_object_reference(objs[i - 1]);
		objs[i] = objs[i - 1];
		HT_ASSERT_EQ(vm_object_shadow(&objs[i], &offset, 8 * PAGE_SIZE),
		    0);
		put(objs[i], i, 1000 + i);
	}
	top = objs[5];
	HT_ASSERT_EQ(vm_object_count(), objects + 6);
	/* Drop the extra holds from the top down: the chain folds up. */
	for (i = 4; i >= 0; i--)
		vm_object_deallocate(objs[i]);
	HT_ASSERT(top->backing_object == NULL);
	/* The leak check's count (sysctl vm.stats.object_count) saw them go. */
	HT_ASSERT_EQ(vm_object_count(), objects + 1);
	for (i = 0; i < 6; i++)
		HT_ASSERT_EQ(get(top, i), 1000 + i);
	vm_object_deallocate(top);
	HT_ASSERT_EQ(vm_object_count(), objects);
	HT_ASSERT_EQ(vm_phys_free_count(), before);
}

HT_TEST(sole_reference_needs_no_shadow)
{
	struct vm_object *a, *s;
	vm_ooffset_t offset = 0;

	free_pages_now();
	a = vm_object_allocate_anon(4);
	a->flags &= ~OBJ_ONEMAPPING;		/* as after a fork */
	s = a;
	HT_ASSERT_EQ(vm_object_shadow(&s, &offset, 4 * PAGE_SIZE), 0);
	HT_ASSERT(s == a);
	HT_ASSERT((a->flags & OBJ_ONEMAPPING) != 0);
	/* but shared memory is always shadowed */
	vm_object_deallocate(a);
	a = vm_object_allocate_shm(4);
	s = a;
	HT_ASSERT_EQ(vm_object_shadow(&s, &offset, 4 * PAGE_SIZE), 0);
	HT_ASSERT(s != a && s->backing_object == a);
	HT_ASSERT(!vm_object_chain_is_private(s));
	vm_object_deallocate(s);
}

HT_TEST(shm_resize)
{
	u_long before = free_pages_now();
	struct vm_object *shm;
	struct vm_page *m;
	uint8_t *p;
	int i;

	shm = vm_object_allocate_shm(0);
	HT_ASSERT((shm->flags & OBJ_SHM) != 0);
	HT_ASSERT_EQ(vm_object_shm_resize(shm, 4 * PAGE_SIZE), 0);
	HT_ASSERT_EQ(shm->size, 4);
	for (i = 0; i < 4; i++) {
		m = put(shm, i, 0);
		memset(vm_page_to_dmap(m), 0xa5, PAGE_SIZE);
	}
	/* To 2.5 pages: page 3 goes, page 2 keeps its first half only. */
	HT_ASSERT_EQ(vm_object_shm_resize(shm, 2 * PAGE_SIZE + 100), 0);
	HT_ASSERT_EQ(shm->size, 3);
	HT_ASSERT_EQ(shm->resident_page_count, 3);
	vm_object_lock(shm);
	p = vm_page_to_dmap(vm_page_lookup(shm, 2));
	vm_object_unlock(shm);
	HT_ASSERT(p[99] == 0xa5 && p[100] == 0 && p[PAGE_SIZE - 1] == 0);
	HT_ASSERT_EQ(vm_object_shm_resize(shm, -1), EINVAL);
	HT_ASSERT_EQ(vm_object_shm_resize(shm, 0), 0);
	HT_ASSERT_EQ(shm->resident_page_count, 0);
	HT_ASSERT_EQ(vm_phys_free_count(), before);
	vm_object_deallocate(shm);
}

HT_TEST(chain_privacy)
{
	struct vm_object *a, *s;
	vm_ooffset_t offset = 0;

	free_pages_now();
	a = vm_object_allocate_anon(2);
	HT_ASSERT(vm_object_chain_is_private(a));
	vm_object_reference(a);
	s = a;
	HT_ASSERT_EQ(vm_object_shadow(&s, &offset, 2 * PAGE_SIZE), 0);
	HT_ASSERT(vm_object_chain_is_private(s));
	a->flags |= OBJ_SHARED;			/* as fork sharing does */
	HT_ASSERT(!vm_object_chain_is_private(s));
	vm_object_deallocate(s);
	vm_object_deallocate(a);
}

static void
insert_twice(void)
{
	struct vm_object *object = vm_object_allocate_anon(2);

	put(object, 1, 1);
	put(object, 1, 2);
}

/* The page after the hint is already at the pindex inserted. */
static void
insert_after_hint_twice(void)
{
	struct vm_object *object = vm_object_allocate_anon(4);

	put(object, 1, 1);
	put(object, 2, 2);
	vm_object_lock(object);
	object->hint = vm_page_lookup(object, 1);
	vm_object_unlock(object);
	put(object, 2, 3);
}

static void
deallocate_twice(void)
{
	struct vm_object *object = vm_object_allocate_anon(2);

	vm_object_reference(object);
	vm_object_deallocate(object);
	vm_object_deallocate(object);
	vm_object_deallocate(object);
}

static void
lookup_unlocked(void)
{
	vm_page_lookup(vm_object_allocate_anon(2), 0);
}

HT_TEST(misuse_panics)
{
	free_pages_now();
	HT_ASSERT(ht_panics(insert_twice));
	HT_ASSERT(ht_panics(insert_after_hint_twice));
	HT_ASSERT(ht_panics(deallocate_twice));
	HT_ASSERT(ht_panics(lookup_unlocked));
}
