/*
 * Host tests for the page daemon's queues (sys/vm/vm_pagequeue.c): long
 * random sequences of enqueues, dequeues, activations and takes against a
 * reference model (an array per queue, in order), with objects whose
 * locks are sometimes held elsewhere, so vm_pagequeue_take passes over
 * their pages as the daemon must.
 */
#include <stdlib.h>
#include <string.h>

#include "hosttest.h"
#include "sys/types.h"
#include "sys/param.h"
#include "vm/vm.h"
#include "vm/vm_object.h"
#include "vm/vm_page.h"
#include "vm/vm_pagequeue.h"

#define NPAGES		256
#define NOBJECTS	8

static struct vm_page pages[NPAGES];
static struct vm_object objects[NOBJECTS];

/* The model: each queue's pages in order (indexes into pages[]). */
static int model[PQ_COUNT][NPAGES];
static int model_len[PQ_COUNT];
static uint8_t model_queue[NPAGES];

static void
model_remove(int i)
{
	int q = model_queue[i], j;

	if (q == PQ_NONE)
		return;
	for (j = 0; model[q][j] != i; j++)
		;
	memmove(&model[q][j], &model[q][j + 1],
	    (model_len[q] - j - 1) * sizeof(int));
	model_len[q]--;
	model_queue[i] = PQ_NONE;
}

static void
model_enqueue(int i, int q)
{
	model_remove(i);
	if (q != PQ_NONE) {
		model[q][model_len[q]++] = i;
		model_queue[i] = q;
	}
}

/* True if the real queues hold exactly the model's pages, in order. */
static bool
queues_match(void)
{
	struct vm_page *m;
	int q, j, i;

	for (q = PQ_ACTIVE; q < PQ_COUNT; q++) {
		if (vm_pagequeue_count(q) != (u_long)model_len[q])
			return (false);
		j = 0;
		TAILQ_FOREACH(m, &vm_pagequeues[q].pq_pl, plinks) {
			if (j >= model_len[q] || m != &pages[model[q][j]] ||
			    m->queue != q)
				return (false);
			j++;
		}
		if (j != model_len[q])
			return (false);
	}
	for (i = 0; i < NPAGES; i++)
		if (pages[i].queue != model_queue[i])
			return (false);
	return (true);
}

static void
setup(void)
{
	int i;

	/* Each test starts with empty queues, whatever the last one left. */
	for (i = PQ_ACTIVE; i < PQ_COUNT; i++) {
		TAILQ_INIT(&vm_pagequeues[i].pq_pl);
		vm_pagequeues[i].pq_cnt = 0;
	}
	memset(pages, 0, sizeof(pages));
	memset(model_len, 0, sizeof(model_len));
	memset(model_queue, 0, sizeof(model_queue));
	for (i = 0; i < NOBJECTS; i++) {
		memset(&objects[i], 0, sizeof(objects[i]));
		spin_init(&objects[i].lock, "test object");
		/* Odd objects are shared memory: never queued by activate. */
		objects[i].flags = (i % 2) != 0 ? OBJ_SHM : 0;
	}
	for (i = 0; i < NPAGES; i++) {
		pages[i].object = &objects[i % NOBJECTS];
		pages[i].pindex = i;
	}
}

HT_TEST(random_against_model)
{
	struct vm_page *m;
	struct vm_object *held;
	u_int budget, want_budget;
	int step, i, q, j, expect;

	srandom(7);
	setup();
	for (step = 0; step < 100000; step++) {
		i = random() % NPAGES;
		m = &pages[i];
		switch (random() % 4) {
		case 0:		/* enqueue, any queue or none */
			q = random() % PQ_COUNT;
			vm_object_lock(m->object);
			vm_page_enqueue(m, q);
			vm_object_unlock(m->object);
			model_enqueue(i, q);
			break;
		case 1:		/* dequeue */
			vm_object_lock(m->object);
			vm_page_dequeue(m);
			vm_object_unlock(m->object);
			model_remove(i);
			break;
		case 2:		/* a fault maps it */
			vm_object_lock(m->object);
			vm_page_activate(m);
			vm_object_unlock(m->object);
			if (model_queue[i] == PQ_NONE &&
			    (m->object->flags & OBJ_SHM) == 0)
				model_enqueue(i, PQ_ACTIVE);
			break;
		case 3:		/* the daemon takes, one object's lock held */
			q = PQ_ACTIVE + random() % (PQ_COUNT - PQ_ACTIVE);
			held = (random() % 2) != 0 ?
			    &objects[random() % NOBJECTS] : NULL;
			if (held != NULL)
				vm_object_lock(held);
			want_budget = budget = random() % 8;
			m = vm_pagequeue_take(q, &budget);
			/* The model: pass over held pages, to the tail. */
			expect = -1;
			for (j = 0; j < (int)want_budget && model_len[q] > 0;
			    j++) {
				int first = model[q][0];

				if (pages[first].object != held) {
					expect = first;
					break;
				}
				model_enqueue(first, q);
			}
			HT_ASSERT(m == (expect < 0 ? NULL : &pages[expect]));
			HT_ASSERT_EQ(budget, want_budget - (expect < 0 ? j :
			    j + 1));
			if (held != NULL)
				vm_object_unlock(held);
			if (m != NULL) {
				/* Returned off its queue, object locked. */
				HT_ASSERT(m->queue == PQ_NONE);
				HT_ASSERT(spin_owned(&m->object->lock));
				model_remove(expect);
				vm_object_unlock(m->object);
			}
			break;
		}
		HT_ASSERT(queues_match());
	}
}

HT_TEST(take_empty_and_budget)
{
	u_int budget = 5;

	setup();
	HT_ASSERT(vm_pagequeue_take(PQ_INACTIVE, &budget) == NULL);
	HT_ASSERT_EQ(budget, 5);
	vm_object_lock(&objects[0]);
	vm_page_enqueue(&pages[0], PQ_LAUNDRY);
	budget = 0;
	HT_ASSERT(vm_pagequeue_take(PQ_LAUNDRY, &budget) == NULL);
	HT_ASSERT_EQ(vm_pagequeue_count(PQ_LAUNDRY), 1);
	vm_page_dequeue(&pages[0]);
	vm_object_unlock(&objects[0]);
	HT_ASSERT_EQ(vm_pagequeue_count(PQ_LAUNDRY), 0);
}
