/*
 * Signals: sending, choosing a thread, and delivery on the way back to
 * user mode.  A synchronous fault (trapsignal) is delivered to the
 * faulting thread with its own siginfo; other signals go to the process
 * (or a thread, for thr_kill) and are taken by any thread not blocking
 * them.  Delivery runs in postsig(), called from userret().
 */
#include "sys/systm.h"
#include "sys/errno.h"
#include "sys/_timespec.h"
#include "sys/param.h"
#include "machine/timer.h"
#include "machine/vmparam.h"
#include "sys/pcpu.h"
#include "sys/proc.h"
#include "sys/signalvar.h"
#include "machine/frame.h"
#include "machine/md.h"

/* Note who sent a signal (ksi NULL: the kernel). */
static void
sigpend_record(struct sigpend_info *sp, const struct ksiginfo *ksi)
{
	sp->code = ksi != NULL ? ksi->si_code : SI_KERNEL;
	sp->pid = ksi != NULL ? ksi->si_pid : 0;
	sp->status = ksi != NULL ? ksi->si_status : 0;
}

/* Signals whose default action is to be ignored. */
static bool
sig_default_ignored(int sig)
{
	return (sig == SIGCHLD || sig == SIGURG || sig == SIGWINCH ||
	    sig == SIGINFO || sig == SIGCONT || sig == SIGSTOP ||
	    sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU ||
	    sig == SIGTHR);
}

/* The lowest signal in pending but not in mask, or 0. */
static int
sig_first(const sigset_t *pending, const sigset_t *mask)
{
	uint32_t w;
	int i;

	for (i = 0; i < 4; i++) {
		w = pending->__bits[i] & ~mask->__bits[i];
		if (w != 0)
			return (i * 32 + __builtin_ctz(w) + 1);
	}
	return (0);
}

/*
 * True if sig sent to p would be thrown away at once: ignored, or left at
 * a default action of ignoring (so it never interrupts a sleep).
 */
bool
sig_discarded(const struct proc *p, int sig)
{
	__sighandler_t *h = p->p_sigacts.ps_act[sig].sa_handler;

	return (h == SIG_IGN || (h == SIG_DFL && sig_default_ignored(sig)));
}

/*
 * Send sig to process p (SIGKILL cannot be blocked or caught).  Wakes a
 * thread that can take it.  Returns 0 or EINVAL for a bad number.  Lock
 * order: proctree_lock, then p_lock, then sched_lock.
 */
int
kern_psignal(struct proc *p, int sig, const struct ksiginfo *ksi)
{
	struct thread *td, *target = NULL;

	if (sig <= 0 || sig > NSIG_HANDLED)
		return (EINVAL);
	spin_lock(&p->p_lock);
	if (p->p_state != PRS_NORMAL || (sig != SIGKILL &&
	    sig_discarded(p, sig))) {
		spin_unlock(&p->p_lock);
		return (0);
	}
	SIGADDSET(p->p_siglist, sig);
	sigpend_record(&p->p_sigpend[sig], ksi);
	/* Any thread that does not block it may take it on its way out. */
	proc_ast_set(p, TDA_SIGNAL);
	TAILQ_FOREACH(td, &p->p_threads, td_plist) {
		if (sig == SIGKILL || !SIGISMEMBER(td->td_sigmask, sig) ||
		    (td->td_insigwait && SIGISMEMBER(td->td_sigwait, sig))) {
			target = td;
			break;
		}
	}
	/* Under p_lock, so target cannot exit meanwhile. */
	if (target != NULL)
		wakeup_thread(target, EINTR);
	spin_unlock(&p->p_lock);
	(void)ksi;
	return (0);
}

/* Send sig to one thread of the calling process (nosys's SIGSYS). */
void
kern_psignal_thread(struct thread *td, int sig)
{
	struct proc *p = td->td_proc;

	spin_lock(&p->p_lock);
	if (!sig_discarded(p, sig)) {
		SIGADDSET(td->td_siglist, sig);
		sigpend_record(&td->td_sigpend[sig], NULL);
		thread_ast_set(td, TDA_SIGNAL);
	}
	spin_unlock(&p->p_lock);
}

/*
 * A fault in user mode: deliver sig to the faulting thread now, with the
 * fault's siginfo.  If the thread blocks or ignores it, FreeBSD's rule
 * applies: the disposition is reset to the default (the process dies).
 */
void
trapsignal(struct thread *td, int sig, int code, uint64_t addr, int trapno)
{
	struct proc *p = td->td_proc;
	struct sigaction *act = &p->p_sigacts.ps_act[sig];

	spin_lock(&p->p_lock);
	if (SIGISMEMBER(td->td_sigmask, sig) || act->sa_handler == SIG_IGN) {
		act->sa_handler = SIG_DFL;
		SIGDELSET(td->td_sigmask, sig);
	}
	memset(&td->td_ksi, 0, sizeof(td->td_ksi));
	td->td_ksi.si_signo = sig;
	td->td_ksi.si_code = code;
	td->td_ksi.si_addr = addr;
	td->td_ksi.si_trapno = trapno;
	td->td_ast_signal = sig;
	SIGADDSET(td->td_siglist, sig);
	thread_ast_set(td, TDA_SIGNAL);
	spin_unlock(&p->p_lock);
}

/* The process dies of sig: say so on the console for a fault. */
static void __dead2
sig_kill(struct thread *td, int sig, const struct ksiginfo *ksi)
{
	struct proc *p = td->td_proc;

	if (cpu_fault_report(td, ksi))
		;	/* the machine said it better (an MTE tag fault) */
	else if (ksi->si_code > 0 && ksi->si_code < 0x10000)
		printf("pid %d (%s): uncaught signal %d, code %d, pc %#lx, "
		    "address %#lx\n", p->p_pid, p->p_comm, sig, ksi->si_code,
		    td->td_frame->tf_elr, ksi->si_addr);
	exit1(td, sig);
}

/*
 * Take every deliverable signal of the current thread, from userret():
 * run the default action, or set up the user's handler with sendsig().
 */
void
postsig(struct thread *td)
{
	struct proc *p = td->td_proc;
	struct sigaction act;
	struct ksiginfo ksi;
	sigset_t oldmask;
	bool from_thread;
	int sig;

	spin_lock(&p->p_lock);
	if (thread_must_leave(td))
		thread_leave(td);	/* another thread exits or execs */
	from_thread = true;
	sig = sig_first(&td->td_siglist, &td->td_sigmask);
	if (sig == 0) {
		from_thread = false;
		sig = sig_first(&p->p_siglist, &td->td_sigmask);
	}
	if (sig == 0) {
		spin_unlock(&p->p_lock);
		return;
	}
	if (from_thread)
		SIGDELSET(td->td_siglist, sig);
	else
		SIGDELSET(p->p_siglist, sig);
	if (from_thread && td->td_ast_signal == sig) {
		ksi = td->td_ksi;
		td->td_ast_signal = 0;
	} else {
		const struct sigpend_info *sp = from_thread ?
		    &td->td_sigpend[sig] : &p->p_sigpend[sig];

		memset(&ksi, 0, sizeof(ksi));
		ksi.si_signo = sig;
		ksi.si_code = sp->code;
		ksi.si_pid = sp->pid;
		ksi.si_status = sp->status;
	}
	act = p->p_sigacts.ps_act[sig];
	if (sig != SIGKILL && (act.sa_handler == SIG_IGN ||
	    (act.sa_handler == SIG_DFL && sig_default_ignored(sig)))) {
		/* Nothing runs: a sigsuspend ends with its mask undone. */
		if (td->td_sigsuspend) {
			td->td_sigmask = td->td_oldmask;
			td->td_sigsuspend = false;
		}
		spin_unlock(&p->p_lock);
		return;
	}
	if (act.sa_handler == SIG_DFL || sig == SIGKILL) {
		spin_unlock(&p->p_lock);
		sig_kill(td, sig, &ksi);
	}
	/* After sigsuspend, the handler returns to the mask before it. */
	oldmask = td->td_sigsuspend ? td->td_oldmask : td->td_sigmask;
	td->td_sigsuspend = false;
	for (int i = 0; i < 4; i++)
		td->td_sigmask.__bits[i] |= act.sa_mask.__bits[i];
	if ((act.sa_flags & SA_NODEFER) == 0)
		SIGADDSET(td->td_sigmask, sig);
	if (act.sa_flags & SA_RESETHAND)
		p->p_sigacts.ps_act[sig].sa_handler = SIG_DFL;
	SIGDELSET(td->td_sigmask, SIGKILL);
	spin_unlock(&p->p_lock);
	if (sendsig(td, &act, &ksi, &oldmask) != 0) {
		/* No room for the frame on the user stack: like FreeBSD, die. */
		sig_kill(td, SIGILL, &ksi);
	}
}

/*
 * The error for a sleep a signal interrupted: ERESTART (the system call
 * starts over) if the signal about to be taken has SA_RESTART, else EINTR.
 */
int
sig_intr_error(struct thread *td)
{
	struct proc *p = td->td_proc;
	int sig, error = EINTR;

	if (p == NULL)
		return (EINTR);
	spin_lock(&p->p_lock);
	sig = sig_first(&td->td_siglist, &td->td_sigmask);
	if (sig == 0)
		sig = sig_first(&p->p_siglist, &td->td_sigmask);
	if (sig != 0 && sig != SIGKILL && !p->p_exiting &&
	    (p->p_sigacts.ps_act[sig].sa_flags & SA_RESTART))
		error = ERESTART;
	spin_unlock(&p->p_lock);
	return (error);
}

/* The child of fork gets the parent's dispositions. */
void
sigacts_fork(struct proc *child, const struct proc *parent)
{
	child->p_sigacts = parent->p_sigacts;
}

/* exec: caught signals go back to the default; ignored stay ignored. */
void
sigacts_exec(struct proc *p)
{
	int sig;

	for (sig = 1; sig <= NSIG_HANDLED; sig++) {
		struct sigaction *act = &p->p_sigacts.ps_act[sig];

		if (act->sa_handler != SIG_IGN)
			act->sa_handler = SIG_DFL;
		act->sa_flags = 0;
		memset(&act->sa_mask, 0, sizeof(act->sa_mask));
	}
}

/* sigaction(sig, const struct sigaction *act, struct sigaction *oact) */
int
sys_sigaction(struct thread *td, const uint64_t *args, uint64_t *rv)
{
	struct proc *p = td->td_proc;
	struct sigaction nact, oact;
	int sig = (int)args[0], error;

	if (sig <= 0 || sig > NSIG_HANDLED)
		return (EINVAL);
	if (args[1] != 0) {
		if ((error = copyin((void *)args[1], &nact, sizeof(nact))) != 0)
			return (error);
		if (sig == SIGKILL || sig == SIGSTOP)
			return (EINVAL);
	}
	spin_lock(&p->p_lock);
	oact = p->p_sigacts.ps_act[sig];
	if (args[1] != 0) {
		p->p_sigacts.ps_act[sig] = nact;
		if (nact.sa_handler == SIG_IGN ||
		    (nact.sa_handler == SIG_DFL && sig_default_ignored(sig)))
			SIGDELSET(p->p_siglist, sig);
	}
	spin_unlock(&p->p_lock);
	if (args[2] != 0)
		return (copyout(&oact, (void *)args[2], sizeof(oact)));
	return (0);
}

/* Apply how (SIG_BLOCK, SIG_UNBLOCK, SIG_SETMASK) of set to td's mask. */
static int
sigprocmask_apply(struct thread *td, int how, const sigset_t *set)
{
	int i;

	for (i = 0; i < 4; i++) {
		switch (how) {
		case SIG_BLOCK:
			td->td_sigmask.__bits[i] |= set->__bits[i];
			break;
		case SIG_UNBLOCK:
			td->td_sigmask.__bits[i] &= ~set->__bits[i];
			break;
		case SIG_SETMASK:
			td->td_sigmask.__bits[i] = set->__bits[i];
			break;
		default:
			return (EINVAL);
		}
	}
	SIGDELSET(td->td_sigmask, SIGKILL);
	SIGDELSET(td->td_sigmask, SIGSTOP);
	/* A signal it unblocked may be pending already. */
	thread_ast_set(td, TDA_SIGNAL);
	return (0);
}

/* sigprocmask(how, const sigset_t *set, sigset_t *oset) */
int
sys_sigprocmask(struct thread *td, const uint64_t *args, uint64_t *rv)
{
	struct proc *p = td->td_proc;
	sigset_t set, oset;
	int error = 0;

	if (args[1] != 0 &&
	    (error = copyin((void *)args[1], &set, sizeof(set))) != 0)
		return (error);
	spin_lock(&p->p_lock);
	oset = td->td_sigmask;
	if (args[1] != 0)
		error = sigprocmask_apply(td, (int)args[0], &set);
	spin_unlock(&p->p_lock);
	if (error == 0 && args[2] != 0)
		error = copyout(&oset, (void *)args[2], sizeof(oset));
	return (error);
}

/* sigsuspend(const sigset_t *mask): wait for a signal with mask in place. */
int
sys_sigsuspend(struct thread *td, const uint64_t *args, uint64_t *rv)
{
	sigset_t mask;
	int error;

	if ((error = copyin((void *)args[0], &mask, sizeof(mask))) != 0)
		return (error);
	spin_lock(&td->td_proc->p_lock);
	td->td_oldmask = td->td_sigmask;
	td->td_sigsuspend = true;
	sigprocmask_apply(td, SIG_SETMASK, &mask);
	spin_unlock(&td->td_proc->p_lock);
	while (sleep_on(&td->td_oldmask, NULL, true, 0) == 0)
		;
	return (EINTR);
}

/*
 * kill(pid, sig): pid > 0 that process; 0 the caller's process group;
 * -1 every process but init and the caller; < -1 the group -pid.  ESRCH
 * if no process matched.  Signal 0 only checks.  init is never signalled
 * (EPERM by pid, skipped in a group, as for an unprivileged FreeBSD user):
 * without it nothing reaps orphans or powers off.
 */
int
sys_kill(struct thread *td, const uint64_t *args, uint64_t *rv)
{
	struct ksiginfo ksi;
	struct proc *p, *curp = td->td_proc;
	int pid = (int)args[0], sig = (int)args[1], error = 0, pgid;
	bool found = false;

	if (sig < 0 || sig > NSIG_HANDLED)
		return (EINVAL);
	memset(&ksi, 0, sizeof(ksi));
	ksi.si_signo = sig;
	ksi.si_code = SI_USER;
	ksi.si_pid = curp->p_pid;
	spin_lock(&proctree_lock);
	if (pid > 0) {
		p = pfind(pid);
		if (p != NULL) {
			found = true;
			if (p == initproc)
				error = EPERM;
			else if (sig != 0)
				error = kern_psignal(p, sig, &ksi);
		}
		goto out;
	}
	pgid = pid == 0 ? curp->p_pgid : -pid;
	TAILQ_FOREACH(p, &allproc, p_list) {
		if (p->p_state != PRS_NORMAL || p == initproc)
			continue;
		if (pid == -1) {
			if (p->p_pid <= 1 || p == curp)
				continue;
		} else if (p->p_pgid != pgid)
			continue;
		found = true;
		if (sig != 0)
			(void)kern_psignal(p, sig, &ksi);
	}
out:
	spin_unlock(&proctree_lock);
	return (found ? error : ESRCH);
}

/*
 * sigpending(sigset_t *set): the signals pending for the thread or its
 * process that the thread blocks.
 */
int
sys_sigpending(struct thread *td, const uint64_t *args, uint64_t *rv)
{
	struct proc *p = td->td_proc;
	sigset_t set;
	int i;

	spin_lock(&p->p_lock);
	for (i = 0; i < 4; i++)
		set.__bits[i] = (td->td_siglist.__bits[i] |
		    p->p_siglist.__bits[i]) & td->td_sigmask.__bits[i];
	spin_unlock(&p->p_lock);
	return (copyout(&set, (void *)args[0], sizeof(set)));
}

/*
 * Wait until a signal of set is pending for td or its process, take it
 * off the pending list and fill *ksi.  timo_ticks 0 waits for ever; a
 * timeout is EAGAIN.  A signal outside set that is caught ends the wait
 * with EINTR (or ERESTART).  SIGKILL and SIGSTOP cannot be waited for.
 */
static int
kern_sigtimedwait(struct thread *td, sigset_t set, struct ksiginfo *ksi,
    uint64_t timo_ticks)
{
	struct proc *p = td->td_proc;
	const struct sigpend_info *sp;
	sigset_t notset;
	uint64_t now, deadline = timo_ticks != 0 ? ticks + timo_ticks : 0;
	int sig, error, i;

	SIGDELSET(set, SIGKILL);
	SIGDELSET(set, SIGSTOP);
	for (i = 0; i < 4; i++)
		notset.__bits[i] = ~set.__bits[i];
	spin_lock(&p->p_lock);
	for (;;) {
		sp = NULL;
		if ((sig = sig_first(&td->td_siglist, &notset)) != 0) {
			SIGDELSET(td->td_siglist, sig);
			sp = &td->td_sigpend[sig];
			if (td->td_ast_signal == sig)
				td->td_ast_signal = 0;
		} else if ((sig = sig_first(&p->p_siglist, &notset)) != 0) {
			SIGDELSET(p->p_siglist, sig);
			sp = &p->p_sigpend[sig];
		}
		if (sp != NULL) {
			memset(ksi, 0, sizeof(*ksi));
			ksi->si_signo = sig;
			ksi->si_code = sp->code;
			ksi->si_pid = sp->pid;
			ksi->si_status = sp->status;
			error = 0;
			break;
		}
		now = ticks;
		if (deadline != 0 && now >= deadline) {
			error = EAGAIN;
			break;
		}
		td->td_sigwait = set;
		td->td_insigwait = true;
		error = sleep_on(&td->td_sigwait, &p->p_lock, true,
		    deadline != 0 ? deadline - now : 0);
		td->td_insigwait = false;
		/*
		 * Look again after a timeout or a signal of the set.  Only a
		 * signal to be caught (or the process ending) ends the wait;
		 * one this thread blocks and does not wait for does not.
		 */
		if (error != 0 && error != EAGAIN &&
		    sig_first(&td->td_siglist, &notset) == 0 &&
		    sig_first(&p->p_siglist, &notset) == 0 &&
		    thread_signal_pending(td))
			break;
	}
	spin_unlock(&p->p_lock);
	return (error);
}

/*
 * sigwait(const sigset_t *set, int *sig): like FreeBSD, the result is the
 * error number itself (0 on success), never -1 and errno; ERESTART starts
 * the call over.
 */
int
sys_sigwait(struct thread *td, const uint64_t *args, uint64_t *rv)
{
	struct ksiginfo ksi;
	sigset_t set;
	int error;

	error = copyin((void *)args[0], &set, sizeof(set));
	if (error == 0)
		error = kern_sigtimedwait(td, set, &ksi, 0);
	if (error == ERESTART)
		return (error);
	if (error == 0)
		error = copyout(&ksi.si_signo, (void *)args[1], sizeof(int));
	rv[0] = error;
	return (0);
}

/* Copy out a taken signal's siginfo (if asked) and return its number. */
static int
sigwait_result(const struct ksiginfo *ksi, uint64_t uinfo, uint64_t *rv)
{
	int error = 0;

	if (uinfo != 0)
		error = copyout(ksi, (void *)uinfo, sizeof(*ksi));
	if (error == 0)
		rv[0] = ksi->si_signo;
	return (error);
}

/* sigwaitinfo(const sigset_t *set, siginfo_t *info): the signal's number. */
int
sys_sigwaitinfo(struct thread *td, const uint64_t *args, uint64_t *rv)
{
	struct ksiginfo ksi;
	sigset_t set;
	int error;

	if ((error = copyin((void *)args[0], &set, sizeof(set))) != 0)
		return (error);
	if ((error = kern_sigtimedwait(td, set, &ksi, 0)) != 0)
		return (error == ERESTART ? EINTR : error);
	return (sigwait_result(&ksi, args[1], rv));
}

/*
 * sigtimedwait(set, siginfo_t *info, const struct timespec *timeout):
 * EAGAIN when the timeout (NULL: none; zero: just poll) passes, EINVAL
 * for a malformed one.
 */
int
sys_sigtimedwait(struct thread *td, const uint64_t *args, uint64_t *rv)
{
	struct ksiginfo ksi;
	struct timespec ts;
	sigset_t set;
	uint64_t timo = 0;
	int error;

	if ((error = copyin((void *)args[0], &set, sizeof(set))) != 0)
		return (error);
	if (args[2] != 0) {
		if ((error = copyin((void *)args[2], &ts, sizeof(ts))) != 0)
			return (error);
		if (ts.tv_nsec < 0 || ts.tv_nsec >= 1000000000L ||
		    ts.tv_sec < 0)
			return (EINVAL);
		if (ts.tv_sec > 1000000000L)
			ts.tv_sec = 1000000000L;
		/* At least one tick, so that zero polls and times out. */
		timo = howmany((uint64_t)ts.tv_sec * 1000000000UL +
		    ts.tv_nsec, 1000000000UL / HZ) + 1;
	}
	if ((error = kern_sigtimedwait(td, set, &ksi, timo)) != 0)
		return (error == ERESTART ? EINTR : error);
	return (sigwait_result(&ksi, args[1], rv));
}

/* True if the user stack pointer sp is inside td's alternate stack. */
bool
sigonstack(const struct thread *td, uint64_t sp)
{
	uint64_t base = untag((uint64_t)td->td_sigstk.ss_sp);

	sp = untag(sp);
	return ((td->td_sigstk.ss_flags & SS_DISABLE) == 0 &&
	    sp - base < td->td_sigstk.ss_size);
}

/*
 * sigaltstack(const stack_t *ss, stack_t *oss): set or read the thread's
 * alternate signal stack.  FreeBSD's errors: EPERM to change it while
 * running on it, EINVAL for flags other than SS_DISABLE, ENOMEM for a
 * stack smaller than MINSIGSTKSZ.  oss reports SS_ONSTACK while on it.
 */
int
sys_sigaltstack(struct thread *td, const uint64_t *args, uint64_t *rv)
{
	stack_t ss, oss;
	bool onstack = sigonstack(td, td->td_frame->tf_sp);
	int error;

	if (args[0] != 0) {
		if ((error = copyin((void *)args[0], &ss, sizeof(ss))) != 0)
			return (error);
		if (onstack)
			return (EPERM);
		if ((ss.ss_flags & ~SS_DISABLE) != 0)
			return (EINVAL);
		if ((ss.ss_flags & SS_DISABLE) == 0 &&
		    ss.ss_size < MINSIGSTKSZ)
			return (ENOMEM);
	}
	oss = td->td_sigstk;
	oss.ss_flags = (oss.ss_flags & SS_DISABLE) |
	    (onstack ? SS_ONSTACK : 0);
	if (args[0] != 0) {
		td->td_sigstk = ss;
		if (ss.ss_flags & SS_DISABLE) {
			td->td_sigstk.ss_sp = NULL;
			td->td_sigstk.ss_size = 0;
		}
	}
	if (args[1] != 0)
		return (copyout(&oss, (void *)args[1], sizeof(oss)));
	return (0);
}
