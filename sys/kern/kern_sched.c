/*
 * The scheduler: one global run queue, round robin, preemption at the
 * timer tick for threads in user mode.  sched_lock protects the run queue,
 * every thread's td_state and the sleep queues (kern_synch.c).
 *
 * The lock is held across the switch itself: the thread switching away
 * takes it and the thread switched to releases it (sched_switch_done), so
 * no other CPU can pick a thread whose registers are still being saved.
 */
#include "sys/systm.h"
#include "sys/pcpu.h"
#include "sys/proc.h"
#include "machine/cpufunc.h"
#include "machine/md.h"

struct spinlock sched_lock = SPINLOCK_INITIALIZER("sched");
static TAILQ_HEAD(, thread) runq = TAILQ_HEAD_INITIALIZER(runq);	/* (s) */
/*
 * (A) counter ticks the CPUs spent waiting for an interrupt in the idle
 * loop, summed (kern.sched.idle_ticks).  The bench subtracts it: under
 * QEMU's -icount the counter jumps over idle time, so a measurement that
 * waits for a disk holds that jump (docs/bench.md).
 */
u_long sched_idle_ticks;

/* Make the calling CPU's boot context its idle thread. */
void
sched_init_cpu(struct thread *idle)
{
	struct pcpu *pc = curpcpu();

	idle->td_flags = TDF_IDLE;
	idle->td_state = TDS_RUNNING;
	idle->td_oncpu = pc->pc_cpuid;
	pc->pc_idlethread = idle;
	pc->pc_curthread = idle;
}

/* Queue a runnable thread; sched_lock held. */
void
sched_enqueue_locked(struct thread *td)
{
	KASSERT(spin_owned(&sched_lock), ("sched_enqueue_locked: no lock"));
	KASSERT(td->td_state == TDS_RUNNABLE,
	    ("sched_enqueue_locked: thread %d in state %d", td->td_tid,
	    td->td_state));
	TAILQ_INSERT_TAIL(&runq, td, td_runq);
}

/* Start a new thread: put it on the run queue. */
void
sched_add(struct thread *td)
{
	spin_lock(&sched_lock);
	KASSERT(td->td_state == TDS_NEW,
	    ("sched_add: thread %d in state %d", td->td_tid, td->td_state));
	td->td_state = TDS_RUNNABLE;
	sched_enqueue_locked(td);
	spin_unlock(&sched_lock);
	cpu_wake_idle();
}

/*
 * The second half of every switch, run by the thread switched to: free
 * the previous thread if it died, and release sched_lock.
 */
void
sched_switch_done(void)
{
	struct pcpu *pc = curpcpu();
	struct thread *prev = pc->pc_prevthread;
	bool dead = false;

	KASSERT(spin_owned(&sched_lock), ("sched_switch_done: no sched_lock"));
	pc->pc_prevthread = NULL;
	if (prev != NULL) {
		prev->td_oncpu = -1;
		/*
		 * Decide under the lock: once it drops, a runnable prev may
		 * run, exit and be freed on another CPU.
		 */
		dead = prev->td_state == TDS_DEAD;
	}
	spin_unlock(&sched_lock);
	if (dead)
		thread_free(prev);
}

/*
 * Give up the CPU.  The caller holds sched_lock (and no other spin lock)
 * and has set td_state: TDS_RUNNING to go back on the run queue,
 * TDS_SLEEPING or TDS_DEAD to leave it.  Returns, without sched_lock,
 * when the thread next runs.
 */
void
mi_switch(void)
{
	struct pcpu *pc = curpcpu();
	struct thread *td = pc->pc_curthread, *next;
	uint64_t saved_intr, now;

	KASSERT(spin_owned(&sched_lock) && pc->pc_spin_depth == 1,
	    ("mi_switch: must hold exactly sched_lock (depth %u)",
	    pc->pc_spin_depth));
	if (td->td_state == TDS_RUNNING && !(td->td_flags & TDF_IDLE)) {
		td->td_state = TDS_RUNNABLE;
		TAILQ_INSERT_TAIL(&runq, td, td_runq);
	}
	thread_ast_clear(td, TDA_RESCHED);
	next = TAILQ_FIRST(&runq);
	if (next != NULL)
		TAILQ_REMOVE(&runq, next, td_runq);
	else
		next = pc->pc_idlethread;
	if (next == td) {
		td->td_state = TDS_RUNNING;
		spin_unlock(&sched_lock);
		return;
	}
	now = cpu_counter();
	td->td_runtime += now - pc->pc_switchtime;
	pc->pc_switchtime = now;
	next->td_state = TDS_RUNNING;
	next->td_oncpu = pc->pc_cpuid;
	pc->pc_curthread = next;
	pc->pc_prevthread = td;
	/* The interrupt mask to restore is this thread's, not the next's. */
	saved_intr = pc->pc_spin_saved;
	cpu_switch_to(td, next);
	/* Running again, perhaps on another CPU. */
	curpcpu()->pc_spin_saved = saved_intr;
	sched_switch_done();
}

/* Let another runnable thread have this CPU. */
void
sched_yield_cpu(void)
{
	spin_lock(&sched_lock);
	mi_switch();
}

/* Timer tick on this CPU: a thread that ran for a whole tick yields soon. */
void
sched_tick(void)
{
	struct thread *td = curthread;

	if (td != NULL && !(td->td_flags & TDF_IDLE))
		thread_ast_set(td, TDA_RESCHED);
}

/* An idle thread's life: run whatever is runnable, else wait. */
void
sched_idle_loop(void)
{
	uint64_t t;

	for (;;) {
		spin_lock(&sched_lock);
		if (!TAILQ_EMPTY(&runq)) {
			mi_switch();
			continue;
		}
		spin_unlock(&sched_lock);
		/*
		 * With interrupts masked, a wake-up IPI sent after the check
		 * stays pending and ends the WFI at once.
		 */
		intr_disable();
		if (TAILQ_EMPTY(&runq)) {
			t = cpu_counter();
			cpu_idle_wait();
			__atomic_add_fetch(&sched_idle_ticks,
			    (u_long)(cpu_counter() - t), __ATOMIC_RELAXED);
		}
		intr_enable();
	}
}
