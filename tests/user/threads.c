/*
 * Threads (thr_new(2), thr_self(2), thr_kill(2), _umtx_op(2) and the
 * pthread calls on them): threads faulting the same fresh anonymous pages
 * at once, contended mutexes, concurrent mmap/mprotect/munmap, errno per
 * thread, signals to one thread, futex waits with and without timeouts,
 * and fork from a process with several threads.  The loops are long
 * enough for the threads to run on several CPUs at once.
 */
#include <sys/types.h>
#include <sys/mman.h>
#include <sys/thr.h>
#include <sys/umtx.h>
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

#define	NTHREADS	4
#define	NPAGES		64	/* pages the threads fault together */
#define	COUNT_EACH	20000	/* mutex-protected increments per thread */
#define	CHURN_ROUNDS	50	/* mmap/munmap rounds per thread */

static size_t pg;	/* the page size */

/* A reusable spinning barrier (it yields, so one CPU is enough). */
struct barrier {
	unsigned	count;	/* arrived in this round (atomic) */
	unsigned	gen;	/* round number (atomic) */
};

/* Return once n threads have called this for the same round. */
static void
barrier_wait(struct barrier *b, unsigned n)
{
	unsigned gen;

	gen = __atomic_load_n(&b->gen, __ATOMIC_ACQUIRE);
	if (__atomic_add_fetch(&b->count, 1, __ATOMIC_ACQ_REL) == n) {
		__atomic_store_n(&b->count, 0, __ATOMIC_RELAXED);
		__atomic_store_n(&b->gen, gen + 1, __ATOMIC_RELEASE);
		return;
	}
	while (__atomic_load_n(&b->gen, __ATOMIC_ACQUIRE) == gen)
		sched_yield();
}

/* Monotonic time in nanoseconds. */
static uint64_t
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((uint64_t)ts.tv_sec * 1000000000 + ts.tv_nsec);
}

static struct barrier fault_barrier;

/* One fault worker: its id, the two mappings, what it found. */
struct fault_arg {
	int		id;
	char		*read_first;	/* read by all, then written */
	char		*write_first;	/* written by all at once */
	long		tid;		/* thr_self */
	pthread_t	self;		/* pthread_self */
	int		errors;
};

/* The value thread t leaves in page i. */
static uint64_t
slot_value(int t, size_t i)
{

	return (((uint64_t)(t + 1) << 32) | (i * 2654435761U));
}

/* The word of thread t in page i of p: each thread its own cache line. */
static volatile uint64_t *
slot(char *p, int t, size_t i)
{

	return ((volatile uint64_t *)(p + i * pg + t * 64));
}

/*
 * All threads at once: read every page of one fresh mapping (read
 * faults), write their slot in every page of both (write faults, on the
 * other mapping the first touch), then check everyone's slots.  Each
 * thread starts at a different page so faults collide everywhere.
 */
static void *
fault_worker(void *arg)
{
	struct fault_arg *a = arg;
	size_t i, k;
	int t;

	thr_self(&a->tid);
	a->self = pthread_self();
	barrier_wait(&fault_barrier, NTHREADS);
	for (k = 0; k < NPAGES; k++) {
		i = (k + a->id * (NPAGES / NTHREADS)) % NPAGES;
		if (*slot(a->read_first, a->id, i) != 0 ||
		    *slot(a->read_first, (a->id + 1) % NTHREADS, i) != 0)
			a->errors++;
	}
	barrier_wait(&fault_barrier, NTHREADS);
	for (k = 0; k < NPAGES; k++) {
		i = (k + a->id * (NPAGES / NTHREADS)) % NPAGES;
		*slot(a->write_first, a->id, i) = slot_value(a->id, i);
		*slot(a->read_first, a->id, i) = slot_value(a->id, i);
	}
	barrier_wait(&fault_barrier, NTHREADS);
	for (i = 0; i < NPAGES; i++)
		for (t = 0; t < NTHREADS; t++)
			if (*slot(a->read_first, t, i) != slot_value(t, i) ||
			    *slot(a->write_first, t, i) != slot_value(t, i))
				a->errors++;
	return (a);
}

/*
 * Four threads fault the same fresh pages at the same time and every
 * write lands; thread ids (thr_self, pthread_self) are all different, and
 * join returns each thread's value.
 */
static void
test_fault_together(void)
{
	struct fault_arg args[NTHREADS];
	pthread_t threads[NTHREADS];
	char *r, *w;
	long main_tid;
	void *ret;
	size_t i;
	int t, u;

	r = CHECK_MAP_ANON(NPAGES * pg);
	w = CHECK_MAP_ANON(NPAGES * pg);
	CHECK_OK(thr_self(&main_tid));
	CHECK(main_tid > 0);
	for (t = 0; t < NTHREADS; t++) {
		memset(&args[t], 0, sizeof(args[t]));
		args[t].id = t;
		args[t].read_first = r;
		args[t].write_first = w;
		CHECK_EQ(pthread_create(&threads[t], NULL, fault_worker,
		    &args[t]), 0);
	}
	for (t = 0; t < NTHREADS; t++) {
		ret = NULL;
		CHECK_EQ(pthread_join(threads[t], &ret), 0);
		CHECK(ret == &args[t]);
		CHECK_EQ(args[t].errors, 0);
		CHECK(args[t].tid > 0 && args[t].tid != main_tid);
		CHECK(pthread_equal(args[t].self, threads[t]));
		CHECK(!pthread_equal(args[t].self, pthread_self()));
		for (u = 0; u < t; u++)
			CHECK(args[t].tid != args[u].tid);
	}
	for (i = 0; i < NPAGES; i++)
		for (t = 0; t < NTHREADS; t++) {
			CHECK_EQ(*slot(r, t, i), slot_value(t, i));
			CHECK_EQ(*slot(w, t, i), slot_value(t, i));
		}
	CHECK_OK(munmap(r, NPAGES * pg));
	CHECK_OK(munmap(w, NPAGES * pg));
}

static pthread_mutex_t count_lock = PTHREAD_MUTEX_INITIALIZER;
static volatile long locked_count;	/* (count_lock) */
static long atomic_count;		/* (atomic) */

/* COUNT_EACH increments under the mutex and as many atomic ones. */
static void *
count_worker(void *arg)
{
	int i;

	for (i = 0; i < COUNT_EACH; i++) {
		pthread_mutex_lock(&count_lock);
		locked_count = locked_count + 1;
		pthread_mutex_unlock(&count_lock);
		__atomic_fetch_add(&atomic_count, 1, __ATOMIC_RELAXED);
	}
	return (arg);
}

/* Try a lock the main thread holds. */
static void *
trylock_worker(void *arg)
{

	(void)arg;
	return ((void *)(intptr_t)pthread_mutex_trylock(&count_lock));
}

/* A contended mutex loses no increment; trylock on a held lock is EBUSY. */
static void
test_mutex(void)
{
	pthread_t threads[NTHREADS];
	void *ret;
	int t;

	locked_count = 0;
	atomic_count = 0;
	for (t = 0; t < NTHREADS; t++)
		CHECK_EQ(pthread_create(&threads[t], NULL, count_worker,
		    (void *)(intptr_t)(t + 100)), 0);
	for (t = 0; t < NTHREADS; t++) {
		CHECK_EQ(pthread_join(threads[t], &ret), 0);
		CHECK_EQ((intptr_t)ret, t + 100);
	}
	CHECK_EQ(locked_count, NTHREADS * COUNT_EACH);
	CHECK_EQ(atomic_count, NTHREADS * COUNT_EACH);

	CHECK_EQ(pthread_mutex_lock(&count_lock), 0);
	CHECK_EQ(pthread_create(&threads[0], NULL, trylock_worker, NULL), 0);
	CHECK_EQ(pthread_join(threads[0], &ret), 0);
	CHECK_EQ((intptr_t)ret, EBUSY);
	CHECK_EQ(pthread_mutex_unlock(&count_lock), 0);
	CHECK_EQ(pthread_mutex_trylock(&count_lock), 0);
	CHECK_EQ(pthread_mutex_unlock(&count_lock), 0);
}

/* Map, fill, check, protect and unmap private memory, CHURN_ROUNDS times. */
static void *
churn_worker(void *arg)
{
	intptr_t id = (intptr_t)arg, errors = 0;
	volatile char *v;
	char *p;
	size_t j;
	int i;

	for (i = 0; i < CHURN_ROUNDS; i++) {
		p = mmap(NULL, 4 * pg, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANON, -1, 0);
		if (p == MAP_FAILED) {
			errors++;
			continue;
		}
		memset(p, (int)(id + i), 4 * pg);
		if (mprotect(p + pg, pg, PROT_READ) != 0)
			errors++;
		v = p;
		for (j = 0; j < 4 * pg; j += 512)
			if (v[j] != (char)(id + i))
				errors++;
		if (munmap(p, 4 * pg) != 0)
			errors++;
	}
	return ((void *)errors);
}

/* mmap, mprotect and munmap from all threads at once keep to their ranges. */
static void
test_map_churn(void)
{
	pthread_t threads[NTHREADS];
	void *ret;
	int t;

	for (t = 0; t < NTHREADS; t++)
		CHECK_EQ(pthread_create(&threads[t], NULL, churn_worker,
		    (void *)(intptr_t)(t * 16 + 1)), 0);
	for (t = 0; t < NTHREADS; t++) {
		CHECK_EQ(pthread_join(threads[t], &ret), 0);
		CHECK_EQ((intptr_t)ret, 0);
	}
}

static struct barrier errno_barrier;

/*
 * Thread 0 fails with EBADF, thread 1 then fails with EINVAL; thread 0's
 * errno is still EBADF.  Returns 0 if so.
 */
static void *
errno_worker(void *arg)
{
	intptr_t id = (intptr_t)arg;
	int want = 0;

	if (id == 0) {
		close(-1);
		want = EBADF;
	}
	barrier_wait(&errno_barrier, 2);
	if (id == 1) {
		mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANON, -1, 0);
		want = EINVAL;
	}
	barrier_wait(&errno_barrier, 2);
	return ((void *)(intptr_t)(errno != want));
}

/* errno is per thread. */
static void
test_errno(void)
{
	pthread_t threads[2];
	void *ret;
	int t;

	errno = 0;
	for (t = 0; t < 2; t++)
		CHECK_EQ(pthread_create(&threads[t], NULL, errno_worker,
		    (void *)(intptr_t)t), 0);
	for (t = 0; t < 2; t++) {
		CHECK_EQ(pthread_join(threads[t], &ret), 0);
		CHECK_EQ((intptr_t)ret, 0);
	}
	CHECK_EQ(errno, 0);
}

static volatile long target_tid;	/* the thread thr_kill aims at */
static volatile long handler_tid;	/* where tid_handler ran */

/* Note which thread runs the handler. */
static void
tid_handler(int sig)
{
	long tid;

	(void)sig;
	thr_self(&tid);
	handler_tid = tid;
}

/* Publish the thread id, then wait in and out of the kernel for a signal. */
static void *
signal_target(void *arg)
{
	long tid;
	int i;

	(void)arg;
	thr_self(&tid);
	target_tid = tid;
	for (i = 0; i < 100000 && handler_tid == 0; i++)
		sched_yield();
	return (NULL);
}

/*
 * thr_kill delivers to that thread; unknown ids are ESRCH, bad signals
 * EINVAL, signal 0 only checks.
 */
static void
test_thr_kill(void)
{
	pthread_t t;
	long me;
	int i;

	target_tid = handler_tid = 0;
	signal(SIGUSR1, tid_handler);
	CHECK_EQ(pthread_create(&t, NULL, signal_target, NULL), 0);
	for (i = 0; i < 100000 && target_tid == 0; i++)
		sched_yield();
	CHECK(target_tid != 0);
	CHECK_OK(thr_kill(target_tid, 0));
	CHECK_OK(thr_kill(target_tid, SIGUSR1));
	CHECK_EQ(pthread_join(t, NULL), 0);
	CHECK_EQ(handler_tid, target_tid);
	signal(SIGUSR1, SIG_DFL);

	CHECK_OK(thr_self(&me));
	CHECK_OK(thr_kill(me, 0));
	CHECK_ERRNO(thr_kill(0x7ffffff0, 0), ESRCH);
	CHECK_ERRNO(thr_kill(me, 200), EINVAL);
}

static char exit_stack[16384] __aligned(16);

/* A thr_new thread: thr_exit(arg) at once (no TLS use: it has none). */
static void
exit_at(void *arg)
{
	thr_exit(arg);
}

/*
 * thr_exit with a state address that cannot take the store (read-only,
 * unmapped): the store is skipped and the thread still ends, as in
 * FreeBSD (docs/abi.md section 4.2); only a store that memory exhaustion
 * cannot back keeps it (tests/user/exhaust.c).
 */
static void
test_thr_exit_bad_state(void)
{
	struct thr_param param;
	long tid, *ro;
	char *gone;
	int i, bad;

	ro = CHECK_MMAP(NULL, pg, PROT_READ, MAP_PRIVATE | MAP_ANON, -1, 0);
	gone = CHECK_MAP_ANON(pg);
	CHECK_OK(munmap(gone, pg));
	for (bad = 0; bad < 2; bad++) {
		memset(&param, 0, sizeof(param));
		param.start_func = exit_at;
		param.arg = bad == 0 ? (void *)ro : (void *)gone;
		param.stack_base = exit_stack;
		param.stack_size = sizeof(exit_stack);
		param.child_tid = &tid;
		CHECK_OK(thr_new(&param, sizeof(param)));
		for (i = 0; i < 1000000 && thr_kill(tid, 0) == 0; i++)
			sched_yield();
		CHECK_ERRNO(thr_kill(tid, 0), ESRCH);
	}
	CHECK_EQ(*ro, 0);
	CHECK_OK(munmap(ro, pg));
}

static uint32_t futex_word;			/* (atomic) */
static volatile int futex_waiting;		/* the waiter is about to */

/* Sleep on futex_word until it is no longer 0. */
static void *
futex_waiter(void *arg)
{

	(void)arg;
	futex_waiting = 1;
	while (__atomic_load_n(&futex_word, __ATOMIC_ACQUIRE) == 0)
		_umtx_op(&futex_word, UMTX_OP_WAIT_UINT_PRIVATE, 0, NULL, NULL);
	return (NULL);
}

/*
 * _umtx_op: a wait on a changed value returns at once, a timeout ends a
 * wait with ETIMEDOUT (no sooner), a bad timeout is EINVAL, a wake
 * releases a waiter, an unknown op is EINVAL (sys__umtx_op()).
 */
static void
test_umtx(void)
{
	struct timespec ts, delay = { 0, 20 * 1000 * 1000 };
	struct _umtx_time ut;
	uint64_t t0, t1;
	pthread_t t;

	futex_word = 1;
	CHECK_OK(_umtx_op(&futex_word, UMTX_OP_WAIT_UINT_PRIVATE, 0, NULL,
	    NULL));
	futex_word = 0;
	ts.tv_sec = 0;
	ts.tv_nsec = 10 * 1000 * 1000;
	t0 = now_ns();
	CHECK_ERRNO(_umtx_op(&futex_word, UMTX_OP_WAIT_UINT_PRIVATE, 0,
	    (void *)sizeof(ts), &ts), ETIMEDOUT);
	t1 = now_ns();
	CHECK(t1 - t0 >= 10 * 1000 * 1000);
	CHECK(t1 - t0 < 5000ULL * 1000 * 1000);

	/* An absolute deadline already past: ETIMEDOUT at once. */
	memset(&ut, 0, sizeof(ut));
	clock_gettime(CLOCK_MONOTONIC, &ut._timeout);
	ut._flags = UMTX_ABSTIME;
	ut._clockid = CLOCK_MONOTONIC;
	CHECK_ERRNO(_umtx_op(&futex_word, UMTX_OP_WAIT_UINT_PRIVATE, 0,
	    (void *)sizeof(ut), &ut), ETIMEDOUT);

	ts.tv_nsec = 2000 * 1000 * 1000L;
	CHECK_ERRNO(_umtx_op(&futex_word, UMTX_OP_WAIT_UINT_PRIVATE, 0,
	    (void *)sizeof(ts), &ts), EINVAL);
	CHECK_ERRNO(_umtx_op(&futex_word, 1000, 0, NULL, NULL), EINVAL);
	CHECK_OK(_umtx_op(&futex_word, UMTX_OP_WAKE_PRIVATE, 1, NULL, NULL));

	futex_waiting = 0;
	CHECK_EQ(pthread_create(&t, NULL, futex_waiter, NULL), 0);
	while (!futex_waiting)
		sched_yield();
	nanosleep(&delay, NULL);
	__atomic_store_n(&futex_word, 1, __ATOMIC_RELEASE);
	CHECK_OK(_umtx_op(&futex_word, UMTX_OP_WAKE_PRIVATE, 1, NULL, NULL));
	CHECK_EQ(pthread_join(t, NULL), 0);
}

static volatile int spin_stop;	/* tells spinners to return */

/* Run in and out of the kernel until told to stop. */
static void *
spinner(void *arg)
{

	while (!spin_stop)
		sched_yield();
	return (arg);
}

/* A thread of the forked child; returns its argument. */
static void *
echo(void *arg)
{

	return (arg);
}

/*
 * fork from a process with several running threads: the child has only
 * the forking thread and can start threads of its own.
 */
static void
test_fork_with_threads(void)
{
	pthread_t s[2], c;
	void *ret;
	pid_t pid;
	int i;

	spin_stop = 0;
	for (i = 0; i < 2; i++)
		CHECK_EQ(pthread_create(&s[i], NULL, spinner, NULL), 0);
	pid = CHECK_FORK();
	if (pid == 0) {
		CHECK_EQ(pthread_create(&c, NULL, echo, (void *)7), 0);
		CHECK_EQ(pthread_join(c, &ret), 0);
		CHECK(ret == (void *)7);
		check_child_exit();
	}
	CHECK_WAIT_EXIT(pid, 0);
	spin_stop = 1;
	for (i = 0; i < 2; i++)
		CHECK_EQ(pthread_join(s[i], NULL), 0);
}

int
main(void)
{

	pg = getpagesize();
	printf("threads: %ld CPUs\n", sysconf(_SC_NPROCESSORS_ONLN));
	test_fault_together();
	test_mutex();
	test_map_churn();
	test_errno();
	test_thr_kill();
	test_thr_exit_bad_state();
	test_umtx();
	test_fork_with_threads();
	return (check_done());
}
