/*
 * The tag check mode is per process (docs/abi.md section 5): a change one
 * thread makes reaches another at that thread's next kernel exit, even
 * one that only loops in bare system calls, whose return has nothing
 * else to do.  After main switches the process to ASYNC, a looping
 * thread's next mismatched store is deferred and reported by its next
 * system call (SEGV_MTEAERR, si_addr 0); after main switches back to
 * SYNC, the thread's next mismatched store faults precisely, and no stale
 * asynchronous report follows.
 */
#include <sys/types.h>
#include <sys/syscall.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>

#include "mte_util.h"

static char *page;		/* granule 0 tag 5, granule 1 tag 6 */
static volatile int phase;	/* main's step: 1 ASYNC set, 2 SYNC set, 3 end */
static volatile int done;	/* the thread's last finished step */
static struct mte_result res[3];	/* what the thread saw at each step */

/* getpid as a bare svc. */
static inline void
raw_getpid(void)
{
	register long x8 __asm__("x8") = SYS_getpid;

	__asm__ __volatile__("svc #0" : "+r" (x8) : : "memory", "x0", "x1",
	    "cc");
}

/* A mismatched store (granule 1 through tag 5): fn for mte_run. */
static void
bad_store(void *arg)
{
	(void)arg;
	*(volatile char *)set_tag(page + 16, 5) = 'x';
}

/*
 * Loop in bare getpid until main has made its next change, make one more
 * (the change is certain to be loaded by then), then the mismatched store.
 */
static void *
looping_thread(void *arg)
{
	int step;

	(void)arg;
	for (step = 1; step <= 2; step++) {
		while (phase < step)
			raw_getpid();
		raw_getpid();
		mte_run(bad_store, NULL, &res[step]);
		__atomic_store_n(&done, step, __ATOMIC_RELEASE);
	}
	while (phase < 3)
		raw_getpid();
	/* Nothing deferred from the ASYNC step comes late. */
	mte_run(bad_store, NULL, &res[0]);
	return (NULL);
}

int
main(void)
{
	pthread_t thr;

	mte_require();
	MTE_SET_MODE(MTE_MODE_SYNC, MTE_ALL_TAGS);
	page = MTE_MAP(getpagesize());
	stg(set_tag(page, 5));
	stg(set_tag(page + 16, 6));
	CHECK_EQ(pthread_create(&thr, NULL, looping_thread, NULL), 0);
	sched_yield();
	MTE_SET_MODE(MTE_MODE_ASYNC, MTE_ALL_TAGS);
	phase = 1;
	while (__atomic_load_n(&done, __ATOMIC_ACQUIRE) < 1)
		sched_yield();
	MTE_SET_MODE(MTE_MODE_SYNC, MTE_ALL_TAGS);
	phase = 2;
	while (__atomic_load_n(&done, __ATOMIC_ACQUIRE) < 2)
		sched_yield();
	phase = 3;
	CHECK_EQ(pthread_join(thr, NULL), 0);
	CHECK_TAG_RESULT(&res[1], set_tag(page + 16, 5), 1, MTE_MODE_ASYNC, 1);
	CHECK_TAG_RESULT(&res[2], set_tag(page + 16, 5), 1, MTE_MODE_SYNC, 1);
	CHECK_TAG_RESULT(&res[0], set_tag(page + 16, 5), 1, MTE_MODE_SYNC, 1);
	return (check_done());
}
