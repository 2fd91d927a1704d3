/* FreeBSD's thread system calls: thr_new, thr_exit, thr_self, thr_kill. */
#include "sys/systm.h"
#include "sys/errno.h"
#include "sys/param.h"
#include "sys/pcpu.h"
#include "sys/proc.h"
#include "sys/signalvar.h"
#include "sys/thr.h"
#include "sys/umtx.h"
#include "vm/vm.h"
#include "vm/vm_fault.h"
#include "vm/vm_map.h"
#include "vm/vm_pageout.h"
#include "machine/md.h"
#include "machine/vmparam.h"

CTASSERT(sizeof(struct thr_param) == 104);

static void
thr_start(void *arg)
{
}

/*
 * thr_new(struct thr_param *param, int size): a new thread in the
 * caller's process running start_func(arg) on the given stack with
 * TPIDR_EL0 = tls_base.  Its id is stored in *child_tid and *parent_tid
 * before it runs.
 */
int
sys_thr_new(struct thread *td, const uint64_t *args, uint64_t *rv)
{
	struct proc *p = td->td_proc;
	struct thr_param param;
	struct thread *td2;
	uint64_t entry;
	long tid;
	int error;

	if (args[1] > sizeof(param))
		return (EINVAL);
	memset(&param, 0, sizeof(param));
	if ((error = copyin((void *)args[0], &param, args[1])) != 0)
		return (error);
	/*
	 * Pointers may carry a tag in their top byte (docs/abi.md section
	 * 2.4): range-check them untagged.  The stack and TLS pointers keep
	 * their tags, since they may point into tagged memory; the entry
	 * point is a code address, whose tag means nothing, so it is dropped.
	 */
	entry = untag((uint64_t)param.start_func);
	if (untag((uint64_t)param.tls_base) >= VM_MAXUSER_ADDRESS ||
	    entry >= VM_MAXUSER_ADDRESS)
		return (EINVAL);
	/* As for fork: a new thread's stack stops at the reserve. */
	if (vm_wait_free(VM_PAGEOUT_NEW_THREAD_PAGES) != 0 ||
	    (td2 = thread_alloc(p)) == NULL)
		return (ENOMEM);
	tid = td2->td_tid;
	if ((param.child_tid != NULL &&
	    copyout(&tid, param.child_tid, sizeof(tid)) != 0) ||
	    (param.parent_tid != NULL &&
	    copyout(&tid, param.parent_tid, sizeof(tid)) != 0)) {
		thread_free(td2);
		return (EFAULT);
	}
	cpu_fork(td2);		/* the caller's registers, TLS and FP */
	cpu_set_upcall(td2, entry, (uint64_t)param.arg,
	    (uint64_t)param.stack_base + param.stack_size);
	cpu_set_user_tls(td2, (uint64_t)param.tls_base);
	cpu_thread_start(td2, thr_start, NULL);
	spin_lock(&p->p_lock);
	if (p->p_exiting) {
		spin_unlock(&p->p_lock);
		thread_free(td2);
		return (EINTR);
	}
	td2->td_sigmask = td->td_sigmask;
	TAILQ_INSERT_TAIL(&p->p_threads, td2, td_plist);
	p->p_numthreads++;
	spin_unlock(&p->p_lock);
	sched_add(td2);
	return (0);
}

/*
 * Store 1 in the exiting thread's *state (a user address, maybe tagged).
 * 0 once it is stored; EFAULT if the address cannot take it (unmapped,
 * read-only, a tag mismatch), a caller's error that, as in FreeBSD, does
 * not keep the thread from exiting; ENOMEM if a page of it could not be
 * had for want of memory.  copyout says only EFAULT, so on failure each
 * page under the word is faulted in here to learn why, and the store is
 * tried again if that worked (memory came back meanwhile).
 */
static int
thr_exit_store(struct thread *td, uint64_t state)
{
	struct vm_map *map = &td->td_proc->p_vmspace->vm_map;
	vm_offset_t va, last;
	long one = 1;

	if (copyout(&one, (void *)state, sizeof(one)) == 0)
		return (0);
	va = untag(state);
	last = va + sizeof(one) - 1;
	if (last < va || last >= VM_MAXUSER_ADDRESS)
		return (EFAULT);
	for (va = trunc_page(va); va <= last; va += PAGE_SIZE) {
		switch (vm_fault(map, va, VM_PROT_WRITE)) {
		case 0:
			continue;
		case VM_FAULT_NOMEM:
			return (ENOMEM);
		default:
			return (EFAULT);
		}
	}
	return (copyout(&one, (void *)state, sizeof(one)));
}

/*
 * thr_exit(long *state): end the calling thread, storing 1 in *state and
 * waking its waiters; the last thread's thr_exit ends the process.  If
 * the store needs a page that memory exhaustion cannot give, the thread
 * does not leave: its waiters would sleep for ever on the 0 they see.  It
 * gets SIGBUS BUS_OOMERR at *state, as its own store would have, and the
 * call fails with ENOMEM (docs/abi.md section 4.2).  An address that
 * cannot take the store at all is skipped, as in FreeBSD.
 */
int
sys_thr_exit(struct thread *td, const uint64_t *args, uint64_t *rv)
{
	struct proc *p = td->td_proc;

	if (args[0] != 0) {
		if (thr_exit_store(td, args[0]) == ENOMEM) {
			trapsignal(td, SIGBUS, BUS_OOMERR, args[0], 0);
			return (ENOMEM);
		}
		umtx_wake(td, args[0], 1 << 30);
	}
	spin_lock(&p->p_lock);
	if (p->p_numthreads == 1 && !p->p_exiting) {
		spin_unlock(&p->p_lock);
		exit1(td, 0);
	}
	/* Decided and done under one hold: two last threads cannot both go. */
	thread_leave(td);
}

/* thr_self(long *id) */
int
sys_thr_self(struct thread *td, const uint64_t *args, uint64_t *rv)
{
	long tid = td->td_tid;

	return (copyout(&tid, (void *)args[0], sizeof(tid)));
}

/* thr_kill(long id, int sig): id -1 means every other thread. */
int
sys_thr_kill(struct thread *td, const uint64_t *args, uint64_t *rv)
{
	struct proc *p = td->td_proc;
	struct thread *t;
	long id = (long)args[0];
	int sig = (int)args[1], error = ESRCH;

	if (sig < 0 || sig > NSIG_HANDLED)
		return (EINVAL);
	spin_lock(&p->p_lock);
	TAILQ_FOREACH(t, &p->p_threads, td_plist) {
		if (id == -1 ? t == td : t->td_tid != id)
			continue;
		error = 0;
		if (sig != 0 && !sig_discarded(p, sig)) {
			SIGADDSET(t->td_siglist, sig);
			t->td_sigpend[sig].code = SI_LWP;
			t->td_sigpend[sig].pid = p->p_pid;
			wakeup_thread(t, EINTR);
		}
	}
	spin_unlock(&p->p_lock);
	return (error);
}
