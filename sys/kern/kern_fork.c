/* fork: a new process that is a copy of the caller. */
#include "sys/systm.h"
#include "sys/errno.h"
#include "sys/malloc.h"
#include "sys/filedesc.h"
#include "sys/pcpu.h"
#include "sys/proc.h"
#include "sys/signalvar.h"
#include "vm/vm_map.h"
#include "vm/vm_pageout.h"
#include "machine/md.h"

/* The child's first code in the kernel: straight back to user mode. */
static void
fork_return(void *arg)
{
}

/*
 * Create a child of td's process: a copy of its address space (each
 * entry per its inheritance), its open files, its signal dispositions and
 * td's registers, with one thread that returns 0 from fork.  Stores the
 * child's pid; returns 0, ENOMEM or EAGAIN (also when the caller has
 * RLIMIT_NPROC processes already).
 */
int
fork1(struct thread *td, int *child_pid)
{
	struct proc *p1 = td->td_proc, *p2, *q;
	struct thread *td2;
	rlim_t nproc = lim_cur(p1, RLIMIT_NPROC);
	rlim_t count = 0;

	/* RLIMIT_NPROC counts every process, zombies too (one user). */
	spin_lock(&proctree_lock);
	TAILQ_FOREACH(q, &allproc, p_list)
		count++;
	spin_unlock(&proctree_lock);
	if (count >= nproc)
		return (EAGAIN);
	/*
	 * A new process needs memory beyond the reserve kept for the kernel
	 * and the page daemon (vm_pageout.h), as its pages will: wait for
	 * the daemon to make it, or fail if it cannot.
	 */
	if (vm_wait_free(VM_PAGEOUT_NEW_THREAD_PAGES) != 0)
		return (ENOMEM);
	if ((p2 = proc_alloc()) == NULL)
		return (EAGAIN);
	if ((p2->p_vmspace = vmspace_fork(p1->p_vmspace)) == NULL)
		goto fail;
	if ((p2->p_fd = fd_fork(p1->p_fd)) == NULL)
		goto fail;
	if ((td2 = thread_alloc(p2)) == NULL)
		goto fail;
	spin_lock(&p1->p_lock);
	memcpy(p2->p_comm, p1->p_comm, sizeof(p2->p_comm));
	sigacts_fork(p2, p1);
	p2->p_sigcode = p1->p_sigcode;
	cpu_proc_fork(p2, p1);		/* the MTE mode and mask are inherited */
	td2->td_sigmask = td->td_sigmask;
	td2->td_sigstk = td->td_sigstk;	/* the same address in the copy */
	memcpy(p2->p_rlimit, p1->p_rlimit, sizeof(p2->p_rlimit));
	spin_unlock(&p1->p_lock);
	cpu_fork(td2);
	cpu_thread_start(td2, fork_return, NULL);
	/*
	 * Map the signal trampoline now, while memory is likely there: a
	 * child whose first signal comes when memory has run out (SIGBUS
	 * BUS_OOMERR) must still reach its handler.
	 */
	vm_map_prefault(&p2->p_vmspace->vm_map, trunc_page(p2->p_sigcode),
	    trunc_page(p2->p_sigcode) + PAGE_SIZE);

	spin_lock(&proctree_lock);
	if (proc_link(p2, p1) != 0) {
		spin_unlock(&proctree_lock);
		thread_free(td2);
		fd_free(p2->p_fd);
		vmspace_free(p2->p_vmspace);
		kfree(p2);
		return (EAGAIN);
	}
	*child_pid = p2->p_pid;
	spin_unlock(&proctree_lock);
	proc_add_thread(p2, td2);
	sched_add(td2);
	return (0);
fail:
	if (p2->p_fd != NULL)
		fd_free(p2->p_fd);
	if (p2->p_vmspace != NULL)
		vmspace_free(p2->p_vmspace);
	kfree(p2);
	return (ENOMEM);
}

/* fork(): the parent gets the child's pid, the child 0 (cpu_fork). */
int
sys_fork(struct thread *td, const uint64_t *args, uint64_t *rv)
{
	int error, pid;

	if ((error = fork1(td, &pid)) != 0)
		return (error);
	rv[0] = pid;
	rv[1] = 0;
	return (0);
}
