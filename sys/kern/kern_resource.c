/*
 * Resource limits: getrlimit/setrlimit and the checks that enforce them.
 * Each process has FreeBSD's sixteen limits (docs/abi.md section 3.8),
 * inherited by fork and kept across exec.  TagOS has no users, so every
 * process may raise its hard limits as root may on FreeBSD; the limits
 * that root escapes on FreeBSD (RLIMIT_NPROC) are enforced here anyway,
 * since they are the only thing that can bound a process.
 */
#include "sys/systm.h"
#include "sys/errno.h"
#include "sys/filedesc.h"
#include "sys/param.h"
#include "sys/proc.h"
#include "sys/resource.h"
#include "machine/vmparam.h"

#define MAXPROC		4096	/* the most processes RLIMIT_NPROC allows */

/* The limits init starts with: unlimited but for descriptors and processes. */
void
rlimit_init(struct proc *p)
{
	int i;

	for (i = 0; i < RLIM_NLIMITS; i++)
		p->p_rlimit[i].rlim_cur = p->p_rlimit[i].rlim_max =
		    RLIM_INFINITY;
	p->p_rlimit[RLIMIT_NOFILE].rlim_cur = NOFILE;
	p->p_rlimit[RLIMIT_NOFILE].rlim_max = NOFILE;
	p->p_rlimit[RLIMIT_NPROC].rlim_cur = MAXPROC;
	p->p_rlimit[RLIMIT_NPROC].rlim_max = MAXPROC;
	p->p_rlimit[RLIMIT_STACK].rlim_cur = MAXSSIZ;
}

/* p's soft limit for resource (a snapshot: it may change at once). */
rlim_t
lim_cur(struct proc *p, int resource)
{
	rlim_t v;

	KASSERT(resource >= 0 && resource < RLIM_NLIMITS,
	    ("lim_cur: resource %d", resource));
	spin_lock(&p->p_lock);
	v = p->p_rlimit[resource].rlim_cur;
	spin_unlock(&p->p_lock);
	return (v);
}

/* getrlimit(resource, struct rlimit *rlp): EINVAL for an unknown resource. */
int
sys_getrlimit(struct thread *td, const uint64_t *args, uint64_t *rv)
{
	struct proc *p = td->td_proc;
	struct rlimit rl;

	if (args[0] >= RLIM_NLIMITS)
		return (EINVAL);
	spin_lock(&p->p_lock);
	rl = p->p_rlimit[args[0]];
	spin_unlock(&p->p_lock);
	return (copyout(&rl, (void *)args[1], sizeof(rl)));
}

/*
 * setrlimit(resource, const struct rlimit *rlp).  As on FreeBSD: a
 * negative value means RLIM_INFINITY; EINVAL for an unknown resource or a
 * soft limit above the hard one; descriptors and processes are silently
 * capped at what the kernel can give (NOFILE, MAXPROC).
 */
int
sys_setrlimit(struct thread *td, const uint64_t *args, uint64_t *rv)
{
	struct proc *p = td->td_proc;
	struct rlimit rl;
	int error;

	if (args[0] >= RLIM_NLIMITS)
		return (EINVAL);
	if ((error = copyin((void *)args[1], &rl, sizeof(rl))) != 0)
		return (error);
	if (rl.rlim_cur < 0)
		rl.rlim_cur = RLIM_INFINITY;
	if (rl.rlim_max < 0)
		rl.rlim_max = RLIM_INFINITY;
	if (rl.rlim_cur > rl.rlim_max)
		return (EINVAL);
	if (args[0] == RLIMIT_NOFILE) {
		rl.rlim_cur = MIN(rl.rlim_cur, NOFILE);
		rl.rlim_max = MIN(rl.rlim_max, NOFILE);
	} else if (args[0] == RLIMIT_NPROC) {
		rl.rlim_cur = MIN(rl.rlim_cur, MAXPROC);
		rl.rlim_max = MIN(rl.rlim_max, MAXPROC);
	}
	spin_lock(&p->p_lock);
	p->p_rlimit[args[0]] = rl;
	spin_unlock(&p->p_lock);
	return (0);
}
