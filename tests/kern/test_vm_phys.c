/*
 * In-kernel tests of the physical page allocator's per-CPU caches
 * (sys/vm/vm_phys.c): several CPUs allocating and freeing at once never
 * get the same page twice and lose none; a drain empties every CPU's
 * cache; and an allocation the free lists cannot satisfy takes the pages
 * other CPUs hold cached, so none is stranded when memory runs out.
 */
#include "sys/systm.h"
#include "sys/kern_test.h"
#include "sys/malloc.h"
#include "sys/param.h"
#include "sys/pcpu.h"
#include "sys/proc.h"
#include "vm/vm_page.h"
#include "vm/vm_phys.h"
#include "machine/machdep.h"
#include "machine/md.h"

#define CACHE_WORKERS	8
#define CACHE_ROUNDS	300
#define CACHE_HELD	40	/* pages a worker holds at once */

static struct spinlock test_cache_lock = SPINLOCK_INITIALIZER("test_cache");
static u_int	cache_workers_done;		/* (test_cache_lock) */
static u_int	cache_errors;			/* (A) pages found overwritten */
static bool	cache_ran_on[MAXCPU];		/* (A) */

/* The word a worker writes over a page it holds: its owner and slot. */
static uint64_t
cache_stamp(u_long worker, u_int slot, struct vm_page *m)
{
	return ((worker << 48) | ((uint64_t)slot << 32) |
	    (VM_PAGE_TO_PHYS(m) >> PAGE_SHIFT));
}

/*
 * Allocate and free single pages (and now and then a run of 2 or 4),
 * holding up to CACHE_HELD at once, each stamped at both ends; check
 * every stamp before freeing, yielding between rounds so the workers
 * interleave on every CPU.  Worker 0 also drains every cache now and
 * then, while the others use theirs.
 */
static void
cache_worker(void *arg)
{
	struct vm_page *held[CACHE_HELD];
	int order[CACHE_HELD];
	u_long id = (u_long)arg;
	uint64_t *p, stamp;
	u_int i, n, round;

	for (round = 0; round < CACHE_ROUNDS; round++) {
		n = 1 + (round * 7 + id * 13) % CACHE_HELD;
		for (i = 0; i < n; i++) {
			order[i] = (round + i) % 16 == 0 ? 1 + (i & 1) : 0;
			held[i] = vm_phys_alloc_pages(order[i]);
			if (held[i] == NULL)
				break;
			p = vm_page_to_dmap(held[i]);
			stamp = cache_stamp(id, i, held[i]);
			p[0] = stamp;
			p[(PAGE_SIZE << order[i]) / sizeof(*p) - 1] = stamp;
		}
		n = i;
		__atomic_store_n(&cache_ran_on[curcpu_id()], true,
		    __ATOMIC_RELAXED);
		sched_yield_cpu();
		for (i = 0; i < n; i++) {
			p = vm_page_to_dmap(held[i]);
			stamp = cache_stamp(id, i, held[i]);
			if (p[0] != stamp ||
			    p[(PAGE_SIZE << order[i]) / sizeof(*p) - 1] != stamp)
				__atomic_add_fetch(&cache_errors, 1,
				    __ATOMIC_RELAXED);
			vm_phys_free_pages(held[i], order[i]);
		}
		if (id == 0 && round % 8 == 0)
			(void)vm_phys_cache_drain();
	}
	spin_lock(&test_cache_lock);
	cache_workers_done++;
	spin_unlock(&test_cache_lock);
	wakeup(&cache_workers_done);
	thread_exit();
}

/* How many CPUs have run a worker. */
static u_int
cache_cpus_used(void)
{
	u_int i, n = 0;

	for (i = 0; i < mp_ncpus; i++)
		n += __atomic_load_n(&cache_ran_on[i], __ATOMIC_RELAXED);
	return (n);
}

/*
 * Free pages plus those kmalloc holds, once that holds still: the
 * workers' own structures are freed when their CPUs next switch, and the
 * pages kmalloc carves for them stay on its lists (a worker on a CPU
 * whose list was empty takes a new one), so they count as not leaked.
 */
static u_long
cache_settled_free_count(void)
{
	u_long last, now = vm_phys_free_count() + kmalloc_page_count();
	int i, chan;

	for (i = 0; i < 50; i++) {
		last = now;
		sleep_on(&chan, NULL, false, 2);
		now = vm_phys_free_count() + kmalloc_page_count();
		if (now == last)
			break;
	}
	return (now);
}

/* Start the workers and wait for them all. */
static void
cache_run_workers(void)
{
	struct thread *td;
	u_long i;

	cache_workers_done = 0;
	for (i = 0; i < CACHE_WORKERS; i++) {
		td = thread_alloc(NULL);
		KASSERT(td != NULL, ("cache_run_workers: no memory"));
		cpu_thread_start(td, cache_worker, (void *)i);
		sched_add(td);
	}
	spin_lock(&test_cache_lock);
	while (cache_workers_done < CACHE_WORKERS)
		sleep_on(&cache_workers_done, &test_cache_lock, false, 0);
	spin_unlock(&test_cache_lock);
}

/*
 * Workers on every CPU allocate and free through their caches, and one
 * drains all caches meanwhile: no page is handed to two holders at once,
 * every page comes back (the free count after a second run equals the
 * one after the first), and a drain leaves no page cached.
 */
KERN_TEST(vm_phys_cache_smp_alloc_free_drain)
{
	u_long free_before;

	if (mp_ncpus < 2)
		KT_SKIP("one CPU: nothing runs concurrently");
	cache_errors = 0;
	memset(cache_ran_on, 0, sizeof(cache_ran_on));
	cache_run_workers();
	free_before = cache_settled_free_count();
	cache_run_workers();
	KT_ASSERT_EQ(cache_errors, 0);
	KT_ASSERT(cache_cpus_used() >= 2);
	KT_ASSERT_EQ(cache_settled_free_count(), free_before);
	(void)vm_phys_cache_drain();
	KT_ASSERT_EQ(vm_phys_cache_count(), 0);
}

/* A single page freed goes to the cache and counts as free; drain empties it. */
KERN_TEST(vm_phys_cache_counts_as_free)
{
	struct vm_page *m[8];
	u_long before;
	int i;

	(void)vm_phys_cache_drain();
	before = vm_phys_free_count();
	for (i = 0; i < 8; i++) {
		m[i] = vm_phys_alloc_pages(0);
		KT_ASSERT(m[i] != NULL);
		KT_ASSERT((vm_page_flags(m[i]) & PG_FREE) == 0);
	}
	KT_ASSERT_EQ(vm_phys_free_count(), before - 8);
	for (i = 0; i < 8; i++)
		vm_phys_free_pages(m[i], 0);
	KT_ASSERT_EQ(vm_phys_free_count(), before);
	KT_ASSERT(vm_phys_cache_count() > 0);
	KT_ASSERT((vm_page_flags(m[0]) & PG_FREE) != 0);
	KT_ASSERT(vm_phys_cache_drain());
	KT_ASSERT_EQ(vm_phys_cache_count(), 0);
	KT_ASSERT_EQ(vm_phys_free_count(), before);
}

/* Another CPU's IPI handler: leave 16 free pages in its cache. */
static void
cache_fill_remote(void *arg __unused)
{
	struct vm_page *m[16];
	int i;

	for (i = 0; i < 16; i++)
		m[i] = vm_phys_alloc_pages(0);
	for (i = 0; i < 16; i++)
		if (m[i] != NULL)
			vm_phys_free_pages(m[i], 0);
}

/*
 * With pages cached on other CPUs, taking every page on this one ends
 * with nothing free and nothing cached: the allocation that found the
 * free lists empty drained the other CPUs' caches instead of failing.
 */
KERN_TEST(vm_phys_cache_exhaustion_takes_remote_pages)
{
	struct vm_page *list = NULL, *m, *next;
	u_long n = 0;

	if (mp_ncpus < 2)
		KT_SKIP("one CPU: no other CPU's cache");
	/* Earlier tests' threads are freed when their CPUs next switch. */
	(void)cache_settled_free_count();
	smp_call_others(cache_fill_remote, NULL);
	KT_ASSERT(vm_phys_cache_count() >= 16);
	while ((m = vm_phys_alloc_pages(0)) != NULL) {
		*(struct vm_page **)vm_page_to_dmap(m) = list;
		list = m;
		n++;
	}
	KT_ASSERT(n > 0);
	KT_ASSERT_EQ(vm_phys_free_count(), 0);
	KT_ASSERT_EQ(vm_phys_cache_count(), 0);
	for (; list != NULL; list = next) {
		next = *(struct vm_page **)vm_page_to_dmap(list);
		vm_phys_free_pages(list, 0);
	}
	KT_ASSERT(vm_phys_free_count() >= n);
}
