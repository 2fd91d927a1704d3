/*
 * Signals and time (docs/abi.md section 4.5): alarm interrupting pause,
 * setitimer/getitimer ITIMER_REAL one-shot and periodic, sigpending,
 * sigwait, sigwaitinfo and sigtimedwait, sigaltstack with SA_ONSTACK, and
 * each call's errors for bad input, FreeBSD's.
 */
#include <sys/types.h>
#include <sys/time.h>
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

static volatile int alarms;		/* SIGALRMs taken */

static void
on_alarm(int sig)
{
	(void)sig;
	alarms++;
}

/* Install fn for sig with flags, nothing extra blocked. */
static void
set_handler(int sig, void (*fn)(int), int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = fn;
	sa.sa_flags = flags;
	sigemptyset(&sa.sa_mask);
	CHECK_OK(sigaction(sig, &sa, NULL));
}

/* alarm(1) ends pause() with EINTR after the handler ran. */
static void
test_alarm_pause(void)
{
	struct itimerval itv;

	alarms = 0;
	set_handler(SIGALRM, on_alarm, 0);
	CHECK_EQ(alarm(1), 0);
	CHECK_OK(getitimer(ITIMER_REAL, &itv));
	CHECK(itv.it_value.tv_sec <= 1);
	CHECK(itv.it_value.tv_sec != 0 || itv.it_value.tv_usec != 0);
	CHECK_ERRNO(pause(), EINTR);
	CHECK_EQ(alarms, 1);
	/* Fired: the timer is off again. */
	CHECK_OK(getitimer(ITIMER_REAL, &itv));
	CHECK_EQ(itv.it_value.tv_sec, 0);
	CHECK_EQ(itv.it_value.tv_usec, 0);
	/* alarm returns what the previous one had left, rounded up. */
	CHECK_EQ(alarm(100), 0);
	CHECK_EQ(alarm(0), 100);
	CHECK_EQ(alarm(0), 0);
}

/* A periodic ITIMER_REAL fires again and again until turned off. */
static void
test_itimer_periodic(void)
{
	struct itimerval itv, old;
	sigset_t none;

	alarms = 0;
	set_handler(SIGALRM, on_alarm, 0);
	memset(&itv, 0, sizeof(itv));
	itv.it_value.tv_usec = 20000;
	itv.it_interval.tv_usec = 20000;
	CHECK_OK(setitimer(ITIMER_REAL, &itv, NULL));
	sigemptyset(&none);
	while (alarms < 3)
		sigsuspend(&none);
	CHECK_OK(getitimer(ITIMER_REAL, &old));
	CHECK_EQ(old.it_interval.tv_sec, 0);
	CHECK_EQ(old.it_interval.tv_usec, 20000);
	memset(&itv, 0, sizeof(itv));
	CHECK_OK(setitimer(ITIMER_REAL, &itv, &old));
	CHECK_EQ(old.it_interval.tv_usec, 20000);
	CHECK_OK(getitimer(ITIMER_REAL, &old));
	CHECK_EQ(old.it_value.tv_sec, 0);
	CHECK_EQ(old.it_value.tv_usec, 0);
	CHECK_EQ(old.it_interval.tv_usec, 0);
}

/* FreeBSD's errors for itimers. */
static void
test_itimer_errors(void)
{
	struct itimerval itv;

	memset(&itv, 0, sizeof(itv));
	CHECK_ERRNO(getitimer(3, &itv), EINVAL);
	CHECK_ERRNO(getitimer(-1, &itv), EINVAL);
	CHECK_ERRNO(getitimer(ITIMER_REAL, (void *)16), EFAULT);
	CHECK_ERRNO(setitimer(ITIMER_REAL, (void *)16, NULL), EFAULT);
	itv.it_value.tv_usec = 1000000;
	CHECK_ERRNO(setitimer(ITIMER_REAL, &itv, NULL), EINVAL);
	itv.it_value.tv_usec = -1;
	CHECK_ERRNO(setitimer(ITIMER_REAL, &itv, NULL), EINVAL);
	itv.it_value.tv_usec = 0;
	itv.it_value.tv_sec = -1;
	CHECK_ERRNO(setitimer(ITIMER_REAL, &itv, NULL), EINVAL);
	/* A NULL new value reads the old one, as FreeBSD. */
	CHECK_OK(setitimer(ITIMER_REAL, NULL, &itv));
	CHECK_EQ(itv.it_value.tv_sec, 0);
}

/* sigpending shows blocked pending signals; unblocking delivers them. */
static void
test_sigpending(void)
{
	sigset_t set, pend, old;

	alarms = 0;
	set_handler(SIGALRM, on_alarm, 0);
	sigemptyset(&set);
	sigaddset(&set, SIGALRM);
	CHECK_OK(sigprocmask(SIG_BLOCK, &set, &old));
	CHECK_OK(sigpending(&pend));
	CHECK(!sigismember(&pend, SIGALRM));
	CHECK_OK(kill(getpid(), SIGALRM));
	CHECK_OK(sigpending(&pend));
	CHECK(sigismember(&pend, SIGALRM));
	CHECK(!sigismember(&pend, SIGUSR1));
	CHECK_EQ(alarms, 0);
	CHECK_OK(sigprocmask(SIG_SETMASK, &old, NULL));
	CHECK_EQ(alarms, 1);
	CHECK_OK(sigpending(&pend));
	CHECK(!sigismember(&pend, SIGALRM));
	CHECK_ERRNO(sigpending((void *)16), EFAULT);
}

/* sigwait takes a blocked signal without running its handler. */
static void
test_sigwait(void)
{
	sigset_t set, old;
	siginfo_t si;
	struct timespec ts = { 0, 0 };
	struct itimerval itv;
	int sig = 0;

	alarms = 0;
	set_handler(SIGALRM, on_alarm, 0);
	sigemptyset(&set);
	sigaddset(&set, SIGALRM);
	sigaddset(&set, SIGUSR1);
	CHECK_OK(sigprocmask(SIG_BLOCK, &set, &old));

	/* Already pending. */
	CHECK_OK(kill(getpid(), SIGUSR1));
	CHECK_EQ(sigwait(&set, &sig), 0);
	CHECK_EQ(sig, SIGUSR1);

	/* Arrives while waiting: from the interval timer. */
	memset(&itv, 0, sizeof(itv));
	itv.it_value.tv_usec = 30000;
	CHECK_OK(setitimer(ITIMER_REAL, &itv, NULL));
	sig = 0;
	CHECK_EQ(sigwait(&set, &sig), 0);
	CHECK_EQ(sig, SIGALRM);
	CHECK_EQ(alarms, 0);

	/* sigwaitinfo: the number and the sender. */
	CHECK_OK(kill(getpid(), SIGUSR1));
	memset(&si, 0, sizeof(si));
	CHECK_EQ(sigwaitinfo(&set, &si), SIGUSR1);
	CHECK_EQ(si.si_signo, SIGUSR1);
	CHECK_EQ(si.si_code, SI_USER);
	CHECK_EQ(si.si_pid, getpid());

	/* sigtimedwait: a zero timeout polls; a short one times out. */
	CHECK_ERRNO(sigtimedwait(&set, &si, &ts), EAGAIN);
	ts.tv_nsec = 20 * 1000 * 1000;
	CHECK_ERRNO(sigtimedwait(&set, &si, &ts), EAGAIN);
	CHECK_OK(kill(getpid(), SIGALRM));
	CHECK_EQ(sigtimedwait(&set, NULL, &ts), SIGALRM);
	ts.tv_nsec = 1000000000;
	CHECK_ERRNO(sigtimedwait(&set, &si, &ts), EINVAL);
	CHECK_ERRNO(sigtimedwait(&set, &si, (void *)16), EFAULT);
	CHECK_ERRNO(sigwaitinfo((void *)16, &si), EFAULT);
	CHECK_EQ(sigwait((void *)16, &sig), EFAULT);

	CHECK_OK(sigprocmask(SIG_SETMASK, &old, NULL));
	CHECK_EQ(alarms, 0);
}

static pthread_t waiter;

/* Send the waiting main thread a signal it blocks but does not wait for. */
static void *
poke(void *arg)
{
	struct timespec ts = { 0, 30 * 1000 * 1000 };

	(void)arg;
	nanosleep(&ts, NULL);
	pthread_kill(waiter, SIGUSR2);
	return (NULL);
}

/*
 * A signal the waiter blocks and does not wait for neither ends the wait
 * nor is taken: the wait times out and the signal stays pending.
 */
static void
test_sigwait_other_blocked(void)
{
	struct timespec ts = { 0, 150 * 1000 * 1000 };
	sigset_t set, block, old, pend;
	pthread_t t;
	int sig;

	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	block = set;
	sigaddset(&block, SIGUSR2);
	CHECK_OK(sigprocmask(SIG_BLOCK, &block, &old));
	waiter = pthread_self();
	CHECK_EQ(pthread_create(&t, NULL, poke, NULL), 0);
	CHECK_ERRNO(sigtimedwait(&set, NULL, &ts), EAGAIN);
	CHECK_EQ(pthread_join(t, NULL), 0);
	CHECK_OK(sigpending(&pend));
	CHECK(sigismember(&pend, SIGUSR2));
	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	CHECK_EQ(sigwait(&set, &sig), 0);
	CHECK_EQ(sig, SIGUSR2);
	CHECK_OK(sigprocmask(SIG_SETMASK, &old, NULL));
}

static char *altstack;
static size_t altsize;
static volatile uintptr_t handler_sp;
static volatile int handler_onstack_flag = -1;
static volatile int nested_error;

/* Records where it runs, what its context says, and what sigaltstack says. */
static void
on_usr1(int sig, siginfo_t *si, void *ctx)
{
	ucontext_t *uc = ctx;
	stack_t ss, oss;
	char here;

	(void)sig;
	(void)si;
	handler_sp = (uintptr_t)&here;
	CHECK_OK(sigaltstack(NULL, &oss));
	handler_onstack_flag = oss.ss_flags;
	/* The context describes the stack the handler interrupted. */
	CHECK_EQ(uc->uc_stack.ss_flags & SS_ONSTACK, 0);
	CHECK_EQ((uintptr_t)uc->uc_stack.ss_sp, (uintptr_t)altstack);
	/* No change while running on it. */
	if (oss.ss_flags & SS_ONSTACK) {
		memset(&ss, 0, sizeof(ss));
		ss.ss_flags = SS_DISABLE;
		errno = 0;
		nested_error = sigaltstack(&ss, NULL) == -1 ? errno : 0;
	}
}

/* SA_ONSTACK runs the handler on the alternate stack; without it, not. */
static void
test_sigaltstack(void)
{
	struct sigaction sa;
	stack_t ss, oss;
	pid_t pid;

	altsize = SIGSTKSZ;
	altstack = CHECK_MAP_ANON(altsize);

	CHECK_OK(sigaltstack(NULL, &oss));
	CHECK_EQ(oss.ss_flags, SS_DISABLE);

	/* Bad input: FreeBSD's errors. */
	memset(&ss, 0, sizeof(ss));
	ss.ss_sp = altstack;
	ss.ss_size = MINSIGSTKSZ - 1;
	CHECK_ERRNO(sigaltstack(&ss, NULL), ENOMEM);
	ss.ss_size = altsize;
	ss.ss_flags = SS_ONSTACK;
	CHECK_ERRNO(sigaltstack(&ss, NULL), EINVAL);
	CHECK_ERRNO(sigaltstack((void *)16, NULL), EFAULT);
	CHECK_ERRNO(sigaltstack(NULL, (void *)16), EFAULT);

	ss.ss_flags = 0;
	CHECK_OK(sigaltstack(&ss, NULL));
	CHECK_OK(sigaltstack(NULL, &oss));
	CHECK_EQ((uintptr_t)oss.ss_sp, (uintptr_t)altstack);
	CHECK_EQ(oss.ss_size, altsize);
	CHECK_EQ(oss.ss_flags, 0);

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_usr1;
	sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
	sigemptyset(&sa.sa_mask);
	CHECK_OK(sigaction(SIGUSR1, &sa, NULL));
	handler_sp = 0;
	CHECK_OK(raise(SIGUSR1));
	CHECK(handler_sp >= (uintptr_t)altstack &&
	    handler_sp < (uintptr_t)altstack + altsize);
	CHECK_EQ(handler_onstack_flag, SS_ONSTACK);
	CHECK_EQ(nested_error, EPERM);
	/* Back on the normal stack: not SS_ONSTACK. */
	CHECK_OK(sigaltstack(NULL, &oss));
	CHECK_EQ(oss.ss_flags, 0);

	/* Without SA_ONSTACK the handler stays on the normal stack. */
	sa.sa_flags = SA_SIGINFO;
	CHECK_OK(sigaction(SIGUSR1, &sa, NULL));
	handler_sp = 0;
	CHECK_OK(raise(SIGUSR1));
	CHECK(handler_sp != 0 && (handler_sp < (uintptr_t)altstack ||
	    handler_sp >= (uintptr_t)altstack + altsize));
	CHECK_EQ(handler_onstack_flag, 0);

	/* A fork's child keeps it; SS_DISABLE turns it off. */
	if ((pid = CHECK_FORK()) == 0) {
		CHECK_OK(sigaltstack(NULL, &oss));
		CHECK_EQ((uintptr_t)oss.ss_sp, (uintptr_t)altstack);
		check_child_exit();
	}
	CHECK_WAIT_EXIT(pid, 0);
	ss.ss_flags = SS_DISABLE;
	CHECK_OK(sigaltstack(&ss, NULL));
	CHECK_OK(sigaltstack(NULL, &oss));
	CHECK_EQ(oss.ss_flags, SS_DISABLE);
	signal(SIGUSR1, SIG_DFL);
}

/* strsignal: FreeBSD's descriptions. */
static void
test_strsignal(void)
{
	CHECK(strcmp(strsignal(SIGSEGV), "Segmentation fault") == 0);
	CHECK(strcmp(strsignal(SIGALRM), "Alarm clock") == 0);
	CHECK(strcmp(strsignal(SIGINFO), "Information request") == 0);
	CHECK(strcmp(strsignal(SIGUSR2), "User defined signal 2") == 0);
	CHECK(strcmp(strsignal(0), "Unknown signal: 0") == 0);
	CHECK(strcmp(strsignal(200), "Unknown signal: 200") == 0);
}

int
main(void)
{
	test_strsignal();
	test_alarm_pause();
	test_itimer_periodic();
	test_itimer_errors();
	test_sigpending();
	test_sigwait();
	test_sigwait_other_blocked();
	test_sigaltstack();
	signal(SIGALRM, SIG_DFL);
	return (check_done());
}
