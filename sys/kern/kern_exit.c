/* Ending processes and threads, and waiting for children. */
#include "sys/systm.h"
#include "sys/errno.h"
#include "sys/filedesc.h"
#include "sys/malloc.h"
#include "sys/pcpu.h"
#include "sys/proc.h"
#include "sys/wait.h"
#include "sys/signalvar.h"
#include "vm/vm_map.h"
#include "machine/md.h"
#include "vm/pmap.h"


/*
 * Take td off its process's list (p_lock held); wakes an exit1 or exec
 * waiting for the others to go.  The caller then ends the thread.
 */
void
proc_remove_thread(struct proc *p, struct thread *td)
{
	KASSERT(spin_owned(&p->p_lock), ("proc_remove_thread: no p_lock"));
	TAILQ_REMOVE(&p->p_threads, td, td_plist);
	p->p_numthreads--;
	p->p_runtime += td->td_runtime;
	wakeup(&p->p_numthreads);
}

/*
 * End td, which is not its process's last thread (p_lock held, released
 * here).  Its CPU leaves the address space first: the space may be freed
 * as soon as td is off the list.
 */
void
thread_leave(struct thread *td)
{
	struct proc *p = td->td_proc;

	KASSERT(spin_owned(&p->p_lock) && p->p_numthreads > 1,
	    ("thread_leave: thread %d is the last or p_lock not held",
	    td->td_tid));
	pmap_activate_kernel();
	proc_remove_thread(p, td);
	spin_unlock(&p->p_lock);
	thread_exit();
}

/*
 * End td's process with wait status xstat (W_EXITCODE form).  The first
 * thread to get here stops the others (they leave through postsig) and
 * waits for them; it then frees the address space and files, hands the
 * children to its reaper (init, or a procctl reaper), becomes a zombie
 * for the parent to reap, and ends.
 * A thread calling exit while another is ending the process just ends.
 */
void
exit1(struct thread *td, int xstat)
{
	struct proc *p = td->td_proc, *child, *parent, *reaper;
	struct thread *other;
	struct vmspace *vm;

	spin_lock(&p->p_lock);
	if (p->p_exiting)
		thread_leave(td);	/* another thread is ending the process */
	/* This exit overrides an exec in progress (exec_single_thread). */
	p->p_exiting = true;
	p->p_xstat = xstat;
	wakeup(&p->p_numthreads);
	TAILQ_FOREACH(other, &p->p_threads, td_plist)
		if (other != td)
			wakeup_thread(other, EINTR);
	while (p->p_numthreads > 1)
		sleep_on(&p->p_numthreads, &p->p_lock, false, 0);
	spin_unlock(&p->p_lock);

	if (p == initproc)
		printf("init exited with status %#x\n", xstat);
	fd_free(p->p_fd);
	p->p_fd = NULL;
	spin_lock(&p->p_lock);		/* the OOM killer reads it so */
	vm = p->p_vmspace;
	p->p_vmspace = NULL;
	spin_unlock(&p->p_lock);
	pmap_activate_kernel();
	vmspace_free(vm);

	spin_lock(&proctree_lock);
	/* Orphans go to p's reaper (init unless procctl made another). */
	reaper = p->p_reaper != NULL && p->p_reaper != p ? p->p_reaper :
	    initproc;
	if (p->p_isreaper)
		reaper_abandon(p);
	while ((child = TAILQ_FIRST(&p->p_children)) != NULL) {
		TAILQ_REMOVE(&p->p_children, child, p_sibling);
		child->p_parent = reaper;
		TAILQ_INSERT_TAIL(&reaper->p_children, child, p_sibling);
	}
	parent = p->p_parent;
	spin_lock(&p->p_lock);
	TAILQ_REMOVE(&p->p_threads, td, td_plist);
	p->p_numthreads--;
	spin_unlock(&p->p_lock);
	p->p_state = PRS_ZOMBIE;
	td->td_proc = NULL;		/* p may be freed once the lock drops */
	if (parent != NULL) {
		struct ksiginfo ksi = { .si_signo = SIGCHLD, .si_pid = p->p_pid };

		ksi.si_code = (xstat & 0x7f) != 0 ? CLD_KILLED : CLD_EXITED;
		ksi.si_status = (xstat & 0x7f) != 0 ? xstat & 0x7f : xstat >> 8;
		kern_psignal(parent, SIGCHLD, &ksi);
		wakeup(parent);
	}
	if (initproc != NULL)
		wakeup(initproc);
	if (reaper != NULL && reaper != initproc)
		wakeup(reaper);		/* a zombie orphan may be its now */
	spin_unlock(&proctree_lock);
	thread_exit();
}

/* exit(status) */
int
sys_exit(struct thread *td, const uint64_t *args, uint64_t *rv)
{
	exit1(td, W_EXITCODE((int)args[0] & 0xff, 0));
}

/* Does child match wait6's (idtype, id)? */
static bool
wait_matches(const struct proc *child, int idtype,
    int64_t id)
{
	switch (idtype) {
	case P_PID:
		return (child->p_pid == id);
	case P_PGID:
		return (child->p_pgid == id);
	case P_SID:
		return (child->p_sid == id);
	case P_ALL:
		return (true);
	case P_UID: case P_GID: case P_JAILID:
		return (id == 0);	/* everyone is root, in no jail */
	default:		/* FreeBSD: matches nothing */
		return (false);
	}
}

/*
 * Wait for a child matching (idtype, id) to exit and report it: its pid
 * in *pidp (0 with WNOHANG if none has exited yet), its wait status and
 * a SIGCHLD siginfo.  Without WNOWAIT the zombie is freed.  FreeBSD's
 * errors: EINVAL for an unknown option or none of WEXITED, WUNTRACED,
 * WCONTINUED, WTRAPPED; ECHILD if no child matches.  Only exits are
 * reported: TagOS has no stopped or traced processes.
 */
static int
kern_wait6(struct thread *td, int idtype, int64_t id, int options,
    int *pidp, int *statusp, struct ksiginfo *ksi)
{
	struct proc *p = td->td_proc, *child;
	int error;
	bool found;

	if (options & ~(WNOHANG | WUNTRACED | WCONTINUED | WNOWAIT |
	    WEXITED | WTRAPPED))
		return (EINVAL);
	if ((options & (WEXITED | WUNTRACED | WCONTINUED | WTRAPPED)) == 0)
		return (EINVAL);
	memset(ksi, 0, sizeof(*ksi));
	*pidp = 0;
	*statusp = 0;
	spin_lock(&proctree_lock);
	for (;;) {
		found = false;
		TAILQ_FOREACH(child, &p->p_children, p_sibling) {
			if (!wait_matches(child, idtype, id))
				continue;
			found = true;
			if (child->p_state == PRS_ZOMBIE &&
			    (options & WEXITED))
				break;
		}
		if (!found) {
			spin_unlock(&proctree_lock);
			return (ECHILD);
		}
		if (child != NULL)
			break;
		if (options & WNOHANG) {
			spin_unlock(&proctree_lock);
			return (0);
		}
		error = sleep_on(p, &proctree_lock, true, 0);
		if (error != 0) {
			spin_unlock(&proctree_lock);
			return (error);
		}
	}
	*pidp = child->p_pid;
	*statusp = child->p_xstat;
	ksi->si_signo = SIGCHLD;
	ksi->si_pid = child->p_pid;
	ksi->si_code = WIFSIGNALED(child->p_xstat) ? CLD_KILLED : CLD_EXITED;
	ksi->si_status = WIFSIGNALED(child->p_xstat) ?
	    WTERMSIG(child->p_xstat) : WEXITSTATUS(child->p_xstat);
	if ((options & WNOWAIT) == 0) {
		TAILQ_REMOVE(&p->p_children, child, p_sibling);
		TAILQ_REMOVE(&allproc, child, p_list);
		spin_unlock(&proctree_lock);
		kfree(child);
	} else {
		/* Report it, and leave it to be waited for again. */
		spin_unlock(&proctree_lock);
	}
	return (0);
}

/*
 * wait4(pid, int *status, options, struct rusage *): reap a child: pid
 * > 0 that one, -1 any, 0 one in the caller's group, < -1 one in group
 * -pid.  WNOHANG returns 0 if none has exited yet.  The rusage is not
 * filled in (TagOS keeps no resource usage).
 */
int
sys_wait4(struct thread *td, const uint64_t *args, uint64_t *rv)
{
	struct ksiginfo ksi;
	int pid = (int)args[0], status, error, idtype, child;
	int64_t id;

	if (pid == WAIT_ANY) {
		idtype = P_ALL;
		id = 0;
	} else if (pid < 0) {
		idtype = P_PGID;
		id = -pid;
	} else if (pid == 0) {
		idtype = P_PGID;
		spin_lock(&proctree_lock);
		id = td->td_proc->p_pgid;
		spin_unlock(&proctree_lock);
	} else {
		idtype = P_PID;
		id = pid;
	}
	error = kern_wait6(td, idtype, id, (int)args[2] | WEXITED | WTRAPPED,
	    &child, &status, &ksi);
	if (error != 0)
		return (error);
	rv[0] = child;
	if (args[1] != 0 && child != 0)
		return (copyout(&status, (void *)args[1], sizeof(status)));
	return (0);
}

/*
 * wait6(idtype, id, int *status, options, struct __wrusage *wrusage,
 * siginfo_t *info): wait4 generalised (FreeBSD's): idtype P_PID, P_PGID,
 * P_SID or P_ALL (P_UID, P_GID, P_JAILID: 0), WEXITED needed to see exits.  info gets a
 * SIGCHLD siginfo, zeroed when WNOHANG finds nothing; wrusage is zeroed.
 */
int
sys_wait6(struct thread *td, const uint64_t *args, uint64_t *rv)
{
	static const char zero_wrusage[WRUSAGE_SIZE];
	struct ksiginfo ksi;
	int status, child, error;

	error = kern_wait6(td, (int)args[0], (int64_t)args[1], (int)args[3],
	    &child, &status, &ksi);
	if (error != 0)
		return (error);
	rv[0] = child;
	if (args[2] != 0 && child != 0 &&
	    (error = copyout(&status, (void *)args[2], sizeof(status))) != 0)
		return (error);
	if (args[4] != 0 && (error = copyout(zero_wrusage, (void *)args[4],
	    sizeof(zero_wrusage))) != 0)
		return (error);
	if (args[5] != 0)
		return (copyout(&ksi, (void *)args[5], sizeof(ksi)));
	return (0);
}
