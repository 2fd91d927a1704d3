/* Time: clock_gettime, nanosleep, sched_yield. */
#include "sys/systm.h"
#include "sys/_clock_id.h"
#include "sys/_timespec.h"
#include "sys/errno.h"
#include "sys/kernel.h"
#include "sys/param.h"
#include "sys/pcpu.h"
#include "sys/proc.h"
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
