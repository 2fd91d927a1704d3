/*
 * Clocks and sleeping, FreeBSD's semantics (sys/kern/kern_time.c
 * kern_clock_gettime(), kern_clock_nanosleep()): every clock id FreeBSD
 * has answers, others are EINVAL; the monotonic clock never goes back,
 * also between CPUs; the CPU-time clocks do not run while asleep;
 * nanosleep sleeps at least what was asked, returns at once for zero or
 * negative times, and a signal ends it with EINTR (even with SA_RESTART)
 * and the time left; sched_yield always works.  User code reads the
 * virtual counter, and libc's CLOCK_MONOTONIC from it agrees with the
 * kernel's.
 */
#include <sys/types.h>
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

#define	NS	1000000000LL	/* nanoseconds per second */
#define	MS	1000000LL	/* nanoseconds per millisecond */

/* ts in nanoseconds. */
static int64_t
ts_ns(const struct timespec *ts)
{

	return ((int64_t)ts->tv_sec * NS + ts->tv_nsec);
}

/* clock id now, in nanoseconds (-1 if the clock fails). */
static int64_t
clock_ns(clockid_t id)
{
	struct timespec ts;

	if (clock_gettime(id, &ts) != 0)
		return (-1);
	return (ts_ns(&ts));
}

/*
 * The clock ids FreeBSD knows give a valid time; CLOCK_SECOND has no
 * fraction; the gaps (3, 6) and ids past the last are EINVAL.
 */
static void
test_clock_ids(void)
{
	static const clockid_t ids[] = { CLOCK_REALTIME, CLOCK_VIRTUAL,
	    CLOCK_PROF, CLOCK_MONOTONIC, CLOCK_UPTIME, CLOCK_UPTIME_PRECISE,
	    CLOCK_UPTIME_FAST, CLOCK_REALTIME_PRECISE, CLOCK_REALTIME_FAST,
	    CLOCK_MONOTONIC_PRECISE, CLOCK_MONOTONIC_FAST, CLOCK_SECOND,
	    CLOCK_THREAD_CPUTIME_ID, CLOCK_PROCESS_CPUTIME_ID };
	struct timespec ts;
	size_t k;

	for (k = 0; k < sizeof(ids) / sizeof(ids[0]); k++) {
		ts.tv_sec = -1;
		ts.tv_nsec = -1;
		CHECK_OK(clock_gettime(ids[k], &ts));
		CHECK(ts.tv_sec >= 0);
		CHECK(ts.tv_nsec >= 0 && ts.tv_nsec < NS);
		if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= NS)
			printf("  (clock %d)\n", ids[k]);
	}
	CHECK_OK(clock_gettime(CLOCK_SECOND, &ts));
	CHECK_EQ(ts.tv_nsec, 0);
	CHECK_ERRNO(clock_gettime(3, &ts), EINVAL);
	CHECK_ERRNO(clock_gettime(6, &ts), EINVAL);
	CHECK_ERRNO(clock_gettime(16, &ts), EINVAL);
	CHECK_ERRNO(clock_gettime(1000, &ts), EINVAL);
	CHECK(time(NULL) >= 0);
	CHECK(time(NULL) - clock_ns(CLOCK_REALTIME) / NS <= 1);
}

/* The monotonic clocks never go back, and they do go forward. */
static void
test_monotonic(void)
{
	struct timespec ms = { 0, 5 * MS };
	int64_t prev, now, start;
	int i, backwards;

	backwards = 0;
	prev = start = clock_ns(CLOCK_MONOTONIC);
	for (i = 0; i < 1000; i++) {
		now = clock_ns(CLOCK_MONOTONIC);
		if (now < prev)
			backwards++;
		prev = now;
	}
	CHECK_EQ(backwards, 0);
	prev = clock_ns(CLOCK_UPTIME);
	for (i = 0; i < 1000; i++) {
		now = clock_ns(CLOCK_UPTIME);
		if (now < prev)
			backwards++;
		prev = now;
	}
	CHECK_EQ(backwards, 0);
	CHECK_OK(nanosleep(&ms, NULL));
	CHECK(clock_ns(CLOCK_MONOTONIC) - start >= 5 * MS);
}

/* The virtual counter, read at EL0 as libc does. */
static uint64_t
read_cntvct(void)
{
	uint64_t c;

	__asm __volatile("isb; mrs %0, cntvct_el0" : "=r" (c) : : "memory");
	return (c);
}

/* A system call's CLOCK_MONOTONIC, in nanoseconds. */
static int64_t
sys_monotonic_ns(void)
{
	struct timespec ts;

	if (__sys_clock_gettime(CLOCK_MONOTONIC, &ts) != 0)
		return (-1);
	return (ts_ns(&ts));
}

/*
 * User code reads the virtual counter and its frequency (no SIGILL, as on
 * Linux and FreeBSD); the counter never goes back and moves across a
 * sleep; libc's CLOCK_MONOTONIC, read from it, agrees with the system
 * call's: each read lies between the other's reads before and after it.
 */
static void
test_user_counter(void)
{
	struct timespec ms = { 0, MS };
	uint64_t freq, prev, now;
	int64_t a, b, c;
	int i, backwards = 0, disorder = 0;

	__asm __volatile("mrs %0, cntfrq_el0" : "=r" (freq));
	CHECK(freq > 0);
	prev = read_cntvct();
	for (i = 0; i < 1000; i++) {
		now = read_cntvct();
		if (now < prev)
			backwards++;
		prev = now;
	}
	CHECK_EQ(backwards, 0);
	CHECK_OK(nanosleep(&ms, NULL));
	CHECK(read_cntvct() > prev);

	for (i = 0; i < 100; i++) {
		a = clock_ns(CLOCK_MONOTONIC);
		b = sys_monotonic_ns();
		c = clock_ns(CLOCK_MONOTONIC);
		if (!(a <= b && b <= c) || sys_monotonic_ns() < c)
			disorder++;
	}
	CHECK_EQ(disorder, 0);
	CHECK(a >= 0 && b >= 0);
}

/* Two threads taking turns: each reads the clock after the other's read. */
static volatile int64_t handoff_time;	/* the last time read */
static volatile int turn;		/* whose turn: 0 main, 1 other */
static volatile int pingpong_backwards;	/* reads earlier than the last */

#define	PINGPONG_ROUNDS	300

/* Play `me' in PINGPONG_ROUNDS turns. */
static void
pingpong(int me)
{
	int64_t now;
	int i;

	for (i = 0; i < PINGPONG_ROUNDS; i++) {
		while (__atomic_load_n(&turn, __ATOMIC_ACQUIRE) != me)
			sched_yield();
		now = clock_ns(CLOCK_MONOTONIC);
		if (now < handoff_time)
			pingpong_backwards++;
		handoff_time = now;
		__atomic_store_n(&turn, 1 - me, __ATOMIC_RELEASE);
	}
}

/* The other player of test_across_cpus(). */
static void *
pingpong_thread(void *arg)
{

	(void)arg;
	pingpong(1);
	return (NULL);
}

/*
 * A clock read that happens after another (through memory ordering) is
 * not earlier, whichever CPUs the two threads run on.
 */
static void
test_across_cpus(void)
{
	pthread_t t;

	handoff_time = 0;
	turn = 0;
	pingpong_backwards = 0;
	CHECK_EQ(pthread_create(&t, NULL, pingpong_thread, NULL), 0);
	pingpong(0);
	CHECK_EQ(pthread_join(t, NULL), 0);
	CHECK_EQ(pingpong_backwards, 0);
}

/*
 * The CPU-time clocks count running, not sleeping: 100 ms asleep adds
 * little, spinning adds something.
 */
static void
test_cpu_clocks(void)
{
	static const clockid_t ids[] = { CLOCK_THREAD_CPUTIME_ID,
	    CLOCK_PROCESS_CPUTIME_ID, CLOCK_VIRTUAL, CLOCK_PROF };
	struct timespec nap = { 0, 100 * MS };
	int64_t before[4], after[4], t0;
	volatile uint64_t spin;
	int k;

	for (k = 0; k < 4; k++)
		before[k] = clock_ns(ids[k]);
	CHECK_OK(nanosleep(&nap, NULL));
	for (k = 0; k < 4; k++) {
		after[k] = clock_ns(ids[k]);
		CHECK(after[k] >= before[k]);
		CHECK(after[k] - before[k] < 50 * MS);
		if (after[k] - before[k] >= 50 * MS)
			printf("  (clock %d ran %lld ns in a 100 ms sleep)\n",
			    ids[k], (long long)(after[k] - before[k]));
	}
	t0 = clock_ns(CLOCK_MONOTONIC);
	spin = 0;
	while (clock_ns(CLOCK_MONOTONIC) - t0 < 30 * MS)
		spin++;
	CHECK(clock_ns(CLOCK_THREAD_CPUTIME_ID) > after[0]);
	CHECK(clock_ns(CLOCK_PROCESS_CPUTIME_ID) > after[1]);
	CHECK(clock_ns(CLOCK_PROF) > after[3]);
}

/*
 * nanosleep sleeps at least the time asked (and not absurdly longer);
 * zero and negative times return at once (kern_clock_nanosleep()).
 */
static void
test_nanosleep(void)
{
	static const long asks[] = { 1, 10, 50 };	/* milliseconds */
	struct timespec ts, rem;
	int64_t t0, dt;
	size_t k;

	for (k = 0; k < sizeof(asks) / sizeof(asks[0]); k++) {
		ts.tv_sec = 0;
		ts.tv_nsec = asks[k] * MS;
		t0 = clock_ns(CLOCK_MONOTONIC);
		CHECK_OK(nanosleep(&ts, NULL));
		dt = clock_ns(CLOCK_MONOTONIC) - t0;
		CHECK(dt >= asks[k] * MS);
		CHECK(dt < asks[k] * MS + 2 * NS);
	}
	ts.tv_sec = 0;
	ts.tv_nsec = 1;
	CHECK_OK(nanosleep(&ts, &rem));
	ts.tv_nsec = 0;
	t0 = clock_ns(CLOCK_MONOTONIC);
	CHECK_OK(nanosleep(&ts, NULL));
	ts.tv_sec = -1;
	CHECK_OK(nanosleep(&ts, NULL));
	CHECK(clock_ns(CLOCK_MONOTONIC) - t0 < 1 * NS);
	CHECK_OK(usleep(2000));
	CHECK_EQ(sleep(0), 0);
}

static volatile sig_atomic_t alarms;	/* count_signal's runs */

/* Count a signal. */
static void
count_signal(int sig)
{

	(void)sig;
	alarms++;
}

/*
 * A signal ends nanosleep with EINTR, even with SA_RESTART, and rmtp says
 * how much was left; both add up to the time asked.
 */
static void
test_nanosleep_eintr(void)
{
	struct timespec ts, rem;
	struct sigaction sa;
	int64_t t0, dt;
	int go[2];
	pid_t pid;
	char c;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = count_signal;
	sa.sa_flags = SA_RESTART;
	sigemptyset(&sa.sa_mask);
	CHECK_OK(sigaction(SIGUSR1, &sa, NULL));
	alarms = 0;
	CHECK_OK(pipe2(go, 0));
	pid = CHECK_FORK();
	if (pid == 0) {
		struct timespec d = { 0, 100 * MS };

		if (read(go[0], &c, 1) != 1)
			_exit(1);
		nanosleep(&d, NULL);
		kill(getppid(), SIGUSR1);
		_exit(0);
	}
	ts.tv_sec = 10;
	ts.tv_nsec = 0;
	rem.tv_sec = rem.tv_nsec = -1;
	CHECK_EQ(write(go[1], "g", 1), 1);
	t0 = clock_ns(CLOCK_MONOTONIC);
	CHECK_ERRNO(nanosleep(&ts, &rem), EINTR);
	dt = clock_ns(CLOCK_MONOTONIC) - t0;
	CHECK_EQ(alarms, 1);
	CHECK(dt < 9 * NS);
	CHECK(rem.tv_sec >= 0 && rem.tv_nsec >= 0 && rem.tv_nsec < NS);
	CHECK(ts_ns(&rem) > 0 && ts_ns(&rem) <= 10 * NS);
	/* Time slept plus time left: the 10 s asked, give or take. */
	CHECK(dt + ts_ns(&rem) > 9 * NS && dt + ts_ns(&rem) < 11 * NS);
	CHECK_WAIT_EXIT(pid, 0);
	signal(SIGUSR1, SIG_DFL);
	close(go[0]);
	close(go[1]);
}

/* sched_yield always succeeds, alone or with another process running. */
static void
test_sched_yield(void)
{
	pid_t pid;
	int i;

	for (i = 0; i < 1000; i++)
		CHECK_OK(sched_yield());
	pid = CHECK_FORK();
	if (pid == 0) {
		for (i = 0; i < 1000; i++)
			if (sched_yield() != 0)
				_exit(1);
		_exit(0);
	}
	for (i = 0; i < 1000; i++)
		CHECK_OK(sched_yield());
	CHECK_WAIT_EXIT(pid, 0);
}

int
main(void)
{

	test_clock_ids();
	test_monotonic();
	test_user_counter();
	test_across_cpus();
	test_cpu_clocks();
	test_nanosleep();
	test_nanosleep_eintr();
	test_sched_yield();
	return (check_done());
}
