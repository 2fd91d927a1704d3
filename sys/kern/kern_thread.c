/* Creating and destroying threads. */
#include "sys/systm.h"
#include "sys/malloc.h"
#include "sys/pcpu.h"
#include "sys/proc.h"
#include "machine/md.h"

static int next_tid = 100000;		/* (A) FreeBSD's thread ids start here */

/*
 * Ask every thread of p (p_lock held) to do bits' work before it next
 * returns to user mode: a signal sent to the process, or a change every
 * thread must notice.
 */
void
proc_ast_set(struct proc *p, u_int bits)
{
	struct thread *td;

	KASSERT(spin_owned(&p->p_lock),
	    ("%s: process %d not locked", __func__, p->p_pid));
	TAILQ_FOREACH(td, &p->p_threads, td_plist)
		thread_ast_set(td, bits);
}

/*
 * A new thread for process p (NULL for a kernel thread), with a kernel
 * stack, not yet on p's thread list nor runnable.  NULL if memory is short.
 */
struct thread *
thread_alloc(struct proc *p)
{
	struct thread *td = kmalloc(sizeof(*td), M_ZERO);

	if (td == NULL)
		return (NULL);
	if (cpu_thread_alloc(td) != 0) {
		kfree(td);
		return (NULL);
	}
	td->td_proc = p;
	td->td_tid = __atomic_fetch_add(&next_tid, 1, __ATOMIC_RELAXED);
	td->td_state = TDS_NEW;
	td->td_oncpu = -1;
	td->td_sigstk.ss_flags = SS_DISABLE;	/* no alternate stack yet */
	/* Its first return to user mode looks at everything. */
	td->td_ast = TDA_SIGNAL | TDA_MTE;
	return (td);
}

/* Free a thread that will never run again. */
void
thread_free(struct thread *td)
{
	KASSERT(td->td_state == TDS_DEAD || td->td_state == TDS_NEW,
	    ("thread_free: thread %d in state %d", td->td_tid, td->td_state));
	cpu_thread_free(td);
	kfree(td);
}

/*
 * End the calling thread.  Its stack is freed by the next thread to run
 * on this CPU (sched_switch_done), once nothing runs on it any more.
 */
void
thread_exit(void)
{
	spin_lock(&sched_lock);
	curthread->td_state = TDS_DEAD;
	mi_switch();
	panic("thread_exit: dead thread ran again");
}
