/*
 * Processes and threads.
 *
 * A process owns an address space (vmspace), a file descriptor table,
 * signal dispositions and its threads.  A thread is what the scheduler
 * runs: a kernel stack, saved registers (pcb) and, for user threads, the
 * trap frame at the top of that stack.
 *
 * Lock keys: (C) constant after creation, (s) sched_lock, (p) p_lock of
 * the process, (t) proctree_lock, (o) only the thread itself, (A) atomic.
 */
#ifndef _SYS_PROC_H_
#define _SYS_PROC_H_

#include "sys/cdefs.h"
#include "sys/types.h"
#include "sys/queue.h"
#include "sys/signal.h"
#include "sys/spinlock.h"
#include "sys/sleep.h"
#include "sys/resource.h"
#include "machine/pcb.h"
#include "machine/proc.h"

struct filedesc;
struct trapframe;
struct vmspace;

enum thread_state {
	TDS_NEW,		/* being built */
	TDS_RUNNABLE,		/* on the run queue */
	TDS_RUNNING,		/* on a CPU */
	TDS_SLEEPING,		/* waiting on td_wchan */
	TDS_DEAD,		/* finished: stack freed at the next switch */
};

struct thread {
	struct proc	*td_proc;	/* (C) owning process, NULL for idle */
	int		td_tid;		/* (C) thread id */
	enum thread_state td_state;	/* (s) */
	int		td_oncpu;	/* (s) CPU running it, or -1 */
	u_int		td_flags;	/* (s) TDF_* below */
	TAILQ_ENTRY(thread) td_runq;	/* (s) run queue or sleep queue link */
	TAILQ_ENTRY(thread) td_plist;	/* (p) link on p_threads */
	const void	*td_wchan;	/* (s) what it sleeps on */
	uint64_t	td_timeout;	/* (s) tick to wake at, 0 for none */
	int		td_sleep_error;	/* (s) why it woke: 0, EINTR, EAGAIN */
	vm_offset_t	td_kstack;	/* (C) kernel stack base */
	struct trapframe *td_frame;	/* (C) user registers, top of kstack */
	struct pcb	td_pcb;		/* (o) saved registers when switched out */
	u_int		td_ast;		/* (A) TDA_* below: work to do on the
					   way back to user mode */
	sigset_t	td_sigmask;	/* (p) blocked signals */
	sigset_t	td_siglist;	/* (p) signals sent to this thread */
	struct sigpend_info td_sigpend[NSIG_HANDLED + 1]; /* (p) their senders */
	sigset_t	td_oldmask;	/* (p) mask to restore after sigsuspend */
	bool		td_sigsuspend;	/* (p) td_oldmask is set */
	long		*td_clear_tid;	/* (o) thr_exit stores 1 here and wakes */
	uint64_t	td_ast_signal;	/* (p) synchronous fault: signal number */
	struct ksiginfo	td_ksi;		/* (p) ... and its siginfo */
	uint64_t	td_runtime;	/* (s) counter ticks run, to the last switch */
	stack_t		td_sigstk;	/* (o) alternate signal stack */
	sigset_t	td_sigwait;	/* (p) signals sigwait waits for */
	bool		td_insigwait;	/* (p) td_sigwait is set */
	struct mdthread	td_md;		/* machine-dependent state */
};

/* td_flags */
#define TDF_SINTR	0x0002	/* sleep may be interrupted by a signal */
#define TDF_IDLE	0x0004	/* a CPU's idle thread */

/*
 * td_ast: the return to user mode (exception.S) takes its slow path,
 * userret(), only while one of these is set (or single step must be armed
 * or disarmed), so a system call with nothing to do pays one load and one
 * branch.  Anyone may set a bit (thread_ast_set, after the state it
 * announces is written); the thread itself clears it (TDA_RESCHED:
 * mi_switch) before it looks at that state, so a bit set meanwhile is seen
 * at the next return at the latest.
 */
#define TDA_RESCHED	0x0001	/* give up the CPU at the next chance */
#define TDA_SIGNAL	0x0002	/* a signal may be deliverable (posted, mask
				   changed) or the thread must leave */
#define TDA_MTE		0x0004	/* MTE control changed, or an async tag
				   fault noted at a switch (machine/mte.h) */
#define TDA_MTE_ASYNC	0x0008	/* the thread's tag-check mode is ASYNC or
				   ASYMM: look for a fault at every return */

enum proc_state {
	PRS_NEW,
	PRS_NORMAL,
	PRS_ZOMBIE,		/* exited; waits for its parent's wait4 */
};

struct proc {
	struct spinlock	p_lock;		/* protects (p) fields */
	int		p_pid;		/* (C) */
	char		p_comm[20];	/* (p) program name */
	enum proc_state	p_state;	/* (t) */
	struct proc	*p_parent;	/* (t) */
	TAILQ_ENTRY(proc) p_list;	/* (t) on allproc */
	TAILQ_ENTRY(proc) p_sibling;	/* (t) on the parent's p_children */
	TAILQ_HEAD(, proc) p_children;	/* (t) */
	TAILQ_HEAD(, thread) p_threads;	/* (p) */
	int		p_numthreads;	/* (p) */
	bool		p_exiting;	/* (p) exit has begun: threads stop */
	struct thread	*p_singlethread; /* (p) exec is making this thread the
					   only one: the others stop */
	int		p_xstat;	/* (t) wait status once a zombie */
	struct vmspace	*p_vmspace;	/* (C) address space (replaced by exec) */
	struct filedesc	*p_fd;		/* (C) open files */
	struct sigacts	p_sigacts;	/* (p) handlers, masks, flags */
	sigset_t	p_siglist;	/* (p) signals sent to the process */
	struct sigpend_info p_sigpend[NSIG_HANDLED + 1]; /* (p) their senders */
	vm_offset_t	p_sigcode;	/* (p) user address of the trampoline */
	uint64_t	p_runtime;	/* (p) counter ticks of exited threads */
	int		p_pgid;		/* (t) process group */
	int		p_sid;		/* (t) session */
	bool		p_execed;	/* (t) has called exec since fork */
	struct proc	*p_reaper;	/* (t) adopts its orphans: init or a
					   procctl reaper above it */
	bool		p_isreaper;	/* (t) PROC_REAP_ACQUIRE (init too) */
	int		p_reapsubtree;	/* (t) pid of the reaper's child above */
	uint64_t	p_itimer_expire; /* (t) tick ITIMER_REAL fires, 0: off */
	uint64_t	p_itimer_interval; /* (t) its reload, in ticks */
	struct rlimit	p_rlimit[RLIM_NLIMITS]; /* (p) resource limits */
	struct mdproc	p_md;		/* machine-dependent state */
};

extern struct spinlock proctree_lock;
extern TAILQ_HEAD(proclist, proc) allproc;
extern struct proc *initproc;

/* kern_sched.c */
extern struct spinlock sched_lock;
void	sched_init_cpu(struct thread *idle);
void	sched_add(struct thread *td);
void	sched_enqueue_locked(struct thread *td);
void	sched_switch_done(void);
void	sched_tick(void);
void	mi_switch(void);
void	sched_yield_cpu(void);
extern u_long sched_idle_ticks;
void	sched_idle_loop(void) __dead2;

/* kern_time.c */
void	itimer_tick(uint64_t now);

/* kern_synch.c; sleep_on and wakeup in sys/sleep.h */
void	wakeup_thread(struct thread *td, int error);
void	sleep_timeouts(uint64_t now);
extern volatile uint64_t ticks;

/* kern_thread.c */
struct thread *thread_alloc(struct proc *p);
void	thread_free(struct thread *td);
void	proc_ast_set(struct proc *p, u_int bits);
void	thread_exit(void) __dead2;

/* kern_kthread.c */
int	kthread_start(void (*fn)(void *), void *arg);

/* kern_proc.c, kern_fork.c, kern_exit.c */
struct proc *proc_alloc(void);
int	proc_link(struct proc *p, struct proc *parent);
void	proc_add_thread(struct proc *p, struct thread *td);
void	proc_remove_thread(struct proc *p, struct thread *td);
void	thread_leave(struct thread *td) __dead2;
struct proc *pfind(int pid);
bool	pgrp_exists(int pgid);
void	proc_inherit_ids(struct proc *child, struct proc *parent);
void	reaper_abandon(struct proc *p);
void	exit1(struct thread *td, int xstat) __dead2;
int	fork1(struct thread *td, int *child_pid);
void	proc0_start_init(void);
int	kern_execve(struct thread *td, const char *path, char *const *argv);
extern bool exec_map_at_zero;

/* kern_resource.c */
void	rlimit_init(struct proc *p);
rlim_t	lim_cur(struct proc *p, int resource);

/*
 * Ask td to do bits' work before it next returns to user mode.  Release:
 * the state the bits announce (a pending signal, a new MTE control) is
 * visible to td once it sees them.
 */
static inline void
thread_ast_set(struct thread *td, u_int bits)
{
	__atomic_fetch_or(&td->td_ast, bits, __ATOMIC_RELEASE);
}

/* Take bits off td's own return-to-user work; acquire: see above. */
static inline void
thread_ast_clear(struct thread *td, u_int bits)
{
	__atomic_fetch_and(&td->td_ast, ~bits, __ATOMIC_ACQUIRE);
}

/*
 * True if td must stop because its process is exiting, or exec is making
 * another thread the only one (p_lock held, or a hint without it).  Inline:
 * every return to user mode asks.
 */
static inline bool
thread_must_leave(const struct thread *td)
{
	const struct proc *p = td->td_proc;

	return (p->p_exiting ||
	    (p->p_singlethread != NULL && p->p_singlethread != td));
}

/*
 * True if td has a signal to take (pending for it or its process and not
 * blocked), or must leave because its process is exiting or exec'ing.
 * Called without locks as a hint (see sleep_on for why that is safe).
 * Every return to user mode asks, so it is inline, and the pending sets
 * are read as two 64-bit halves folded under the mask rather than
 * searched for a first signal: only whether there is one matters here.
 */
static inline bool
thread_signal_pending(const struct thread *td)
{
	const struct proc *p = td->td_proc;
	uint64_t t[2], q[2], m[2];

	if (p == NULL)
		return (false);
	if (thread_must_leave(td))
		return (true);
	_Static_assert(sizeof(sigset_t) == sizeof(t), "sigset_t is 128 bits");
	__builtin_memcpy(t, &td->td_siglist, sizeof(t));
	__builtin_memcpy(q, &p->p_siglist, sizeof(q));
	__builtin_memcpy(m, &td->td_sigmask, sizeof(m));
	return ((((t[0] | q[0]) & ~m[0]) | ((t[1] | q[1]) & ~m[1])) != 0);
}

#endif /* !_SYS_PROC_H_ */
