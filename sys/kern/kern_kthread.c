/*
 * Kernel threads: threads of no process that run a kernel function for
 * the life of the system (the page daemon).  They are scheduled like any
 * thread but never enter user mode, and are not preempted: a long loop in
 * one yields (sched_yield_cpu) now and then.
 */
#include "sys/systm.h"
#include "sys/errno.h"
#include "sys/proc.h"
#include "machine/md.h"

/*
 * Start a kernel thread running fn(arg), which must never return.
 * Returns 0, or ENOMEM if there is no memory for its stack.
 */
int
kthread_start(void (*fn)(void *), void *arg)
{
	struct thread *td;

	if ((td = thread_alloc(NULL)) == NULL)
		return (ENOMEM);
	cpu_thread_start(td, fn, arg);
	sched_add(td);
	return (0);
}
