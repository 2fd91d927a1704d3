/*
 * The page daemon: one kernel thread that keeps free memory above
 * vm_free_target by moving anonymous pages to swap, as FreeBSD's
 * vm_pageout.c does, much simplified.
 *
 * Pages of pageable objects enter the active queue when a fault maps them
 * (vm_page_activate).  A pass of the daemon
 *   1. deactivates: pages at the head of the active queue that were not
 *	accessed since the last pass (pmap_ts_referenced: the access flag of
 *	every mapping, tested and cleared) move to the inactive queue, the
 *	others to the tail of the active queue;
 *   2. scans the inactive queue: a page accessed meanwhile goes back to
 *	active, the others to the laundry (anonymous memory is dirty until
 *	written to swap, so no inactive page can simply be freed);
 *   3. launders: pages of the laundry, in clusters of consecutive indexes
 *	of one object (up to SWAP_PAGER_MAXPAGES), are unmapped everywhere,
 *	made busy and handed to swap_pager_putpages; when each write ends,
 *	vm_pageout_write_done frees the page (or, on an error, puts it back
 *	on the active queue).
 * Then it wakes the threads waiting for memory (vm_wait).
 *
 * When memory is short and a few passes in a row could do nothing (swap
 * full or absent, nothing in flight), the OOM killer ends the process
 * using most memory (vm_pageout_oom); the boot argument vm.oom_kill=0
 * turns it off, and waiting allocations then fail instead.
 *
 * Locks: vm_pageout_lock (P) protects the daemon's wakeup and the
 * waiters' generation; pages and objects as vm_page.h says.
 */
#include "sys/systm.h"
#include "sys/param.h"
#include "sys/errno.h"
#include "sys/kernel.h"
#include "sys/proc.h"
#include "sys/signal.h"
#include "sys/signalvar.h"
#include "sys/bio.h"
#include "vm/pmap.h"
#include "vm/vm.h"
#include "vm/vm_map.h"
#include "vm/vm_object.h"
#include "vm/vm_page.h"
#include "vm/vm_pagequeue.h"
#include "vm/vm_pageout.h"
#include "vm/vm_phys.h"
#include "vm/swap_pager.h"

struct vm_pageout_counters vm_pageout_counters;

static struct spinlock vm_pageout_lock = SPINLOCK_INITIALIZER("vm_pageout");
static bool	vm_pageout_wanted;	/* (P) someone asked for a pass */
static u_int	vm_page_waiters;	/* (P, read A) threads in vm_wait */
static u_long	vm_nomem_gen;		/* (P) waits before this failed */
u_long		vm_free_target;		/* (C) free pages the daemon keeps */
u_long		vm_free_reserve;	/* (C) kept for the kernel: object
					   pages stop here */
static u_int	vm_pageout_inflight;	/* (A) page-out writes queued */
static bool	vm_oom_enabled = true;	/* (C) vm.oom_kill boot argument */
static int	vm_oom_victim;		/* (daemon) last pid killed */
static u_long	vm_pageout_last_free;	/* (daemon) free pages at the end of
					   the last pass */
static u_long	vm_pageout_last_freed;	/* (daemon) pages_freed then */

/* Passes in a row that could do nothing before the OOM killer runs. */
#define VM_PAGEOUT_OOM_SEQ	3
/* Pages between the daemon's yields of the CPU. */
#define VM_PAGEOUT_YIELD	64

static void
vm_count(u_long *counter, long delta)
{
	__atomic_add_fetch(counter, (u_long)delta, __ATOMIC_RELAXED);
}

/* Free pages the daemon tries to keep. */
u_long
vm_pageout_free_target(void)
{
	return (vm_free_target);
}

/* True if the OOM killer may run (the vm.oom_kill boot argument). */
bool
vm_pageout_oom_enabled(void)
{
	return (vm_oom_enabled);
}

/* Ask the daemon for a pass. */
static void
vm_pageout_wakeup(void)
{
	if (__atomic_load_n(&vm_pageout_wanted, __ATOMIC_RELAXED))
		return;
	spin_lock(&vm_pageout_lock);
	vm_pageout_wanted = true;
	spin_unlock(&vm_pageout_lock);
	wakeup(&vm_pageout_wanted);
}

/*
 * vm_page_count_ok() below the daemon's target (free pages, npages
 * wanted): wake the daemon, and say whether free memory stays above the
 * reserve.
 */
bool
vm_page_count_low(u_long free, u_long npages)
{
	vm_pageout_wakeup();
	return (free >= vm_free_reserve + npages);
}

/*
 * Pages were freed: if threads wait for memory and there is some above
 * the reserve again, wake them.  Cheap when no one waits (every page free
 * calls it, in interrupt context too).
 */
void
vm_wait_wakeup(void)
{
	if (__atomic_load_n(&vm_page_waiters, __ATOMIC_RELAXED) == 0)
		return;
	if (vm_phys_free_count() > vm_free_reserve + VM_PAGEOUT_YIELD)
		wakeup(&vm_page_waiters);
}

/*
 * Wait for free memory: the caller found none for a page (vm_page_alloc
 * returned NULL) and holds no spin lock.  Returns 0 when it should try
 * again; ENOMEM if the daemon found nothing to reclaim and the OOM killer
 * could not help (off, or no process to kill); EINTR if a signal came (the
 * caller returns to take it).
 */
int
vm_wait(void)
{
	u_long gen;
	int error;

	KASSERT(curpcpu()->pc_spin_depth == 0,
	    ("vm_wait: called with a spin lock held"));
	if (vm_free_target == 0)
		return (ENOMEM);
	spin_lock(&vm_pageout_lock);
	gen = vm_nomem_gen;
	vm_page_waiters++;
	vm_pageout_wanted = true;
	wakeup(&vm_pageout_wanted);
	error = sleep_on(&vm_page_waiters, &vm_pageout_lock, true, 0);
	vm_page_waiters--;
	if (error != 0)
		error = EINTR;
	else if (vm_nomem_gen != gen) {
		error = ENOMEM;
		vm_count(&vm_pageout_counters.nomem, 1);
	}
	spin_unlock(&vm_pageout_lock);
	return (error);
}

/*
 * Wait until npages pages beyond the reserve are free (fork, thr_new).
 * Returns 0, or ENOMEM if the page daemon could not free them (or a
 * signal came: the caller fails and returns to take it).
 */
int
vm_wait_free(u_long npages)
{
	while (!vm_page_count_ok(npages))
		if (vm_wait() != 0)
			return (ENOMEM);
	return (0);
}

/*
 * The end of one page's write (swap_pager_putpages' done, in interrupt
 * context).  Written: the page's data and tags are on swap and it is
 * freed.  Failed: it stays, back on the active queue, unless it was
 * dropped (PG_DROP) or its object died meanwhile.  The object's last I/O
 * may destroy it.
 */
static void
vm_pageout_write_done(struct vm_page *m, int error)
{
	struct vm_object *object = m->object;
	bool locked;

	/*
	 * A disk that refuses the request ends it inside putpages, whose
	 * caller (this CPU) still holds the object's lock; an interrupt
	 * never comes while this CPU holds a spin lock.
	 */
	locked = spin_owned(&object->lock);
	if (!locked)
		vm_object_lock(object);
	if (error == 0) {
		object->swap_pages++;
		vm_count(&vm_pageout_counters.pages_written, 1);
	} else
		vm_count(&vm_pageout_counters.write_errors, 1);
	vm_page_xunbusy(m);
	if (error == 0 || (object->flags & OBJ_DEAD) != 0 ||
	    (vm_page_flags(m) & PG_DROP) != 0) {
		/* A dropped page's slot goes too; a dead object's all go. */
		if (error == 0 && (vm_page_flags(m) & PG_DROP) != 0 &&
		    (object->flags & OBJ_DEAD) == 0)
			swap_pager_freespace(object, m->pindex, m->pindex + 1);
		vm_page_free(m);
		vm_count(&vm_pageout_counters.pages_freed, 1);
	} else
		vm_page_enqueue(m, PQ_ACTIVE);
	__atomic_sub_fetch(&vm_pageout_inflight, 1, __ATOMIC_RELAXED);
	if (locked) {
		/* The caller's reference keeps the object: not dead. */
		(void)vm_object_pip_done(object);
		return;
	}
	if (!vm_object_pip_done(object))
		vm_object_unlock(object);
}

/* True if m (object locked) may join a page-out cluster. */
static bool
vm_pageout_clusterable(struct vm_page *m)
{
	return (m != NULL && !vm_page_busied(m) &&
	    (m->queue == PQ_LAUNDRY || m->queue == PQ_INACTIVE));
}

/*
 * Gather into ma the cluster around m (off its queue, object locked):
 * m and the laundry or inactive pages at the consecutive indexes around
 * it, at most SWAP_PAGER_MAXPAGES, in index order.  Returns how many.
 */
static int
vm_pageout_cluster(struct vm_page *m, struct vm_page **ma)
{
	struct vm_object *object = m->object;
	vm_pindex_t first = m->pindex, last = m->pindex, i;
	int n = 0;

	while (first > 0 && last - first + 1 < SWAP_PAGER_MAXPAGES &&
	    vm_pageout_clusterable(vm_page_lookup(object, first - 1)))
		first--;
	while (last - first + 1 < SWAP_PAGER_MAXPAGES &&
	    vm_pageout_clusterable(vm_page_lookup(object, last + 1)))
		last++;
	for (i = first; i <= last; i++)
		ma[n++] = i == m->pindex ? m : vm_page_lookup(object, i);
	return (n);
}

/*
 * Queue the write of ma[0..n), consecutive pages of object (locked), none
 * busy: each leaves its queue, is made busy and unmapped everywhere, and
 * is freed by vm_pageout_write_done when its write ends.  0, or the error
 * of swap_pager_putpages with nothing queued: the pages are unbusied and
 * put on queue requeue (a dropped one freed).
 */
static int
vm_pageout_flush(struct vm_object *object, struct vm_page **ma, int n,
    uint8_t requeue)
{
	int error, i;

	for (i = 0; i < n; i++) {
		vm_page_dequeue(ma[i]);
		vm_page_xbusy(ma[i]);
		pmap_remove_all(ma[i]);
	}
	vm_object_pip_add(object, n);
	__atomic_add_fetch(&vm_pageout_inflight, n, __ATOMIC_RELAXED);
	error = swap_pager_putpages(object, ma, n, vm_pageout_write_done);
	if (error == 0)
		return (0);
	__atomic_sub_fetch(&vm_pageout_inflight, n, __ATOMIC_RELAXED);
	for (i = 0; i < n; i++) {
		vm_page_xunbusy(ma[i]);
		if ((vm_page_flags(ma[i]) & PG_DROP) != 0)
			vm_page_free(ma[i]);
		else
			vm_page_enqueue(ma[i], requeue);
		(void)vm_object_pip_done(object);
	}
	return (error);
}

/*
 * Write up to want pages of the laundry to swap, until swap is full.
 * Returns how many were queued.
 */
static u_long
vm_pageout_launder(u_long want)
{
	struct vm_page *m, *ma[SWAP_PAGER_MAXPAGES];
	struct vm_object *object;
	u_int budget = vm_pagequeue_count(PQ_LAUNDRY);
	u_long queued = 0;
	int error, n;

	while (queued < want && (m = vm_pagequeue_take(PQ_LAUNDRY,
	    &budget)) != NULL) {
		object = m->object;
		if (!vm_object_pageable(object)) {
			vm_page_enqueue(m, PQ_ACTIVE);
			vm_object_unlock(object);
			continue;
		}
		n = vm_pageout_cluster(m, ma);
		if (!swap_pager_avail(n)) {
			/* Try m alone before calling swap full. */
			ma[0] = m;
			n = 1;
			if (!swap_pager_avail(1)) {
				vm_page_enqueue(m, PQ_LAUNDRY);
				vm_object_unlock(object);
				break;
			}
		}
		error = vm_pageout_flush(object, ma, n, PQ_LAUNDRY);
		if (error == ENOSPC && n > 1) {
			/* No run for the cluster: m alone may still fit. */
			ma[0] = m;
			n = 1;
			error = vm_pageout_flush(object, ma, n, PQ_LAUNDRY);
		}
		vm_object_unlock(object);
		if (error != 0)
			break;
		queued += n;
		sched_yield_cpu();
	}
	return (queued);
}

/* disk_poll_until's test: no page-out write is in flight. */
static bool
vm_pageout_writes_ended(void *arg __unused)
{
	return (__atomic_load_n(&vm_pageout_inflight, __ATOMIC_RELAXED) == 0);
}

/*
 * MADV_PAGEOUT on object's [start, end) (docs/abi.md section 3.1): write
 * its resident pages that are on a page queue (not busy, not wired) to
 * swap now, in clusters of consecutive indexes, through the laundering
 * path above, and return once every write has ended and freed its page
 * (polling the disk for it in disk.poll mode: then until no page-out
 * write at all is in flight).
 * Pages of a shared memory or wired object, and every page once swap is
 * full or absent, are left alone.  The caller holds a reference on object
 * and no spin lock: this sleeps.
 */
void
vm_pageout_range(struct vm_object *object, vm_pindex_t start,
    vm_pindex_t end)
{
	struct vm_page *m, *ma[SWAP_PAGER_MAXPAGES];
	vm_pindex_t pindex = start;
	int n;

	vm_object_lock(object);
	while (vm_object_pageable(object)) {
		n = 0;
		while (n < SWAP_PAGER_MAXPAGES &&
		    (m = vm_page_find_least(object, pindex)) != NULL &&
		    m->pindex < end) {
			if (vm_page_busied(m) || m->queue == PQ_NONE ||
			    (n > 0 && m->pindex != ma[n - 1]->pindex + 1)) {
				if (n > 0)
					break;
				pindex = m->pindex + 1;
				continue;
			}
			ma[n++] = m;
			pindex = m->pindex + 1;
		}
		if (n == 0 || !swap_pager_avail(n) ||
		    vm_pageout_flush(object, ma, n, PQ_ACTIVE) != 0)
			break;
	}
	/* Wait for the writes: each page goes when its write ends. */
	if (disk_poll_mode()) {
		vm_object_unlock(object);
		disk_poll_until(vm_pageout_writes_ended, NULL);
		return;
	}
	pindex = start;
	while ((m = vm_page_find_least(object, pindex)) != NULL &&
	    m->pindex < end) {
		pindex = m->pindex;
		if (!vm_page_busied(m)) {
			pindex++;
			continue;
		}
		vm_page_busy_sleep(m);
		vm_object_lock(object);
	}
	vm_object_unlock(object);
}

/*
 * One pass (see the top of the file).  Returns true if it made progress:
 * memory is not short, or writes are on their way.
 */
static bool
vm_pageout_scan(void)
{
	struct vm_page *m;
	struct vm_object *object;
	long shortage, want;
	u_int budget, done = 0;
	u_long free, freed, queued = 0;
	bool progress;

	shortage = (long)vm_free_target - (long)vm_phys_free_count();
	if (__atomic_load_n(&vm_page_waiters, __ATOMIC_RELAXED) > 0)
		shortage = MAX(shortage, (long)VM_PAGEOUT_YIELD);
	if (shortage <= 0)
		return (true);
	vm_count(&vm_pageout_counters.scans, 1);
	/* With swap absent or full, nothing can be written: just measure. */
	if (!swap_pager_avail(1))
		goto measure;

	/* 1. Deactivate unused pages until the later queues can cover it. */
	want = 2 * shortage - (long)(vm_pagequeue_count(PQ_INACTIVE) +
	    vm_pagequeue_count(PQ_LAUNDRY));
	budget = vm_pagequeue_count(PQ_ACTIVE);
	while (want > 0 && (m = vm_pagequeue_take(PQ_ACTIVE, &budget)) !=
	    NULL) {
		object = m->object;
		if (pmap_ts_referenced(m) > 0 || !vm_object_pageable(object))
			vm_page_enqueue(m, PQ_ACTIVE);
		else {
			vm_page_enqueue(m, PQ_INACTIVE);
			want--;
		}
		vm_object_unlock(object);
		if (++done % VM_PAGEOUT_YIELD == 0)
			sched_yield_cpu();
	}

	/* 2. Inactive pages used again go back; the rest to the laundry. */
	budget = vm_pagequeue_count(PQ_INACTIVE);
	while ((m = vm_pagequeue_take(PQ_INACTIVE, &budget)) != NULL) {
		object = m->object;
		if (pmap_ts_referenced(m) > 0 || !vm_object_pageable(object))
			vm_page_enqueue(m, PQ_ACTIVE);
		else
			vm_page_enqueue(m, PQ_LAUNDRY);
		vm_object_unlock(object);
		if (++done % VM_PAGEOUT_YIELD == 0)
			sched_yield_cpu();
	}

	/* 3. Write what is still missing, less what is already on its way. */
	want = shortage - (long)__atomic_load_n(&vm_pageout_inflight,
	    __ATOMIC_RELAXED);
	if (want > 0)
		queued = vm_pageout_launder((u_long)want);
measure:
	/*
	 * Progress: writes queued or on their way, pages freed by writes
	 * since the last pass (faults may have taken them at once), or free
	 * memory growing by other means (exiting processes and threads).
	 */
	free = vm_phys_free_count();
	freed = __atomic_load_n(&vm_pageout_counters.pages_freed,
	    __ATOMIC_RELAXED);
	progress = queued > 0 || __atomic_load_n(&vm_pageout_inflight,
	    __ATOMIC_RELAXED) > 0 || freed != vm_pageout_last_freed ||
	    free >= vm_free_target || free > vm_pageout_last_free;
	vm_pageout_last_free = free;
	vm_pageout_last_freed = freed;
	return (progress);
}

/*
 * Pages of p's address space: resident (mapped) plus those its objects
 * have on swap, a rough count.  proctree_lock held.
 */
static u_long
vm_pageout_proc_size(struct proc *p)
{
	struct vmspace *vm;
	u_long size = 0;

	spin_lock(&p->p_lock);
	if (!p->p_exiting && (vm = p->p_vmspace) != NULL)
		size = vm->vm_pmap.pm_resident +
		    vm_map_swap_count(&vm->vm_map);
	spin_unlock(&p->p_lock);
	return (size);
}

/*
 * Out of memory and swap: kill the process using most memory (never init),
 * unless the last one killed is still dying.  Returns true if memory will
 * come back (a victim is dying), false if nothing could be done.
 */
static bool
vm_pageout_oom(void)
{
	struct proc *p, *victim = NULL;
	u_long size, most = 0;

	if (!vm_oom_enabled)
		return (false);
	spin_lock(&proctree_lock);
	if (vm_oom_victim != 0 && (p = pfind(vm_oom_victim)) != NULL &&
	    p->p_state == PRS_NORMAL) {
		spin_unlock(&proctree_lock);
		return (true);
	}
	TAILQ_FOREACH(p, &allproc, p_list) {
		if (p->p_pid <= 1 || p->p_state != PRS_NORMAL)
			continue;
		size = vm_pageout_proc_size(p);
		if (size > most) {
			most = size;
			victim = p;
		}
	}
	if (victim != NULL) {
		vm_oom_victim = victim->p_pid;
		printf("pid %d (%s) killed: out of memory and swap; using %lu "
		    "pages\n", victim->p_pid, victim->p_comm, most);
		vm_count(&vm_pageout_counters.oom_kills, 1);
		(void)kern_psignal(victim, SIGKILL, NULL);
	}
	spin_unlock(&proctree_lock);
	return (victim != NULL);
}

/* The daemon's life. */
static void
vm_pageout_daemon(void *arg __unused)
{
	int fruitless = 0;
	bool progress;

	for (;;) {
		spin_lock(&vm_pageout_lock);
		while (!vm_pageout_wanted && vm_page_waiters == 0 &&
		    vm_phys_free_count() >= vm_free_target)
			sleep_on(&vm_pageout_wanted, &vm_pageout_lock, false,
			    0);
		vm_pageout_wanted = false;
		spin_unlock(&vm_pageout_lock);
		vm_count(&vm_pageout_counters.pdwakeups, 1);

		/*
		 * Memory is short: the pages idle in the per-CPU caches go
		 * back to the free lists, where any CPU and any contiguous
		 * allocation can have them.
		 */
		(void)vm_phys_cache_drain();
		progress = vm_pageout_scan();
		if (progress)
			fruitless = 0;
		else if (__atomic_load_n(&vm_page_waiters, __ATOMIC_RELAXED) >
		    0 && ++fruitless >= VM_PAGEOUT_OOM_SEQ) {
			fruitless = 0;
			if (!vm_pageout_oom()) {
				/* Nothing will come back: waits fail. */
				spin_lock(&vm_pageout_lock);
				vm_nomem_gen++;
				spin_unlock(&vm_pageout_lock);
			}
		}
		wakeup(&vm_page_waiters);
		/* Let writes end and dying processes free before looking again. */
		if (vm_phys_free_count() < vm_free_target ||
		    __atomic_load_n(&vm_page_waiters, __ATOMIC_RELAXED) > 0)
			(void)sleep_on(&vm_pageout_inflight, NULL, false, 1);
	}
}

/*
 * Set the targets from the RAM size and start the daemon: free memory is
 * kept above 1/32 of RAM, and pages for objects stop at 1/128 (at least
 * 64 pages), which stays for page tables, kernel memory and the I/O that
 * frees memory.
 */
void
vm_pageout_start(void)
{
	u_long total = vm_phys_total_count();
	const char *oom;

	if ((oom = bootarg_value("vm.oom_kill")) != NULL && oom[0] == '0' &&
	    (oom[1] == ' ' || oom[1] == '\0'))
		vm_oom_enabled = false;
	vm_free_reserve = MAX(total / 128, 64);
	vm_free_target = MAX(total / 32, 2 * vm_free_reserve);
	if (kthread_start(vm_pageout_daemon, NULL) != 0)
		panic("vm_pageout_start: no memory for the page daemon");
}
