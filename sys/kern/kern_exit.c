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
 * children to init, becomes a zombie for the parent to reap, and ends.
 * A thread calling exit while another is ending the process just ends.
 */
void
exit1(struct thread *td, int xstat)
{
	struct proc *p = td->td_proc, *child, *parent;
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
	vm = p->p_vmspace;
	p->p_vmspace = NULL;
	pmap_activate_kernel();
	vmspace_free(vm);

	spin_lock(&proctree_lock);
	while ((child = TAILQ_FIRST(&p->p_children)) != NULL) {
		TAILQ_REMOVE(&p->p_children, child, p_sibling);
		child->p_parent = initproc;
		TAILQ_INSERT_TAIL(&initproc->p_children, child, p_sibling);
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
	spin_unlock(&proctree_lock);
	thread_exit();
}

/* exit(status) */
int
sys_exit(struct thread *td, const uint64_t *args, uint64_t *rv)
{
	exit1(td, W_EXITCODE((int)args[0] & 0xff, 0));
}

/*
 * wait4(pid, int *status, options, struct rusage *): reap a zombie child
 * (pid -1 or 0: any child).  WNOHANG returns 0 if none has exited yet.
 */
int
sys_wait4(struct thread *td, const uint64_t *args, uint64_t *rv)
{
	struct proc *p = td->td_proc, *child;
	int pid = (int)args[0], options = (int)args[2], status, error;
	bool found;

	if (options & ~(WNOHANG | 2 | 4 | 8 | 16 | 32))
		return (EINVAL);
	spin_lock(&proctree_lock);
	for (;;) {
		found = false;
		TAILQ_FOREACH(child, &p->p_children, p_sibling) {
			if (pid > 0 && child->p_pid != pid)
				continue;
			found = true;
			if (child->p_state == PRS_ZOMBIE)
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
			rv[0] = 0;
			return (0);
		}
		error = sleep_on(p, &proctree_lock, true, 0);
		if (error != 0) {
			spin_unlock(&proctree_lock);
			return (error);
		}
	}
	rv[0] = child->p_pid;
	status = child->p_xstat;
	if (options & WNOWAIT) {
		/* Report it, and leave it to be waited for again. */
		spin_unlock(&proctree_lock);
	} else {
		TAILQ_REMOVE(&p->p_children, child, p_sibling);
		TAILQ_REMOVE(&allproc, child, p_list);
		spin_unlock(&proctree_lock);
		kfree(child);
	}
	if (args[1] != 0)
		return (copyout(&status, (void *)args[1], sizeof(status)));
	return (0);
}
