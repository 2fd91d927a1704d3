/*
 * The process table: allocation, process ids, lookup.  proctree_lock
 * protects the list of all processes, parent/child links and p_state.
 */
#include "sys/systm.h"
#include "sys/errno.h"
#include "sys/malloc.h"
#include "sys/proc.h"

#define PID_MAX		99999

struct spinlock proctree_lock = SPINLOCK_INITIALIZER("proctree");
struct proclist allproc = TAILQ_HEAD_INITIALIZER(allproc);	/* (t) */
struct proc *initproc;
static int next_pid = 1;					/* (t) */

/* A zeroed process in state PRS_NEW with no pid yet; NULL if memory is short. */
struct proc *
proc_alloc(void)
{
	struct proc *p = kmalloc(sizeof(*p), M_ZERO);

	if (p == NULL)
		return (NULL);
	spin_init(&p->p_lock, "proc");
	TAILQ_INIT(&p->p_threads);
	TAILQ_INIT(&p->p_children);
	p->p_state = PRS_NEW;
	return (p);
}

/* The process with pid, or NULL; proctree_lock held. */
struct proc *
pfind(int pid)
{
	struct proc *p;

	KASSERT(spin_owned(&proctree_lock), ("pfind: proctree_lock not held"));
	TAILQ_FOREACH(p, &allproc, p_list)
		if (p->p_pid == pid && p->p_state != PRS_NEW)
			return (p);
	return (NULL);
}

/*
 * Give p a free pid and link it under parent (NULL for init) as a running
 * process; proctree_lock held.  EAGAIN if every pid is taken.
 */
int
proc_link(struct proc *p, struct proc *parent)
{
	int tries = 0;

	KASSERT(spin_owned(&proctree_lock), ("proc_link: proctree_lock not held"));
	do {
		if (tries++ == PID_MAX)
			return (EAGAIN);
		p->p_pid = next_pid;
		next_pid = next_pid == PID_MAX ? 2 : next_pid + 1;
	} while (pfind(p->p_pid) != NULL);
	p->p_parent = parent;
	proc_inherit_ids(p, parent);
	if (parent != NULL)
		TAILQ_INSERT_TAIL(&parent->p_children, p, p_sibling);
	TAILQ_INSERT_TAIL(&allproc, p, p_list);
	p->p_state = PRS_NORMAL;
	return (0);
}

/* Add a new thread to its process. */
void
proc_add_thread(struct proc *p, struct thread *td)
{
	spin_lock(&p->p_lock);
	TAILQ_INSERT_TAIL(&p->p_threads, td, td_plist);
	p->p_numthreads++;
	spin_unlock(&p->p_lock);
}

/* getpid() */
int
sys_getpid(struct thread *td, const uint64_t *args, uint64_t *rv)
{
	rv[0] = td->td_proc->p_pid;
	return (0);
}

/* getppid() */
int
sys_getppid(struct thread *td, const uint64_t *args, uint64_t *rv)
{
	spin_lock(&proctree_lock);
	rv[0] = td->td_proc->p_parent != NULL ? td->td_proc->p_parent->p_pid : 0;
	spin_unlock(&proctree_lock);
	return (0);
}
