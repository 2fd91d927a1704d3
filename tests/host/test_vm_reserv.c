/*
 * Host tests for superpage reservations (sys/vm/vm_reserv.c), driven
 * through the VM's own calls (vm_page_alloc, vm_page_alloc_run,
 * vm_page_free, vm_object_page_remove, vm_object_deallocate,
 * vm_reserv_reclaim) and
 * checked against a reference model after every step: which page each
 * allocation must return (its place in its reservation's run), the
 * counters, the reserved-but-free pages, and the free page count, so a
 * reservation never leaks a page.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hosttest.h"
#include "sys/types.h"
#include "sys/param.h"
#include "vm/vm.h"
#include "vm/vm_object.h"
#include "vm/vm_page.h"
#include "vm/vm_phys.h"
#include "vm/vm_reserv.h"
#include "vm_harness.h"

#define NOBJ		4
#define NPARTS		3			/* eligible parts per object */
#define RPAGES		VM_LEVEL_0_NPAGES
#define OBJ_PAGES	(NPARTS * RPAGES + 100)	/* and a short tail part */
#define RUN_BYTES	((vm_paddr_t)PAGE_SIZE * RPAGES)

/* The model of one reservation. */
struct model_rv {
	bool		active;
	vm_paddr_t	base;		/* pa of its first page */
	int		popcnt;
	u_long		seq;		/* when it last changed (LRU) */
};

/* The model of one object. */
struct model_obj {
	struct vm_object *obj;
	struct vm_page	*pages[OBJ_PAGES];
	bool		reserved[OBJ_PAGES];	/* populated in an active rv */
	int		resident[NPARTS + 1];	/* pages per part */
	struct model_rv	rv[NPARTS];
};

static struct model_obj model[NOBJ];
static u_long	clock_seq;
static u_long	initial_free;
static u_long	nresident;
static u_long	nruns;		/* whole runs vm_page_alloc_run gave */

/* The next number of this test's fixed random sequence (ht_random). */
static uint64_t
rnd(void)
{
	static uint64_t state = 0x2545f4914f6cdd1dULL;

	return (ht_random(&state));
}

/* Compare kernel and model; NULL or what differs. */
static const char *
model_check(void)
{
	u_long active = 0, full = 0, rfree = 0;
	int i, j;

	for (i = 0; i < NOBJ; i++)
		for (j = 0; j < NPARTS; j++)
			if (model[i].rv[j].active) {
				active++;
				full += model[i].rv[j].popcnt == RPAGES;
				rfree += RPAGES - model[i].rv[j].popcnt;
			}
	if (vm_reserv_counters.active != active)
		return ("vm.reserv.active differs");
	if (vm_reserv_counters.fullpop != full)
		return ("vm.reserv.fullpop differs");
	if (vm_reserv_free_count() != rfree)
		return ("reserved free pages differ");
	if (vm_phys_free_count() != initial_free - nresident)
		return ("free page count differs: a page leaked");
	return (NULL);
}

/* True if pa lies in an active reservation of the model. */
static bool
in_active_rv(vm_paddr_t pa)
{
	struct model_rv *rv;
	int i, j;

	for (i = 0; i < NOBJ; i++)
		for (j = 0; j < NPARTS; j++) {
			rv = &model[i].rv[j];
			if (rv->active && pa >= rv->base &&
			    pa < rv->base + RUN_BYTES)
				return (true);
		}
	return (false);
}

/* The model's account of breaking o's reservation for part. */
static void
model_break(struct model_obj *o, int part)
{
	int k;

	for (k = part * RPAGES; k < (part + 1) * RPAGES; k++)
		o->reserved[k] = false;
	o->rv[part].active = false;
}

/* Allocate o's page at the free pindex p; false if the model disagrees. */
static bool
op_alloc(struct model_obj *o, vm_pindex_t p)
{
	int part = p / RPAGES, off = p % RPAGES;
	struct model_rv *rv = part < NPARTS ? &o->rv[part] : NULL;
	u_long reserved0 = vm_reserv_counters.reserved;
	struct vm_page *m;
	vm_paddr_t pa;

	vm_object_lock(o->obj);
	m = vm_page_alloc(o->obj, p, 0);
	vm_object_unlock(o->obj);
	if (m == NULL)
		return (false);
	pa = VM_PAGE_TO_PHYS(m);
	o->pages[p] = m;
	nresident++;
	if (rv != NULL && rv->active) {
		if (pa != rv->base + ptoa(off))
			return (false);
		rv->popcnt++;
		rv->seq = ++clock_seq;
		o->reserved[p] = true;
	} else if (rv != NULL && o->resident[part] == 0 &&
	    vm_reserv_counters.reserved != reserved0) {
		/* Only if a free 2 MiB run was left: fragmentation may not. */
		if ((pa - ptoa(off)) % RUN_BYTES != 0 ||
		    vm_reserv_counters.reserved != reserved0 + 1)
			return (false);
		rv->active = true;
		rv->base = pa - ptoa(off);
		rv->popcnt = 1;
		rv->seq = ++clock_seq;
		o->reserved[p] = true;
	} else if (in_active_rv(pa) ||
	    vm_reserv_counters.reserved != reserved0)
		return (false);
	o->resident[part]++;
	return (true);
}

/*
 * The run m, just inserted at first in o's object (locked) in one step
 * (vm_page_insert_run), is indexed as 512 single insertions would have
 * left it: the tree finds each page, and memq holds the run in order
 * between the object's pages below and above it (o->pages, the model).
 */
static bool
run_indexed(struct model_obj *o, struct vm_page *m, vm_pindex_t first)
{
	struct vm_page *below = NULL, *above = NULL;
	vm_pindex_t p;
	int i;

	for (p = 0; p < first; p++)
		if (o->pages[p] != NULL)
			below = o->pages[p];
	for (p = OBJ_PAGES; p > first + RPAGES; p--)
		if (o->pages[p - 1] != NULL)
			above = o->pages[p - 1];
	for (i = 0; i < RPAGES; i++) {
		if (vm_page_lookup(o->obj, first + i) != &m[i])
			return (false);
		if (i > 0 && TAILQ_PREV(&m[i], vm_object_pglist, listq) !=
		    &m[i - 1])
			return (false);
	}
	return (TAILQ_PREV(&m[0], vm_object_pglist, listq) == below &&
	    TAILQ_NEXT(&m[RPAGES - 1], listq) == above &&
	    vm_page_find_least(o->obj, first == 0 ? 0 : first - 1) ==
	    (below != NULL && below->pindex == first - 1 ? below : &m[0]));
}

/*
 * vm_page_alloc_run of o's part (no page of o in it): the whole run,
 * reserved fully populated and inserted, or NULL if no free 2 MiB run is
 * left; false if the model disagrees.
 */
static bool
op_alloc_run(struct model_obj *o, int part)
{
	u_long reserved0 = vm_reserv_counters.reserved;
	struct model_rv *rv = &o->rv[part];
	vm_pindex_t first = (vm_pindex_t)part * RPAGES;
	struct vm_page *m;
	int i;

	vm_object_lock(o->obj);
	m = vm_page_alloc_run(o->obj, first, VM_ALLOC_ZERO);
	if (m != NULL && !run_indexed(o, m, first)) {
		vm_object_unlock(o->obj);
		return (false);
	}
	vm_object_unlock(o->obj);
	if (m == NULL)
		return (vm_reserv_counters.reserved == reserved0);
	if (vm_reserv_counters.reserved != reserved0 + 1 ||
	    VM_PAGE_TO_PHYS(m) % RUN_BYTES != 0)
		return (false);
	for (i = 0; i < RPAGES; i++) {
		if (m[i].object != o->obj || m[i].pindex != first + i ||
		    *(uint64_t *)vm_page_to_dmap(&m[i]) != 0)
			return (false);
		o->pages[first + i] = &m[i];
		o->reserved[first + i] = true;
	}
	nruns++;
	rv->active = true;
	rv->base = VM_PAGE_TO_PHYS(m);
	rv->popcnt = RPAGES;
	rv->seq = ++clock_seq;
	o->resident[part] = RPAGES;
	nresident += RPAGES;
	return (true);
}

/* The model's account of freeing o's page at p (the kernel did it). */
static void
model_free(struct model_obj *o, vm_pindex_t p)
{
	int part = p / RPAGES;

	if (o->reserved[p]) {
		o->reserved[p] = false;
		if (--o->rv[part].popcnt == 0)
			o->rv[part].active = false;
		else
			o->rv[part].seq = ++clock_seq;
	}
	o->pages[p] = NULL;
	o->resident[part]--;
	nresident--;
}

static void
op_free(struct model_obj *o, vm_pindex_t p)
{
	vm_object_lock(o->obj);
	vm_page_free(o->pages[p]);
	vm_object_unlock(o->obj);
	model_free(o, p);
}

/* vm_object_page_remove of [s, e): frees, then breaks what overlaps. */
static void
op_remove(struct model_obj *o, vm_pindex_t s, vm_pindex_t e)
{
	vm_pindex_t p;
	int part;

	vm_object_page_remove(o->obj, s, e);
	for (p = s; p < e; p++)
		if (o->pages[p] != NULL)
			model_free(o, p);
	for (part = 0; part < NPARTS; part++)
		if (o->rv[part].active && (vm_pindex_t)part * RPAGES < e &&
		    (vm_pindex_t)(part + 1) * RPAGES > s)
			model_break(o, part);
}

/* vm_reserv_reclaim: the partial reservation changed least recently. */
static bool
op_reclaim(void)
{
	struct model_rv *rv, *lru = NULL;
	int i, j, lru_i = 0, lru_j = 0;

	for (i = 0; i < NOBJ; i++)
		for (j = 0; j < NPARTS; j++) {
			rv = &model[i].rv[j];
			if (rv->active && rv->popcnt < RPAGES &&
			    (lru == NULL || rv->seq < lru->seq)) {
				lru = rv;
				lru_i = i;
				lru_j = j;
			}
		}
	if (vm_reserv_reclaim() != (lru != NULL))
		return (false);
	if (lru != NULL)
		model_break(&model[lru_i], lru_j);
	return (true);
}

/* Destroy o's object (every page and reservation goes) and make anew. */
static void
op_renew(struct model_obj *o)
{
	vm_pindex_t p;

	if (o->obj != NULL) {
		vm_object_deallocate(o->obj);
		for (p = 0; p < OBJ_PAGES; p++)
			if (o->pages[p] != NULL)
				model_free(o, p);
	}
	memset(o, 0, sizeof(*o));
	o->obj = vm_object_allocate_anon(OBJ_PAGES);
}

HT_TEST(reserv_against_model)
{
	struct model_obj *o;
	vm_pindex_t p, s;
	int i, step, op, part;
	const char *why;

	vmh_boot();
	vm_object_deallocate(vm_object_allocate_anon(1));	/* warm kmalloc */
	initial_free = vm_phys_free_count();
	for (i = 0; i < NOBJ; i++)
		op_renew(&model[i]);
	for (step = 0; step < 20000; step++) {
		o = &model[rnd() % NOBJ];
		op = rnd() % 100;
		p = rnd() % OBJ_PAGES;
		if (op < 55) {
			if (o->pages[p] == NULL)
				HT_ASSERT(op_alloc(o, p));
		} else if (op < 85) {
			if (o->pages[p] != NULL)
				op_free(o, p);
		} else if (op < 90) {
			/*
			 * Fill a whole part: a fully populated reservation,
			 * at once if the part is empty, as a direct
			 * superpage fault does.
			 */
			part = rnd() % NPARTS;
			if (o->resident[part] == 0 && (rnd() & 1) != 0)
				HT_ASSERT(op_alloc_run(o, part));
			for (s = part * RPAGES; s < (part + 1) * RPAGES; s++)
				if (o->pages[s] == NULL)
					HT_ASSERT(op_alloc(o, s));
		} else if (op < 94) {
			s = p + 1 + rnd() % 700;	/* MIN evaluates twice */
			op_remove(o, p, MIN(s, OBJ_PAGES));
		} else if (op < 98) {
			HT_ASSERT(op_reclaim());
		} else {
			op_renew(o);
		}
		why = model_check();
		if (why != NULL)
			fprintf(stderr, "step %d op %d: %s\n", step, op, why);
		HT_ASSERT(why == NULL);
	}
	for (i = 0; i < NOBJ; i++) {
		vm_object_deallocate(model[i].obj);
		for (p = 0; p < OBJ_PAGES; p++)
			if (model[i].pages[p] != NULL)
				model_free(&model[i], p);
	}
	HT_ASSERT(model_check() == NULL);
	HT_ASSERT_EQ(vm_reserv_counters.active, 0);
	HT_ASSERT_EQ(vm_phys_free_count(), initial_free);
	HT_ASSERT(vm_reserv_counters.reclaimed > 0);
	HT_ASSERT(vm_reserv_counters.broken > vm_reserv_counters.reclaimed);
	HT_ASSERT(vm_reserv_counters.freed > 0);
	HT_ASSERT(vm_reserv_counters.reserved > 100);
	HT_ASSERT(nruns > 10);
}

/*
 * The removal of a range holding whole, fully populated reservations (an
 * munmap of superpage-mapped memory) frees each as a reservation freed,
 * not broken, and gives its 2 MiB back as one block: a fresh run can be
 * had again; a reservation the range covers only in part, or one not
 * fully populated, is broken, its pages freed one by one; a busy page in
 * the range stays (PG_DROP) and the rest go.  No page leaks.
 */
HT_TEST(remove_range_frees_whole_runs)
{
	struct vm_object *obj;
	struct vm_page *m0, *m1, *m2;
	u_long free0, freed0, broken0;

	vmh_boot();
	vm_object_deallocate(vm_object_allocate_anon(1));	/* warm kmalloc */
	free0 = vm_phys_free_count();
	obj = vm_object_allocate_anon(4 * RPAGES);
	vm_object_lock(obj);
	m0 = vm_page_alloc_run(obj, 0, 0);
	m1 = vm_page_alloc_run(obj, RPAGES, 0);
	m2 = vm_page_alloc_run(obj, 2 * RPAGES, 0);
	HT_ASSERT(m0 != NULL && m1 != NULL && m2 != NULL);
	HT_ASSERT(vm_page_alloc(obj, 3 * RPAGES + 5, 0) != NULL);
	vm_object_unlock(obj);
	HT_ASSERT_EQ(vm_reserv_counters.fullpop, 3);

	/* part 0 whole, part 1's first half */
	freed0 = vm_reserv_counters.freed;
	broken0 = vm_reserv_counters.broken;
	vm_object_page_remove(obj, 0, RPAGES + RPAGES / 2);
	HT_ASSERT_EQ(vm_reserv_counters.freed, freed0 + 1);
	HT_ASSERT_EQ(vm_reserv_counters.broken, broken0 + 1);
	HT_ASSERT_EQ(vm_reserv_counters.fullpop, 1);
	HT_ASSERT_EQ(obj->resident_page_count, RPAGES / 2 + RPAGES + 1);
	HT_ASSERT((vm_page_flags(m0) & PG_FREE) != 0);
	HT_ASSERT(m1[RPAGES / 2].object == obj);

	/* a busy page keeps part 2 from going as a run; it stays */
	vm_object_lock(obj);
	vm_page_xbusy(&m2[7]);
	vm_object_unlock(obj);
	vm_object_page_remove(obj, 2 * RPAGES, 3 * RPAGES);
	HT_ASSERT_EQ(obj->resident_page_count, RPAGES / 2 + 1 + 1);
	HT_ASSERT((vm_page_flags(&m2[7]) & PG_DROP) != 0);
	vm_object_lock(obj);
	vm_page_xunbusy(&m2[7]);
	vm_page_free(&m2[7]);
	vm_object_unlock(obj);

	/* the rest, to the end */
	vm_object_page_remove(obj, 0, 0);
	HT_ASSERT_EQ(obj->resident_page_count, 0);
	HT_ASSERT(TAILQ_EMPTY(&obj->memq) && obj->pages.root == NULL);
	vm_object_deallocate(obj);
	HT_ASSERT_EQ(vm_reserv_counters.active, 0);
	HT_ASSERT_EQ(vm_phys_free_count(), free0);
}

/* A shared memory object and a part past the object's end never reserve. */
HT_TEST(reserv_ineligible)
{
	struct vm_object *shm, *small;
	struct vm_page *m;
	u_long reserved0;

	vmh_boot();
	reserved0 = vm_reserv_counters.reserved;
	shm = vm_object_allocate_shm(2 * RPAGES);
	small = vm_object_allocate_anon(RPAGES - 1);
	vm_object_lock(shm);
	m = vm_page_alloc(shm, 0, 0);
	HT_ASSERT(m != NULL);
	vm_object_unlock(shm);
	vm_object_lock(small);
	m = vm_page_alloc(small, 0, 0);
	HT_ASSERT(m != NULL);
	vm_object_unlock(small);
	HT_ASSERT_EQ(vm_reserv_counters.reserved, reserved0);
	vm_object_deallocate(shm);
	vm_object_deallocate(small);
}
