/* Time: clock_gettime, nanosleep, sched_yield, the real interval timer. */
#include "sys/systm.h"
#include "sys/_clock_id.h"
#include "sys/_timespec.h"
#include "sys/errno.h"
#include "sys/kernel.h"
#include "sys/param.h"
#include "sys/pcpu.h"
#include "sys/proc.h"
#include "sys/signalvar.h"
#include "sys/time.h"
#include "machine/md.h"
#include "machine/timer.h"

/* Counter ticks to nanoseconds. */
static uint64_t
counter_to_ns(uint64_t c)
{
	uint64_t f = cpu_counter_freq();

	return (c / f * 1000000000UL + c % f * 1000000000UL / f);
}

/* The calling thread's CPU time so far, in counter ticks. */
static uint64_t
thread_runtime(struct thread *td)
{
	uint64_t t;

	spin_lock(&sched_lock);
	t = td->td_runtime + (cpu_counter() - curpcpu()->pc_switchtime);
	spin_unlock(&sched_lock);
	return (t);
}

/* The process's CPU time: exited threads, others to their last switch, this one now. */
static uint64_t
proc_runtime(struct thread *td)
{
	struct proc *p = td->td_proc;
	struct thread *t;
	uint64_t sum;

	spin_lock(&p->p_lock);
	sum = p->p_runtime;
	TAILQ_FOREACH(t, &p->p_threads, td_plist)
		if (t != td)
			sum += t->td_runtime;
	spin_unlock(&p->p_lock);
	return (sum + thread_runtime(td));
}

/*
 * clock_gettime(clock_id, struct timespec *tp).  The monotonic clocks are
 * the virtual counter since it was zero (machine reset; locore zeroes
 * CNTVOFF_EL2 when it enters at EL2), exactly what libc's clock_gettime
 * computes from the counter for CLOCK_MONOTONIC without a system call.
 * There is no real-time clock: the wall clocks are the monotonic one.
 * VIRTUAL and PROF report the process's CPU time.
 */
int
sys_clock_gettime(struct thread *td, const uint64_t *args, uint64_t *rv)
{
	struct timespec ts;
	uint64_t ns;

	switch (args[0]) {
	case CLOCK_REALTIME: case CLOCK_MONOTONIC: case CLOCK_UPTIME:
	case CLOCK_UPTIME_PRECISE: case CLOCK_UPTIME_FAST:
	case CLOCK_REALTIME_PRECISE: case CLOCK_REALTIME_FAST:
	case CLOCK_MONOTONIC_PRECISE: case CLOCK_MONOTONIC_FAST:
	case CLOCK_SECOND:
		ns = counter_to_ns(cpu_counter());
		break;
	case CLOCK_THREAD_CPUTIME_ID:
		ns = counter_to_ns(thread_runtime(td));
		break;
	case CLOCK_VIRTUAL: case CLOCK_PROF: case CLOCK_PROCESS_CPUTIME_ID:
		ns = counter_to_ns(proc_runtime(td));
		break;
	default:
		return (EINVAL);
	}
	ts.tv_sec = ns / 1000000000UL;
	ts.tv_nsec = args[0] == CLOCK_SECOND ? 0 : ns % 1000000000UL;
	return (copyout(&ts, (void *)args[1], sizeof(ts)));
}

/*
 * nanosleep(const struct timespec *rqtp, struct timespec *rmtp): sleep at
 * least the time asked (in whole ticks); a signal ends it with EINTR and
 * the time left in rmtp.
 */
int
sys_nanosleep(struct thread *td, const uint64_t *args, uint64_t *rv)
{
	struct timespec ts;
	uint64_t ns, nticks, start, left;
	int error;

	if ((error = copyin((void *)args[0], &ts, sizeof(ts))) != 0)
		return (error);
	if (ts.tv_nsec < 0 || ts.tv_nsec >= 1000000000L)
		return (EINVAL);
	if (ts.tv_sec < 0)
		return (0);		/* FreeBSD: a time in the past returns */
	if ((uint64_t)ts.tv_sec > 1000000000UL)
		ts.tv_sec = 1000000000L;
	ns = (uint64_t)ts.tv_sec * 1000000000UL + ts.tv_nsec;
	nticks = howmany(ns, 1000000000UL / HZ);
	if (nticks == 0)
		return (0);
	start = ticks;
	error = sleep_on(&ts, NULL, true, nticks + 1);
	if (error == EAGAIN)
		return (0);
	if (error == 0 || error == ERESTART)
		error = EINTR;		/* nanosleep is never restarted */
	if (args[1] != 0) {
		left = ticks - start >= nticks ? 0 : nticks - (ticks - start);
		ts.tv_sec = left / HZ;
		ts.tv_nsec = (left % HZ) * (1000000000L / HZ);
		if (copyout(&ts, (void *)args[1], sizeof(ts)) != 0)
			return (EFAULT);
	}
	return (error);
}

/* sched_yield() */
int
sys_sched_yield(struct thread *td, const uint64_t *args, uint64_t *rv)
{
	sched_yield_cpu();
	return (0);
}

/*
 * ITIMER_REAL, in clock ticks: a process's timer is the tick it fires at
 * (p_itimer_expire, 0 when off) and its reload.  itimer_next is the
 * earliest expiry of any process, so that the tick looks at the process
 * list only when some timer is due.
 */
static uint64_t itimer_next;		/* (t) earliest p_itimer_expire, 0: none */

/* A timeval as clock ticks, rounded up: a non-zero time is at least one. */
static uint64_t
timeval_to_ticks(const struct timeval *tv)
{
	uint64_t us = (uint64_t)tv->tv_sec * 1000000UL + tv->tv_usec;

	return (howmany(us, 1000000UL / HZ));
}

/* Clock ticks as a timeval. */
static void
ticks_to_timeval(uint64_t n, struct timeval *tv)
{
	tv->tv_sec = n / HZ;
	tv->tv_usec = (n % HZ) * (1000000L / HZ);
}

/* Recompute itimer_next from every process; proctree_lock held. */
static void
itimer_recompute(void)
{
	struct proc *p;

	itimer_next = 0;
	TAILQ_FOREACH(p, &allproc, p_list) {
		if (p->p_state != PRS_NORMAL || p->p_itimer_expire == 0)
			continue;
		if (itimer_next == 0 || p->p_itimer_expire < itimer_next)
			itimer_next = p->p_itimer_expire;
	}
}

/*
 * CPU 0's clock tick: send SIGALRM to every process whose real timer is
 * due and reload it (or turn it off).  Cheap when no timer is due.
 */
void
itimer_tick(uint64_t now)
{
	struct proc *p;

	if (__atomic_load_n(&itimer_next, __ATOMIC_RELAXED) == 0 ||
	    __atomic_load_n(&itimer_next, __ATOMIC_RELAXED) > now)
		return;
	spin_lock(&proctree_lock);
	TAILQ_FOREACH(p, &allproc, p_list) {
		if (p->p_state != PRS_NORMAL || p->p_itimer_expire == 0 ||
		    p->p_itimer_expire > now)
			continue;
		p->p_itimer_expire = p->p_itimer_interval != 0 ?
		    now + p->p_itimer_interval : 0;
		(void)kern_psignal(p, SIGALRM, NULL);
	}
	itimer_recompute();
	spin_unlock(&proctree_lock);
}

/* The caller's real timer as an itimerval; proctree_lock held. */
static void
itimer_get(struct proc *p, struct itimerval *itv)
{
	uint64_t now = ticks;

	memset(itv, 0, sizeof(*itv));
	ticks_to_timeval(p->p_itimer_interval, &itv->it_interval);
	if (p->p_itimer_expire != 0)
		ticks_to_timeval(p->p_itimer_expire > now ?
		    p->p_itimer_expire - now : 1, &itv->it_value);
}

/*
 * getitimer(which, struct itimerval *itv).  Only ITIMER_REAL exists;
 * VIRTUAL and PROF read as off.  EINVAL for another which.
 */
int
sys_getitimer(struct thread *td, const uint64_t *args, uint64_t *rv)
{
	struct itimerval itv;

	if (args[0] > ITIMER_PROF)
		return (EINVAL);
	memset(&itv, 0, sizeof(itv));
	if (args[0] == ITIMER_REAL) {
		spin_lock(&proctree_lock);
		itimer_get(td->td_proc, &itv);
		spin_unlock(&proctree_lock);
	}
	return (copyout(&itv, (void *)args[1], sizeof(itv)));
}

/* FreeBSD's itimerfix(): a valid time is non-negative, usec below 10^6. */
static bool
timeval_valid(const struct timeval *tv)
{
	return (tv->tv_sec >= 0 && tv->tv_usec >= 0 &&
	    tv->tv_usec < 1000000 && tv->tv_sec <= 100000000);
}

/*
 * setitimer(which, const struct itimerval *itv, struct itimerval *oitv):
 * arm ITIMER_REAL (a zero it_value turns it off), resolution one clock
 * tick; SIGALRM when it fires, then every it_interval.  EINVAL for a
 * malformed time (a time beyond 10^8 seconds, like FreeBSD) or another
 * timer (TagOS has no VIRTUAL or PROF timers, docs/abi.md section 8).
 */
int
sys_setitimer(struct thread *td, const uint64_t *args, uint64_t *rv)
{
	struct proc *p = td->td_proc;
	struct itimerval itv, oitv;
	int error;

	if (args[0] != ITIMER_REAL)
		return (EINVAL);
	if (args[1] == 0) {
		/* FreeBSD: a NULL new value just reads the old one. */
		const uint64_t get_args[2] = { args[0], args[2] };

		return (sys_getitimer(td, get_args, rv));
	}
	if ((error = copyin((void *)args[1], &itv, sizeof(itv))) != 0)
		return (error);
	if (!timeval_valid(&itv.it_value) || !timeval_valid(&itv.it_interval))
		return (EINVAL);
	spin_lock(&proctree_lock);
	itimer_get(p, &oitv);
	if (itv.it_value.tv_sec == 0 && itv.it_value.tv_usec == 0) {
		p->p_itimer_expire = 0;
		p->p_itimer_interval = 0;
	} else {
		p->p_itimer_expire = ticks + timeval_to_ticks(&itv.it_value);
		p->p_itimer_interval = timeval_to_ticks(&itv.it_interval);
	}
	itimer_recompute();
	spin_unlock(&proctree_lock);
	if (args[2] != 0)
		return (copyout(&oitv, (void *)args[2], sizeof(oitv)));
	return (0);
}
