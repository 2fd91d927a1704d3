/*
 * The page daemon's queues (vm_page.h): active, inactive and laundry,
 * under one lock, vm_pagequeue_lock.  A page is on at most one queue;
 * its queue field and links change with both its object's lock and the
 * queue lock held, so holding either keeps them still.  The daemon
 * (vm_pageout.c) walks a queue from its head, least recently queued first,
 * and must lock each page's object against the lock order: it only tries
 * (vm_pagequeue_take), and a page whose object is busy elsewhere goes to
 * the tail.
 *
 * Machine-independent and free of the scheduler, so tests/host runs it
 * against a reference model.
 */
#include "sys/systm.h"
#include "sys/param.h"
#include "sys/spinlock.h"
#include "vm/vm.h"
#include "vm/vm_object.h"
#include "vm/vm_page.h"
#include "vm/vm_pagequeue.h"

struct spinlock vm_pagequeue_lock = SPINLOCK_INITIALIZER("vm_pagequeue");
struct vm_pagequeue vm_pagequeues[PQ_COUNT] = {
	[PQ_ACTIVE] = { TAILQ_HEAD_INITIALIZER(vm_pagequeues[PQ_ACTIVE].pq_pl),
	    0 },
	[PQ_INACTIVE] = {
	    TAILQ_HEAD_INITIALIZER(vm_pagequeues[PQ_INACTIVE].pq_pl), 0 },
	[PQ_LAUNDRY] = {
	    TAILQ_HEAD_INITIALIZER(vm_pagequeues[PQ_LAUNDRY].pq_pl), 0 },
};

/* Take m off its queue, if any (queue lock held). */
static void
vm_pagequeue_remove_locked(struct vm_page *m)
{
	struct vm_pagequeue *pq;

	if (m->queue == PQ_NONE)
		return;
	KASSERT(m->queue < PQ_COUNT, ("%s: page %#lx on queue %u", __func__,
	    VM_PAGE_TO_PHYS(m), m->queue));
	pq = &vm_pagequeues[m->queue];
	TAILQ_REMOVE(&pq->pq_pl, m, plinks);
	pq->pq_cnt--;
	m->queue = PQ_NONE;
}

/*
 * Put m, a page of a locked object and not exclusive busy, at the tail of
 * queue (PQ_ACTIVE, PQ_INACTIVE or PQ_LAUNDRY), off whatever queue it was
 * on; PQ_NONE just takes it off.
 */
void
vm_page_enqueue(struct vm_page *m, uint8_t queue)
{
	struct vm_pagequeue *pq;

	KASSERT(m->object != NULL && spin_owned(&m->object->lock),
	    ("%s: page %#lx of no locked object", __func__,
	    VM_PAGE_TO_PHYS(m)));
	KASSERT(queue < PQ_COUNT, ("%s: no queue %u", __func__, queue));
	KASSERT(queue == PQ_NONE || (m->busy & VPB_XBUSY) == 0,
	    ("%s: page %#lx is exclusive busy", __func__, VM_PAGE_TO_PHYS(m)));
	spin_lock(&vm_pagequeue_lock);
	vm_pagequeue_remove_locked(m);
	if (queue != PQ_NONE) {
		pq = &vm_pagequeues[queue];
		TAILQ_INSERT_TAIL(&pq->pq_pl, m, plinks);
		pq->pq_cnt++;
		m->queue = queue;
	}
	spin_unlock(&vm_pagequeue_lock);
}

/* Take m (its object locked) off its queue, if it is on one. */
void
vm_page_dequeue(struct vm_page *m)
{
	if (m->queue != PQ_NONE)
		vm_page_enqueue(m, PQ_NONE);
}

/*
 * Take m and every page after it on the list their listq links make off
 * their queues, under one hold of the queue lock: pages of a locked
 * object being freed together (vm_page_free_range), still in it (the
 * page daemon reads a queued page's object), out of its memq.
 */
void
vm_page_dequeue_list(struct vm_page *m)
{
	KASSERT(m == NULL || (m->object != NULL &&
	    spin_owned(&m->object->lock)),
	    ("%s: page %#lx of no locked object", __func__,
	    VM_PAGE_TO_PHYS(m)));
	spin_lock(&vm_pagequeue_lock);
	for (; m != NULL; m = TAILQ_NEXT(m, listq))
		vm_pagequeue_remove_locked(m);
	spin_unlock(&vm_pagequeue_lock);
}

/*
 * m, a page of a locked object, was just mapped by a fault: if it is on
 * no queue and its object can be paged out, it starts on the active
 * queue (a wired one too: the daemon passes those over while they are
 * wired).  A page already queued stays where it is; the daemon learns of
 * its use from the access flag (pmap_ts_referenced).
 */
void
vm_page_activate(struct vm_page *m)
{
	struct vm_pagequeue *pq = &vm_pagequeues[PQ_ACTIVE];

	KASSERT(m->object != NULL && spin_owned(&m->object->lock),
	    ("%s: page %#lx of no locked object", __func__,
	    VM_PAGE_TO_PHYS(m)));
	/*
	 * The object's lock keeps m->queue still.  On no queue, there is
	 * nothing to take m off: the insertion is done here, not by
	 * vm_page_enqueue, which every fault would pay for to no purpose.
	 */
	if (m->queue != PQ_NONE || vm_page_busied(m) ||
	    (m->object->flags & OBJ_SHM) != 0)
		return;
	spin_lock(&vm_pagequeue_lock);
	TAILQ_INSERT_TAIL(&pq->pq_pl, m, plinks);
	pq->pq_cnt++;
	m->queue = PQ_ACTIVE;
	spin_unlock(&vm_pagequeue_lock);
}

/*
 * vm_page_activate for the npages pages at m, a run vm_page_alloc_run just
 * put in a locked object: none is queued or busy yet, so they join the
 * active queue in one hold of the queue lock rather than one each (the
 * direct superpage fault's 512 pages).
 */
void
vm_page_activate_run(struct vm_page *m, u_long npages)
{
	struct vm_pagequeue *pq = &vm_pagequeues[PQ_ACTIVE];
	u_long i;

	KASSERT(m->object != NULL && spin_owned(&m->object->lock),
	    ("%s: page %#lx of no locked object", __func__,
	    VM_PAGE_TO_PHYS(m)));
	if ((m->object->flags & OBJ_SHM) != 0)
		return;
	spin_lock(&vm_pagequeue_lock);
	for (i = 0; i < npages; i++) {
		KASSERT(m[i].queue == PQ_NONE && !vm_page_busied(&m[i]),
		    ("%s: page %#lx queued or busy", __func__,
		    VM_PAGE_TO_PHYS(&m[i])));
		TAILQ_INSERT_TAIL(&pq->pq_pl, &m[i], plinks);
		m[i].queue = PQ_ACTIVE;
	}
	pq->pq_cnt += npages;
	spin_unlock(&vm_pagequeue_lock);
}

/* Pages on queue now (a snapshot, no lock needed). */
u_long
vm_pagequeue_count(uint8_t queue)
{
	KASSERT(queue > PQ_NONE && queue < PQ_COUNT,
	    ("%s: no queue %u", __func__, queue));
	return (__atomic_load_n(&vm_pagequeues[queue].pq_cnt,
	    __ATOMIC_RELAXED));
}

/*
 * Take the first page of queue whose object's lock can be had without
 * waiting: return it off its queue with its object locked.  Each page
 * passed over (its object's lock held elsewhere) costs one of *budget and
 * goes to the tail.  NULL if the queue is empty or *budget ran out.
 * While a page is on a queue its object holds it, and an object is not
 * freed before its pages are (vm_object.c), so the object pointer read
 * under the queue lock is safe to try.
 */
struct vm_page *
vm_pagequeue_take(uint8_t queue, u_int *budget)
{
	struct vm_pagequeue *pq = &vm_pagequeues[queue];
	struct vm_page *m;

	spin_lock(&vm_pagequeue_lock);
	while (*budget > 0 && (m = TAILQ_FIRST(&pq->pq_pl)) != NULL) {
		(*budget)--;
		KASSERT(m->object != NULL && m->queue == queue,
		    ("%s: page %#lx on queue %u has object %p, queue %u",
		    __func__, VM_PAGE_TO_PHYS(m), queue, m->object, m->queue));
		if (spin_trylock(&m->object->lock)) {
			vm_pagequeue_remove_locked(m);
			spin_unlock(&vm_pagequeue_lock);
			return (m);
		}
		TAILQ_REMOVE(&pq->pq_pl, m, plinks);
		TAILQ_INSERT_TAIL(&pq->pq_pl, m, plinks);
	}
	spin_unlock(&vm_pagequeue_lock);
	return (NULL);
}
