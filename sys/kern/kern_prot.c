/*
 * Process groups and sessions, the minimum job control and group signals
 * need: every process carries the ids of its group and session (there are
 * no group or session objects; a group exists while a process has its id).
 * fork inherits both.  proctree_lock protects them.
 */
#include "sys/systm.h"
#include "sys/errno.h"
#include "sys/proc.h"

/* True if some live process is in group pgid; proctree_lock held. */
bool
pgrp_exists(int pgid)
{
	struct proc *p;

	KASSERT(spin_owned(&proctree_lock), ("pgrp_exists: no proctree_lock"));
	TAILQ_FOREACH(p, &allproc, p_list)
		if (p->p_state == PRS_NORMAL && p->p_pgid == pgid)
			return (true);
	return (false);
}

/*
 * The child of fork starts in its parent's group and session, under its
 * parent's reaper (the parent itself if it is one); init (no parent)
 * leads its own group and session and reaps everything.  proctree_lock
 * held, child already has its pid.
 */
void
proc_inherit_ids(struct proc *child, struct proc *parent)
{
	if (parent == NULL) {
		child->p_pgid = child->p_sid = child->p_pid;
		child->p_reaper = child;
		child->p_isreaper = true;
		child->p_reapsubtree = child->p_pid;
		return;
	}
	child->p_pgid = parent->p_pgid;
	child->p_sid = parent->p_sid;
	if (parent->p_isreaper) {
		child->p_reaper = parent;
		child->p_reapsubtree = child->p_pid;
	} else {
		child->p_reaper = parent->p_reaper;
		child->p_reapsubtree = parent->p_reapsubtree;
	}
}

/* getpgrp(): the caller's process group. */
int
sys_getpgrp(struct thread *td, const uint64_t *args, uint64_t *rv)
{
	spin_lock(&proctree_lock);
	rv[0] = td->td_proc->p_pgid;
	spin_unlock(&proctree_lock);
	return (0);
}

/*
 * The process group and session of the process pid names (0: the
 * caller), for getpgid and getsid; ESRCH if there is no such process.
 */
static int
proc_ids(struct thread *td, int pid, int *pgid, int *sid)
{
	struct proc *p;
	int error = 0;

	spin_lock(&proctree_lock);
	p = pid == 0 ? td->td_proc : pfind(pid);
	if (p == NULL || p->p_state != PRS_NORMAL)
		error = ESRCH;
	else {
		*pgid = p->p_pgid;
		*sid = p->p_sid;
	}
	spin_unlock(&proctree_lock);
	return (error);
}

/* getpgid(pid): pid's process group; ESRCH if there is no such process. */
int
sys_getpgid(struct thread *td, const uint64_t *args, uint64_t *rv)
{
	int pgid, sid, error;

	if ((error = proc_ids(td, (int)args[0], &pgid, &sid)) == 0)
		rv[0] = pgid;
	return (error);
}

/* getsid(pid): pid's session; ESRCH if there is no such process. */
int
sys_getsid(struct thread *td, const uint64_t *args, uint64_t *rv)
{
	int pgid, sid, error;

	if ((error = proc_ids(td, (int)args[0], &pgid, &sid)) == 0)
		rv[0] = sid;
	return (error);
}

/*
 * setsid(): make the caller the leader of a new session and group, both
 * named by its pid.  EPERM if a group with that id already exists (the
 * caller leads one), as on FreeBSD.
 */
int
sys_setsid(struct thread *td, const uint64_t *args, uint64_t *rv)
{
	struct proc *p = td->td_proc;

	spin_lock(&proctree_lock);
	if (pgrp_exists(p->p_pid)) {
		spin_unlock(&proctree_lock);
		return (EPERM);
	}
	p->p_pgid = p->p_sid = p->p_pid;
	rv[0] = p->p_pid;
	spin_unlock(&proctree_lock);
	return (0);
}

/*
 * setpgid(pid, pgid): move pid (0: the caller; else the caller or one of
 * its children) into group pgid (0: pid's own id), creating it if pgid is
 * pid.  FreeBSD's errors: EINVAL for pgid < 0; ESRCH if pid is neither the
 * caller nor its child; EACCES for a child that has exec'd; EPERM for a
 * session leader, a child in another session, or a group pgid that does
 * not exist in the caller's session.
 */
int
sys_setpgid(struct thread *td, const uint64_t *args, uint64_t *rv)
{
	struct proc *curp = td->td_proc, *target, *q;
	int pid = (int)args[0], pgid = (int)args[1], error = 0;

	if (pgid < 0)
		return (EINVAL);
	spin_lock(&proctree_lock);
	if (pid == 0 || pid == curp->p_pid)
		target = curp;
	else {
		target = pfind(pid);
		if (target == NULL || target->p_parent != curp ||
		    target->p_state != PRS_NORMAL) {
			error = ESRCH;
			goto out;
		}
		if (target->p_execed) {
			error = EACCES;
			goto out;
		}
		if (target->p_sid != curp->p_sid) {
			error = EPERM;
			goto out;
		}
	}
	if (target->p_sid == target->p_pid) {
		error = EPERM;		/* a session leader stays where it is */
		goto out;
	}
	if (pgid == 0)
		pgid = target->p_pid;
	if (pgid != target->p_pid) {
		error = EPERM;
		TAILQ_FOREACH(q, &allproc, p_list) {
			if (q->p_state == PRS_NORMAL && q->p_pgid == pgid &&
			    q->p_sid == curp->p_sid) {
				error = 0;
				break;
			}
		}
		if (error != 0)
			goto out;
	}
	target->p_pgid = pgid;
out:
	spin_unlock(&proctree_lock);
	return (error);
}
