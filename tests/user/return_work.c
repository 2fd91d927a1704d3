/*
 * The return to user mode takes its slow path only when the thread has
 * work flagged for it (a pending signal, a reschedule, MTE state) or
 * single step to arm: these check that every way a signal becomes
 * deliverable still flags it, so it is taken on the way out of the very
 * system call (or interrupt) that made it so, and never later:
 *  - a thread looping in raw getpid svcs gets a signal another thread
 *    sends to it (thr_kill), and one sent to the process (kill) that only
 *    it does not block, by the first getpid after it saw them sent;
 *  - a pending blocked signal is taken as sigprocmask unblocks it, before
 *    the call returns;
 *  - a pending signal the handler's mask held is taken as sigreturn
 *    restores the mask, before the interrupted code resumes;
 *  - a thread that only computes (no system call) is still preempted, so
 *    another on the same CPU makes progress.
 */
#include <sys/types.h>
#include <sys/syscall.h>
#include <sys/thr.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "check.h"

static volatile sig_atomic_t usr1_seen, usr2_seen;
static volatile long usr1_tid, usr2_tid;
static volatile int stop;	/* the spinning thread ends */
static volatile long spinner_tid;
static volatile int posted;	/* signals main has sent the spinner */
static volatile int late;	/* ... that a getpid after it missed */

/* getpid as a bare svc: no libc wrapper around the round trip. */
static inline long
raw_getpid(void)
{
	register long x8 __asm__("x8") = SYS_getpid;
	register long x0 __asm__("x0");

	__asm__ __volatile__("svc #0" : "=r" (x0) : "r" (x8)
	    : "memory", "x1", "cc");
	return (x0);
}

static void
on_usr1(int sig)
{
	long tid;

	(void)sig;
	thr_self(&tid);
	usr1_tid = tid;
	usr1_seen++;
}

static void
on_usr2(int sig)
{
	long tid;

	(void)sig;
	thr_self(&tid);
	usr2_tid = tid;
	usr2_seen++;
}

static void
set_handler(int sig, void (*fn)(int), int masked)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = fn;
	sigemptyset(&sa.sa_mask);
	if (masked != 0)
		sigaddset(&sa.sa_mask, masked);
	CHECK_OK(sigaction(sig, &sa, NULL));
}

/* Loops in raw getpid until stop, with SIGUSR1 and SIGUSR2 unblocked. */
static void *
getpid_loop(void *arg)
{
	sigset_t set;
	long tid;

	(void)arg;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGUSR2);
	pthread_sigmask(SIG_UNBLOCK, &set, NULL);
	thr_self(&tid);
	__atomic_store_n(&spinner_tid, tid, __ATOMIC_RELEASE);
	/*
	 * A signal main sent before this thread saw posted grow must be
	 * taken on the way out of the next getpid, not at some later tick.
	 */
	while (!stop) {
		int p = __atomic_load_n(&posted, __ATOMIC_ACQUIRE);

		(void)raw_getpid();
		if ((p >= 1 && usr1_seen == 0) || (p >= 2 && usr2_seen == 0))
			late++;
	}
	return (NULL);
}

/* Wait (yielding) until *flag is non-zero; false after a long while. */
static int
wait_for(volatile sig_atomic_t *flag)
{
	long i;

	for (i = 0; i < 10000000 && *flag == 0; i++)
		sched_yield();
	return (*flag != 0);
}

/* Signals to a thread that only makes raw getpid calls. */
static void
test_getpid_loop(void)
{
	pthread_t thr;
	sigset_t set, old;
	long tid;

	set_handler(SIGUSR1, on_usr1, 0);
	set_handler(SIGUSR2, on_usr2, 0);
	/* This thread blocks both: only the spinner may take them. */
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGUSR2);
	CHECK_EQ(pthread_sigmask(SIG_BLOCK, &set, &old), 0);
	usr1_seen = usr2_seen = 0;
	stop = 0;
	spinner_tid = 0;
	posted = late = 0;
	CHECK_EQ(pthread_create(&thr, NULL, getpid_loop, NULL), 0);
	while ((tid = __atomic_load_n(&spinner_tid, __ATOMIC_ACQUIRE)) == 0)
		sched_yield();
	CHECK_OK(thr_kill(tid, SIGUSR1));
	__atomic_store_n(&posted, 1, __ATOMIC_RELEASE);
	CHECK(wait_for(&usr1_seen));
	CHECK_EQ(usr1_tid, tid);
	CHECK_OK(kill(getpid(), SIGUSR2));
	__atomic_store_n(&posted, 2, __ATOMIC_RELEASE);
	CHECK(wait_for(&usr2_seen));
	CHECK_EQ(usr2_tid, tid);
	stop = 1;
	CHECK_EQ(pthread_join(thr, NULL), 0);
	CHECK_EQ(usr1_seen, 1);
	CHECK_EQ(usr2_seen, 1);
	CHECK_EQ(late, 0);
	CHECK_EQ(pthread_sigmask(SIG_SETMASK, &old, NULL), 0);
}

/* A blocked pending signal is taken before sigprocmask returns. */
static void
test_unblock(void)
{
	sigset_t set, old;

	set_handler(SIGUSR1, on_usr1, 0);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	CHECK_OK(sigprocmask(SIG_BLOCK, &set, &old));
	usr1_seen = 0;
	CHECK_OK(kill(getpid(), SIGUSR1));
	(void)raw_getpid();
	CHECK_EQ(usr1_seen, 0);
	CHECK_OK(sigprocmask(SIG_UNBLOCK, &set, NULL));
	CHECK_EQ(usr1_seen, 1);
	CHECK_OK(sigprocmask(SIG_SETMASK, &old, NULL));
}

static volatile sig_atomic_t usr2_in_handler;	/* SIGUSR2 ran inside it */

/* SIGUSR1 (SIGUSR2 masked meanwhile) sends SIGUSR2 to the thread. */
static void
on_usr1_raise(int sig)
{
	(void)sig;
	raise(SIGUSR2);
	(void)raw_getpid();
	usr2_in_handler = usr2_seen;
	usr1_seen++;
}

/* A signal held by the handler's mask is taken as sigreturn lifts it. */
static void
test_sigreturn_unblock(void)
{
	volatile int after;

	set_handler(SIGUSR1, on_usr1_raise, SIGUSR2);
	set_handler(SIGUSR2, on_usr2, 0);
	usr1_seen = usr2_seen = 0;
	usr2_in_handler = -1;
	raise(SIGUSR1);
	after = usr2_seen;	/* the first thing after the handler */
	CHECK_EQ(usr1_seen, 1);
	CHECK_EQ(usr2_in_handler, 0);
	CHECK_EQ(after, 1);
}

static volatile int counter_go;
static volatile unsigned long counted;

/* Counts until told to stop, with no system call at all. */
static void *
spin_only(void *arg)
{
	(void)arg;
	while (!counter_go)
		counted++;
	return (NULL);
}

/*
 * A thread that never enters the kernel by itself is preempted at a
 * timer interrupt's return: the main thread, on the same CPU or not, gets
 * to run and stop it.
 */
static void
test_preempt(void)
{
	pthread_t thr;

	counter_go = 0;
	counted = 0;
	CHECK_EQ(pthread_create(&thr, NULL, spin_only, NULL), 0);
	while (counted == 0)
		sched_yield();
	counter_go = 1;
	CHECK_EQ(pthread_join(thr, NULL), 0);
	CHECK(counted != 0);
}

int
main(void)
{
	test_getpid_loop();
	test_unblock();
	test_sigreturn_unblock();
	test_preempt();
	return (check_done());
}
