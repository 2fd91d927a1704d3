/*
 * procctl(2): the reaper commands (docs/abi.md section 4.6).  A reaper
 * adopts the orphans of every process below it, as init does for the
 * rest; fork gives each process its reaper (proc_inherit_ids) and exit1
 * hands orphans to it.  proctree_lock protects the reaper fields.
 */
#include "sys/systm.h"
#include "sys/errno.h"
#include "sys/procctl.h"
#include "sys/proc.h"
#include "sys/signalvar.h"
#include "sys/wait.h"

/*
 * p stops being a reaper (it releases or exits): what it reaped goes to
 * its own reaper.  proctree_lock held.
 */
void
reaper_abandon(struct proc *p)
{
	struct proc *q;

	KASSERT(spin_owned(&proctree_lock), ("reaper_abandon: no lock"));
	KASSERT(p != initproc, ("reaper_abandon: init"));
	TAILQ_FOREACH(q, &allproc, p_list)
		if (q->p_reaper == p && q != p)
			q->p_reaper = p->p_reaper;
	p->p_isreaper = false;
}

/* The reaper p's commands act for: p itself if it is one. */
static struct proc *
reaper_of(struct proc *p)
{
	return (p->p_isreaper ? p : p->p_reaper);
}

/*
 * Fill rs for p's reaper (PROC_REAP_STATUS): its pid, how many children
 * and descendants it has, and one of them (a child first), or -1.
 * proctree_lock held.
 */
static void
reap_status(struct proc *p, struct procctl_reaper_status *rs)
{
	struct proc *reaper = reaper_of(p), *q;
	int first_descendant = -1;

	memset(rs, 0, sizeof(*rs));
	if (p->p_isreaper)
		rs->rs_flags |= REAPER_STATUS_OWNED;
	if (reaper == initproc)
		rs->rs_flags |= REAPER_STATUS_REALINIT;
	rs->rs_reaper = reaper->p_pid;
	rs->rs_pid = -1;
	TAILQ_FOREACH(q, &allproc, p_list) {
		if (q->p_reaper != reaper || q == reaper ||
		    q->p_state == PRS_NEW)
			continue;
		rs->rs_descendants++;
		if (first_descendant == -1)
			first_descendant = q->p_pid;
		if (q->p_parent == reaper) {
			rs->rs_children++;
			if (rs->rs_pid == -1)
				rs->rs_pid = q->p_pid;
		}
	}
	if (rs->rs_pid == -1)
		rs->rs_pid = first_descendant;
}

/*
 * Signal p's reaper's descendants (PROC_REAP_KILL): all, only its
 * children (REAPER_KILL_CHILDREN), or only those under its child
 * rk_subtree (REAPER_KILL_SUBTREE); never the caller itself.  ESRCH if
 * none was signalled.  proctree_lock held.
 */
static int
reap_kill(struct thread *td, struct proc *p, struct procctl_reaper_kill *rk)
{
	struct proc *reaper = reaper_of(p), *q;
	struct ksiginfo ksi;

	memset(&ksi, 0, sizeof(ksi));
	ksi.si_signo = rk->rk_sig;
	ksi.si_code = SI_USER;
	ksi.si_pid = td->td_proc->p_pid;
	rk->rk_killed = 0;
	rk->rk_fpid = -1;
	TAILQ_FOREACH(q, &allproc, p_list) {
		if (q->p_reaper != reaper || q == reaper ||
		    q == td->td_proc || q->p_state != PRS_NORMAL)
			continue;
		if ((rk->rk_flags & REAPER_KILL_CHILDREN) &&
		    q->p_parent != reaper)
			continue;
		if ((rk->rk_flags & REAPER_KILL_SUBTREE) &&
		    q->p_reapsubtree != rk->rk_subtree)
			continue;
		if (kern_psignal(q, rk->rk_sig, &ksi) == 0)
			rk->rk_killed++;
		else if (rk->rk_fpid == -1)
			rk->rk_fpid = q->p_pid;
	}
	return (rk->rk_killed > 0 ? 0 : ESRCH);
}

/*
 * procctl(idtype, id, cmd, data).  The reaper commands take P_PID and a
 * process id (EINVAL otherwise, ESRCH if there is no such process);
 * ACQUIRE and RELEASE only for the caller itself (EPERM), ACQUIRE
 * EBUSY if it is one already, RELEASE EINVAL if it is not (or is init).
 * KILL: EINVAL for a bad signal or flags (both CHILDREN and SUBTREE),
 * and, unlike FreeBSD where root may, EPERM when the reaper is init and
 * the caller is not: one call must not signal every process.  Other
 * commands are EINVAL.
 */
int
sys_procctl(struct thread *td, const uint64_t *args, uint64_t *rv)
{
	int idtype = (int)args[0], cmd = (int)args[2], error = 0;
	int64_t id = (int64_t)args[1];
	struct procctl_reaper_status rs;
	struct procctl_reaper_kill rk;
	struct proc *p;
	void *data = (void *)args[3];

	switch (cmd) {
	case PROC_REAP_ACQUIRE:
	case PROC_REAP_RELEASE:
	case PROC_REAP_STATUS:
		break;
	case PROC_REAP_KILL:
		if ((error = copyin(data, &rk, sizeof(rk))) != 0)
			return (error);
		if (rk.rk_sig <= 0 || rk.rk_sig > NSIG_HANDLED ||
		    (rk.rk_flags & ~(REAPER_KILL_CHILDREN |
		    REAPER_KILL_SUBTREE)) != 0 ||
		    ((rk.rk_flags & REAPER_KILL_CHILDREN) &&
		    (rk.rk_flags & REAPER_KILL_SUBTREE)))
			return (EINVAL);
		break;
	default:
		return (EINVAL);
	}
	if (idtype != P_PID)
		return (EINVAL);
	spin_lock(&proctree_lock);
	p = id == 0 ? td->td_proc : pfind((int)id);
	if (p == NULL || p->p_state != PRS_NORMAL || id < 0 ||
	    id > INT32_MAX) {
		error = ESRCH;
		goto out;
	}
	switch (cmd) {
	case PROC_REAP_ACQUIRE:
		if (p != td->td_proc)
			error = EPERM;
		else if (p->p_isreaper)
			error = EBUSY;
		else
			p->p_isreaper = true;	/* for children forked now on */
		break;
	case PROC_REAP_RELEASE:
		if (p != td->td_proc)
			error = EPERM;
		else if (p == initproc || !p->p_isreaper)
			error = EINVAL;
		else
			reaper_abandon(p);
		break;
	case PROC_REAP_STATUS:
		reap_status(p, &rs);
		break;
	case PROC_REAP_KILL:
		if (reaper_of(p) == initproc && td->td_proc != initproc)
			error = EPERM;
		else
			error = reap_kill(td, p, &rk);
		break;
	}
out:
	spin_unlock(&proctree_lock);
	if (cmd == PROC_REAP_STATUS && error == 0)
		error = copyout(&rs, data, sizeof(rs));
	if (cmd == PROC_REAP_KILL && (error == 0 || error == ESRCH) &&
	    copyout(&rk, data, sizeof(rk)) != 0)
		error = EFAULT;
	return (error);
}
