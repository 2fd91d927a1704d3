/*
 * In-kernel tests of threads, the scheduler and sleep/wakeup, with kernel
 * threads (no process).
 */
#include "sys/systm.h"
#include "sys/errno.h"
#include "sys/kern_test.h"
#include "sys/param.h"
#include "sys/pcpu.h"
#include "sys/proc.h"
#include "vm/vm_phys.h"
#include "machine/md.h"

#define NWORKERS	8
#define ROUNDS		200

static struct spinlock test_sched_lock = SPINLOCK_INITIALIZER("test_sched");
static u_int workers_done;			/* (test_sched_lock) */
static uint64_t shared_count;			/* (test_sched_lock) */
static bool ran_on_cpu[MAXCPU];

/* How many CPUs have run a worker so far. */
static u_int
cpus_used(void)
{
	u_int i, n = 0;

	for (i = 0; i < mp_ncpus; i++)
		n += __atomic_load_n(&ran_on_cpu[i], __ATOMIC_RELAXED);
	return (n);
}

/*
 * Count ROUNDS times, yielding after each, and keep yielding until every
 * CPU has run a worker (or a second has passed): under QEMU's -icount
 * the other CPUs may not get their turn in a short test.
 */
static void
worker(void *arg)
{
	uint64_t deadline = cpu_counter() + cpu_counter_freq();
	int i;

	for (i = 0; i < ROUNDS; i++) {
		spin_lock(&test_sched_lock);
		shared_count++;
		ran_on_cpu[curcpu_id()] = true;
		spin_unlock(&test_sched_lock);
		sched_yield_cpu();
	}
	while (cpus_used() < MIN(mp_ncpus, NWORKERS) &&
	    cpu_counter() < deadline) {
		ran_on_cpu[curcpu_id()] = true;
		sched_yield_cpu();
	}
	spin_lock(&test_sched_lock);
	workers_done++;
	spin_unlock(&test_sched_lock);
	wakeup(&workers_done);
	thread_exit();
}

/* Start NWORKERS workers and wait for them all to finish. */
static void
run_workers(void)
{
	struct thread *td;
	u_int i;

	workers_done = 0;
	shared_count = 0;
	memset(ran_on_cpu, 0, sizeof(ran_on_cpu));
	for (i = 0; i < NWORKERS; i++) {
		td = thread_alloc(NULL);
		KASSERT(td != NULL, ("run_workers: no memory"));
		cpu_thread_start(td, worker, NULL);
		sched_add(td);
	}
	spin_lock(&test_sched_lock);
	while (workers_done < NWORKERS)
		sleep_on(&workers_done, &test_sched_lock, false, 0);
	spin_unlock(&test_sched_lock);
}

/*
 * The free page count once every finished worker has been freed (each is
 * freed when its CPU next switches): wait until it holds still.
 */
static u_long
settled_free_count(void)
{
	u_long last, now = vm_phys_free_count();
	int i, chan;

	for (i = 0; i < 50; i++) {
		last = now;
		sleep_on(&chan, NULL, false, 2);
		now = vm_phys_free_count();
		if (now == last)
			break;
	}
	return (now);
}

/*
 * Threads that yield after every step all finish, on every CPU, without
 * losing an update, and their stacks come back (measured on a second
 * round: kmalloc keeps the pages it carved thread structures from).
 */
KERN_TEST(sched_threads_run_everywhere)
{
	u_long free_before;

	run_workers();
	free_before = settled_free_count();
	run_workers();
	KT_ASSERT_EQ(shared_count, NWORKERS * ROUNDS);
	KT_ASSERT_EQ(cpus_used(), MIN(mp_ncpus, NWORKERS));
	KT_ASSERT_EQ(settled_free_count(), free_before);
}

/* A sleep with a timeout ends with EAGAIN after about that many ticks. */
KERN_TEST(sleep_times_out)
{
	uint64_t start = ticks;
	int chan, error;

	error = sleep_on(&chan, NULL, false, 5);
	KT_ASSERT_EQ(error, EAGAIN);
	KT_ASSERT(ticks - start >= 5);
}
