/* The periodic clock: time, sleep timeouts and preemption. */
#include "sys/systm.h"
#include "sys/pcpu.h"
#include "sys/proc.h"

/*
 * Called by each CPU's timer interrupt HZ times a second.  CPU 0 keeps
 * `ticks`, wakes timed-out sleepers and fires interval timers; every
 * CPU asks its running thread
 * to yield.
 */
void
hardclock(void)
{
	if (curcpu_id() == 0) {
		__atomic_add_fetch(&ticks, 1, __ATOMIC_RELAXED);
		sleep_timeouts(ticks);
		itimer_tick(ticks);
	}
	sched_tick();
}
