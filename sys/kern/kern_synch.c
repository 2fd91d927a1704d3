/*
 * Sleeping and waking up.  A thread sleeps on a wait channel (any
 * address) until wakeup() of that channel, a timeout, or (if it asked) a
 * signal.  Sleepers hang on one of SLEEPQ_HASH queues by channel, under
 * sched_lock.  Like xv6's sleep(), sleep_on() atomically releases the
 * caller's lock protecting the condition, so no wakeup is lost.
 */
#include "sys/systm.h"
#include "sys/errno.h"
#include "sys/pcpu.h"
#include "sys/proc.h"
#include "sys/signalvar.h"
#include "machine/md.h"

#define SLEEPQ_HASH	64
#define SLEEPQ(chan)	(&sleepq[((uintptr_t)(chan) >> 4) % SLEEPQ_HASH])

static TAILQ_HEAD(, thread) sleepq[SLEEPQ_HASH];	/* (s) */
static bool sleepq_ready;
volatile uint64_t ticks;		/* (A) timer ticks on CPU 0 */

static void
sleepq_init(void)
{
	int i;

	for (i = 0; i < SLEEPQ_HASH; i++)
		TAILQ_INIT(&sleepq[i]);
	sleepq_ready = true;
}

/*
 * Sleep on chan, releasing lock (if not NULL) once the thread is on the
 * sleep queue and taking it again before returning.  With catch, a signal
 * ends the sleep with EINTR; with timo_ticks > 0, so does the timeout,
 * with EAGAIN.  Returns 0 after a wakeup().
 */
int
sleep_on(const void *chan, struct spinlock *lock, bool catch,
    uint64_t timo_ticks)
{
	struct thread *td = curthread;
	int error;

	spin_lock(&sched_lock);
	if (!sleepq_ready)
		sleepq_init();
	if (lock != NULL)
		spin_unlock(lock);
	if (catch && thread_signal_pending(td)) {
		spin_unlock(&sched_lock);
		error = EINTR;
		goto out;
	}
	td->td_wchan = chan;
	td->td_sleep_error = 0;
	td->td_timeout = timo_ticks > 0 ? ticks + timo_ticks : 0;
	if (catch)
		td->td_flags |= TDF_SINTR;
	td->td_state = TDS_SLEEPING;
	TAILQ_INSERT_TAIL(SLEEPQ(chan), td, td_runq);
	mi_switch();
	error = td->td_sleep_error;
out:
	if (error == EINTR)
		error = sig_intr_error(td);
	if (lock != NULL)
		spin_lock(lock);
	return (error);
}

/* Move a sleeping thread to the run queue; sched_lock held. */
static void
sleepq_resume(struct thread *td, int error)
{
	TAILQ_REMOVE(SLEEPQ(td->td_wchan), td, td_runq);
	td->td_wchan = NULL;
	td->td_flags &= ~TDF_SINTR;
	td->td_sleep_error = error;
	td->td_state = TDS_RUNNABLE;
	sched_enqueue_locked(td);
}

/* Wake every thread sleeping on chan. */
void
wakeup(const void *chan)
{
	struct thread *td, *next;

	spin_lock(&sched_lock);
	if (sleepq_ready) {
		for (td = TAILQ_FIRST(SLEEPQ(chan)); td != NULL; td = next) {
			next = TAILQ_NEXT(td, td_runq);
			if (td->td_wchan == chan)
				sleepq_resume(td, 0);
		}
	}
	spin_unlock(&sched_lock);
	cpu_wake_idle();
}

/*
 * Interrupt td's sleep with error if it sleeps interruptibly (a signal
 * arrived).  A thread not asleep notices the signal on its way to user mode:
 * its TDA_SIGNAL sends it through userret's slow path.
 */
void
wakeup_thread(struct thread *td, int error)
{
	thread_ast_set(td, TDA_SIGNAL);
	spin_lock(&sched_lock);
	if (td->td_state == TDS_SLEEPING && (td->td_flags & TDF_SINTR))
		sleepq_resume(td, error);
	spin_unlock(&sched_lock);
	cpu_wake_idle();
}

/* Wake sleepers whose timeout has passed (CPU 0's tick). */
void
sleep_timeouts(uint64_t now)
{
	struct thread *td, *next;
	int i;

	spin_lock(&sched_lock);
	for (i = 0; sleepq_ready && i < SLEEPQ_HASH; i++) {
		for (td = TAILQ_FIRST(&sleepq[i]); td != NULL; td = next) {
			next = TAILQ_NEXT(td, td_runq);
			if (td->td_timeout != 0 && td->td_timeout <= now)
				sleepq_resume(td, EAGAIN);
		}
	}
	spin_unlock(&sched_lock);
}
