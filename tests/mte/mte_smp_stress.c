/*
 * docs/abi.md sections 7.1-7.3 seen from user space: tags of fresh pages are ready
 * before any thread can use the page, and are initialised once.  Four
 * threads, ROUNDS times, fall at once on the same fresh tagged pages
 * (mapped plainly, with MAP_PREFAULT_READ, or untagged and then
 * mprotected; 1 to 4 pages; SYNC and ASYNC in turn), each touching them
 * first in its own way, then storing its own tag and data in its own
 * granules.  While the others are still at it, every granule must read
 * tag 0 or its owner's tag, never anything else; afterwards every
 * granule holds its owner's tag and data: a tag initialisation that ran
 * after a thread's STG would show as a lost tag.  Then the same over a
 * superpage-aligned range.  Any tag check fault is fatal and reported.
 *
 * A watchdog ends it after 120 s of emulated time; "nowatchdog" as its
 * argument leaves that to the caller (mte_swap runs it while the page
 * daemon writes to disk, and emulated time races on while every CPU
 * waits for the disk).
 */
#include <sys/types.h>
#include <sys/mman.h>
#include <machine/sysarch.h>
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "mte_util.h"

#define	NTHREADS	4
#define	ROUNDS		200
#define	MAX_PAGES	4
#define	SUPER_ROUNDS	4
#define	SUPER_LEN	(2UL << 20)

/* A reusable spinning barrier; it yields, so one CPU is enough. */
struct barrier {
	unsigned	count;	/* threads arrived this round (atomic) */
	unsigned	gen;	/* rounds completed (atomic) */
};

/* What the threads share in one round, set by thread 0. */
struct round {
	char	*p;		/* the fresh range */
	size_t	len;
	int	super;		/* superpage round: own granule t of a page */
	int	n;		/* round number */
};

/* One thread's failures: a count and the first one in words. */
struct worker {
	int	id;
	int	errors;
	char	first[160];
};

static size_t pg;		/* the page size */
static size_t ngran;		/* granules per page */
static struct barrier bar;
static struct round cur;

/* Return once all NTHREADS threads have called this in the same round. */
static void
barrier_wait(struct barrier *b)
{
	unsigned gen;

	gen = __atomic_load_n(&b->gen, __ATOMIC_ACQUIRE);
	if (__atomic_add_fetch(&b->count, 1, __ATOMIC_ACQ_REL) == NTHREADS) {
		__atomic_store_n(&b->count, 0, __ATOMIC_RELAXED);
		__atomic_store_n(&b->gen, gen + 1, __ATOMIC_RELEASE);
		return;
	}
	while (__atomic_load_n(&b->gen, __ATOMIC_ACQUIRE) == gen)
		sched_yield();
}

/* Any tag check fault (or other fault) ends the test with its details. */
static void
fatal_fault(int sig, siginfo_t *si, void *uc)
{
	char msg[160];
	int n;

	(void)uc;
	n = snprintf(msg, sizeof(msg), "FAIL %s: round %d: signal %d "
	    "si_code %d si_addr %p\n", getprogname(), cur.n, sig,
	    si->si_code, si->si_addr);
	write(STDOUT_FILENO, msg, n);
	_exit(1);
}

/* The tag of thread t in round n: the four differ, none is 0. */
static unsigned
tag_of(int n, int t)
{

	return ((n + 4 * t) % 15 + 1);
}

/* The thread owning granule g in the current round, or -1. */
static int
owner_of(size_t g)
{

	if (cur.super)
		return (g % ngran < NTHREADS ? (int)(g % ngran) : -1);
	return ((int)(g % NTHREADS));
}

/* The first word of granule g's data in round n. */
static uint64_t
pattern(int n, size_t g)
{

	return ((uint64_t)n << 40 | (uint64_t)g << 8 | 0x5a);
}

/* Note one failure of w, keeping the first one's words. */
static void __printflike(2, 3)
note(struct worker *w, const char *fmt, ...)
{
	va_list ap;

	if (w->errors++ != 0)
		return;
	va_start(ap, fmt);
	vsnprintf(w->first, sizeof(w->first), fmt, ap);
	va_end(ap);
}

/* Thread 0, between rounds: map round n's fresh range. */
static void
map_round(int n)
{
	int flags = MAP_PRIVATE | MAP_ANON;

	cur.n = n;
	cur.super = n >= ROUNDS;
	if (mte_set_mode(n % 2 == 0 ? MTE_MODE_SYNC : MTE_MODE_ASYNC,
	    MTE_ALL_TAGS) != 0) {
		printf("FAIL %s: sysarch: errno %d\n", getprogname(), errno);
		_exit(1);
	}
	if (cur.super) {
		cur.len = SUPER_LEN;
		flags |= MAP_ALIGNED_SUPER;
	} else
		cur.len = (1 + n % MAX_PAGES) * pg;
	if (n % 4 == 1)
		flags |= MAP_PREFAULT_READ;
	if (!cur.super && n % 5 == 3) {
		cur.p = mmap(NULL, cur.len, PROT_READ | PROT_WRITE, flags, -1,
		    0);
		if (cur.p != MAP_FAILED &&
		    mprotect(cur.p, cur.len, MTE_RW) != 0)
			cur.p = MAP_FAILED;
	} else
		cur.p = mmap(NULL, cur.len, MTE_RW, flags, -1, 0);
	if (cur.p == MAP_FAILED) {
		printf("FAIL %s: round %d: mmap: errno %d\n", getprogname(), n,
		    errno);
		_exit(1);
	}
}

/*
 * One round for worker w: first touch, own tags and data, the check
 * while others work, and the full check once all are done.
 */
static void
work_round(struct worker *w)
{
	unsigned tag, want, got;
	volatile uint64_t *q;
	size_t g, ng = cur.len / MTE_GRANULE;
	int t = w->id, o;

	tag = tag_of(cur.n, t);
	for (g = 0; g < ng && owner_of(g) != t; g++)
		continue;
	switch ((cur.n + t) % 3) {
	case 0:
		if (mem_tag(cur.p + g * MTE_GRANULE) != 0)
			note(w, "round %d: first LDG gave a nonzero tag",
			    cur.n);
		break;
	case 1:
		if (*(volatile char *)(cur.p + g * MTE_GRANULE) != 0)
			note(w, "round %d: first read gave nonzero data",
			    cur.n);
		break;
	}
	for (; g < ng; g++) {
		if (owner_of(g) != t)
			continue;
		q = set_tag(cur.p + g * MTE_GRANULE, tag);
		stg((void *)q);
		q[0] = pattern(cur.n, g);
		q[1] = ~pattern(cur.n, g);
	}
	for (g = 0; g < ng; g++) {
		o = owner_of(g);
		got = mem_tag(cur.p + g * MTE_GRANULE);
		want = o >= 0 ? tag_of(cur.n, o) : 0;
		if (got != want && (o == t || got != 0))
			note(w, "round %d: granule %zu read tag %u while its "
			    "owner %d stores %u", cur.n, g, got, o, want);
	}
	barrier_wait(&bar);
	for (g = 0; g < ng; g++) {
		o = owner_of(g);
		q = ldg(cur.p + g * MTE_GRANULE);
		want = o >= 0 ? tag_of(cur.n, o) : 0;
		got = ptr_tag((void *)q);
		if (got != want || q[0] != (o >= 0 ? pattern(cur.n, g) : 0) ||
		    q[1] != (o >= 0 ? ~pattern(cur.n, g) : 0)) {
			note(w, "round %d: granule %zu holds tag %u, "
			    "data %#lx; expected tag %u", cur.n, g, got,
			    (unsigned long)q[0], want);
			break;
		}
	}
}

/* A worker: every round, between the barriers thread 0 needs. */
static void *
worker(void *arg)
{
	struct worker *w = arg;
	int n;

	for (n = 0; n < ROUNDS + SUPER_ROUNDS; n++) {
		if (w->id == 0)
			map_round(n);
		barrier_wait(&bar);
		work_round(w);
		barrier_wait(&bar);
		if (w->id == 0 && munmap(cur.p, cur.len) != 0)
			note(w, "round %d: munmap: errno %d", n, errno);
	}
	return (NULL);
}

int
main(int argc, char **argv)
{
	struct worker w[NTHREADS];
	struct sigaction sa;
	pthread_t t[NTHREADS];
	pid_t watchdog = -1;
	int i;

	pg = getpagesize();
	mte_require();
	ngran = pg / MTE_GRANULE;
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = fatal_fault;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGBUS, &sa, NULL);
	if (argc < 2 || strcmp(argv[1], "nowatchdog") != 0)
		watchdog = check_watchdog_start(120);
	for (i = 0; i < NTHREADS; i++) {
		memset(&w[i], 0, sizeof(w[i]));
		w[i].id = i;
	}
	for (i = 1; i < NTHREADS; i++)
		if (pthread_create(&t[i], NULL, worker, &w[i]) != 0) {
			CHECK(!"pthread_create");
			exit(check_done());
		}
	worker(&w[0]);
	for (i = 1; i < NTHREADS; i++)
		CHECK_EQ(pthread_join(t[i], NULL), 0);
	if (watchdog != -1)
		check_watchdog_stop(watchdog);
	for (i = 0; i < NTHREADS; i++) {
		CHECK_EQ(w[i].errors, 0);
		if (w[i].errors != 0)
			printf("thread %d, first failure: %s\n", i,
			    w[i].first);
	}
	return (check_done());
}
