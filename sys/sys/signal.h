/*
 * Signal numbers, codes and the structures the kernel reads and writes,
 * with FreeBSD's values and arm64 layouts (docs/abi.md section 3.2).  The
 * MTE fault codes are TagOS's (Linux's values; FreeBSD has none).  One
 * copy for the kernel and libc (lib/libc/include/sys/signal.h forwards
 * here); the kernel's own signal bookkeeping is under _KERNEL at the end.
 * Assembly (libc's setjmp.S) sees only the signal numbers and the
 * sigprocmask() operations.
 */
#ifndef _SYS_SIGNAL_H_
#define	_SYS_SIGNAL_H_

#ifndef __ASSEMBLER__
#include "sys/_types.h"
#include "sys/_sigset.h"
#endif

#define	SIGHUP		1	/* hangup */
#define	SIGINT		2	/* interrupt */
#define	SIGQUIT		3	/* quit */
#define	SIGILL		4	/* illegal instr. (not reset when caught) */
#define	SIGTRAP		5	/* trace trap (not reset when caught) */
#define	SIGABRT		6	/* abort() */
#define	SIGIOT		SIGABRT	/* compatibility */
#define	SIGEMT		7	/* EMT instruction */
#define	SIGFPE		8	/* floating point exception */
#define	SIGKILL		9	/* kill (cannot be caught or ignored) */
#define	SIGBUS		10	/* bus error */
#define	SIGSEGV		11	/* segmentation violation, and MTE tag faults */
#define	SIGSYS		12	/* non-existent system call invoked */
#define	SIGPIPE		13	/* write on a pipe with no one to read it */
#define	SIGALRM		14	/* alarm clock */
#define	SIGTERM		15	/* software termination signal from kill */
#define	SIGURG		16	/* urgent condition on IO channel */
#define	SIGSTOP		17	/* sendable stop signal not from tty */
#define	SIGTSTP		18	/* stop signal from tty */
#define	SIGCONT		19	/* continue a stopped process */
#define	SIGCHLD		20	/* to parent on child stop or exit */
#define	SIGTTIN		21	/* to readers pgrp upon background tty read */
#define	SIGTTOU		22	/* like TTIN if (tp->t_local&LTOSTOP) */
#define	SIGIO		23	/* input/output possible signal */
#define	SIGXCPU		24	/* exceeded CPU time limit */
#define	SIGXFSZ		25	/* exceeded file size limit */
#define	SIGVTALRM	26	/* virtual time alarm */
#define	SIGPROF		27	/* profiling time alarm */
#define	SIGWINCH	28	/* window size changes */
#define	SIGINFO		29	/* information request */
#define	SIGUSR1		30	/* user defined signal 1 */
#define	SIGUSR2		31	/* user defined signal 2 */
#define	SIGTHR		32	/* reserved by thread library */
#define	SIGLWP		SIGTHR
#define	SIGLIBRT	33	/* reserved by real-time library */
#define	SIGRTMIN	65
#define	SIGRTMAX	126
#define	NSIG		32	/* number of old signals (counting 0) */

/* How sigprocmask() changes the mask. */
#define	SIG_BLOCK	1	/* block specified signal set */
#define	SIG_UNBLOCK	2	/* unblock specified signal set */
#define	SIG_SETMASK	3	/* set specified signal set */

#ifndef __ASSEMBLER__
typedef	void	__sighandler_t(int);

#define	SIG_DFL		((__sighandler_t *)0)
#define	SIG_IGN		((__sighandler_t *)1)
#define	SIG_ERR		((__sighandler_t *)-1)

#ifndef _SIGSET_T_DECLARED
typedef	__sigset_t	sigset_t;
#define	_SIGSET_T_DECLARED
#endif
#ifndef _KERNEL
typedef	__sighandler_t	*sig_t;
typedef	__sig_atomic_t	sig_atomic_t;
#ifndef _PID_T_DECLARED
typedef	__pid_t		pid_t;
#define	_PID_T_DECLARED
#endif
#ifndef _UID_T_DECLARED
typedef	__uid_t		uid_t;
#define	_UID_T_DECLARED
#endif
#ifndef _SIZE_T_DECLARED
typedef	__size_t	size_t;
#define	_SIZE_T_DECLARED
#endif
#endif /* !_KERNEL */

union sigval {
	int	sival_int;
	void	*sival_ptr;
	/* 6.0 compatibility */
	int	sigval_int;
	void	*sigval_ptr;
};

/*
 * Signal information, 80 bytes.  For a fault si_addr is the faulting
 * address (FAR) and si_trapno the ESR exception class.  For an MTE tag
 * fault: SEGV_MTESERR with si_addr carrying the pointer's tag in bits
 * 59:56, or SEGV_MTEAERR with si_addr 0 (docs/abi.md section 6).
 */
typedef	struct __siginfo {
	int	si_signo;		/* signal number */
	int	si_errno;		/* errno association */
	int	si_code;		/* signal code */
	__int32_t si_pid;		/* sending process (pid_t) */
	__uint32_t si_uid;		/* sender's ruid (uid_t) */
	int	si_status;		/* exit value */
	void	*si_addr;		/* faulting address */
	union sigval si_value;		/* signal value */
	union {
		struct {
			int	_trapno;	/* machine specific trap code */
		} _fault;
		struct {
			int	_timerid;
			int	_overrun;
		} _timer;
		struct {
			int	_mqd;
		} _mesgq;
		struct {
			long	_band;		/* band event for SIGPOLL */
		} _poll;
		struct {
			int	_syscall;
		} _capsicum;
		struct {
			long	__spare1__;
			int	__spare2__[7];
		} __spare__;
	} _reason;
} siginfo_t;

#define	si_trapno	_reason._fault._trapno
#define	si_timerid	_reason._timer._timerid
#define	si_overrun	_reason._timer._overrun
#define	si_mqd		_reason._mesgq._mqd
#define	si_band		_reason._poll._band
#define	si_syscall	_reason._capsicum._syscall

_Static_assert(sizeof(siginfo_t) == 80, "siginfo_t is 80 bytes");
_Static_assert(__builtin_offsetof(siginfo_t, si_addr) == 24, "si_addr at 24");
_Static_assert(__builtin_offsetof(siginfo_t, si_value) == 32, "si_value at 32");
_Static_assert(__builtin_offsetof(siginfo_t, _reason) == 40, "_reason at 40");

/* si_code for signals sent by a process or the kernel. */
#define	SI_NOINFO	0
#define	SI_USER		0x10001		/* kill(2) */
#define	SI_QUEUE	0x10002		/* sigqueue(3) */
#define	SI_TIMER	0x10003		/* timer expiry */
#define	SI_ASYNCIO	0x10004		/* asynchronous I/O completion */
#define	SI_MESGQ	0x10005		/* message queue arrival */
#define	SI_KERNEL	0x10006
#define	SI_LWP		0x10007		/* thr_kill(2) */

/* SIGILL codes. */
#define	ILL_ILLOPC	1	/* illegal opcode */
#define	ILL_ILLOPN	2	/* illegal operand */
#define	ILL_ILLADR	3	/* illegal addressing mode */
#define	ILL_ILLTRP	4	/* illegal trap */
#define	ILL_PRVOPC	5	/* privileged opcode */
#define	ILL_PRVREG	6	/* privileged register */
#define	ILL_COPROC	7	/* coprocessor error */
#define	ILL_BADSTK	8	/* internal stack error */

/* SIGBUS codes. */
#define	BUS_ADRALN	1	/* invalid address alignment */
#define	BUS_ADRERR	2	/* nonexistent physical address */
#define	BUS_OBJERR	3	/* object-specific hardware error */
#define	BUS_OOMERR	100	/* no memory for the page */

/* SIGSEGV codes. */
#define	SEGV_MAPERR	1	/* address not mapped to object */
#define	SEGV_ACCERR	2	/* invalid permissions for mapped object */
#define	SEGV_MTEAERR	8	/* MTE tag mismatch, asynchronous */
#define	SEGV_MTESERR	9	/* MTE tag mismatch, synchronous */
#define	SEGV_PKUERR	100	/* protection key violation */

/* SIGFPE codes. */
#define	FPE_INTOVF	1	/* integer overflow */
#define	FPE_INTDIV	2	/* integer divide by zero */
#define	FPE_FLTDIV	3	/* floating point divide by zero */
#define	FPE_FLTOVF	4	/* floating point overflow */
#define	FPE_FLTUND	5	/* floating point underflow */
#define	FPE_FLTRES	6	/* floating point inexact result */
#define	FPE_FLTINV	7	/* invalid floating point operation */
#define	FPE_FLTSUB	8	/* subscript out of range */

/* SIGTRAP codes. */
#define	TRAP_BRKPT	1	/* process breakpoint */
#define	TRAP_TRACE	2	/* process trace trap */

/* SIGCHLD codes. */
#define	CLD_EXITED	1	/* child has exited */
#define	CLD_KILLED	2	/* child has terminated abnormally */
#define	CLD_DUMPED	3	/* child has terminated, dumped core */
#define	CLD_TRAPPED	4	/* traced child has trapped */
#define	CLD_STOPPED	5	/* child has stopped */
#define	CLD_CONTINUED	6	/* stopped child has continued */

/*
 * The action for a signal, 32 bytes: handler at 0, sa_flags at 8, sa_mask
 * at 12.  There is no sa_restorer: the kernel returns through its own
 * trampoline (docs/abi.md section 3.3).
 */
struct sigaction {
	union {
		void	(*__sa_handler)(int);
		void	(*__sa_sigaction)(int, struct __siginfo *, void *);
	} __sigaction_u;		/* signal handler */
	int	sa_flags;		/* see signal options below */
	sigset_t sa_mask;		/* signal mask to apply */
};
#define	sa_handler	__sigaction_u.__sa_handler
#define	sa_sigaction	__sigaction_u.__sa_sigaction

_Static_assert(sizeof(struct sigaction) == 32, "struct sigaction is 32 bytes");
_Static_assert(__builtin_offsetof(struct sigaction, sa_flags) == 8,
    "sa_flags at 8");
_Static_assert(__builtin_offsetof(struct sigaction, sa_mask) == 12,
    "sa_mask at 12");

#define	SA_ONSTACK	0x0001	/* take signal on signal stack */
#define	SA_RESTART	0x0002	/* restart system call on signal return */
#define	SA_RESETHAND	0x0004	/* reset to SIG_DFL when taking signal */
#define	SA_NOCLDSTOP	0x0008	/* do not generate SIGCHLD on child stop */
#define	SA_NODEFER	0x0010	/* don't mask the signal we're delivering */
#define	SA_NOCLDWAIT	0x0020	/* don't keep zombies around */
#define	SA_SIGINFO	0x0040	/* signal handler with SA_SIGINFO args */

/* An alternate signal stack, 24 bytes. */
typedef struct sigaltstack {
	void		*ss_sp;		/* signal stack base */
	__size_t	ss_size;	/* signal stack length */
	int		ss_flags;	/* SS_DISABLE and/or SS_ONSTACK */
} stack_t;

_Static_assert(sizeof(stack_t) == 24, "stack_t is 24 bytes");

#define	SS_ONSTACK	0x0001	/* take signal on alternate stack */
#define	SS_DISABLE	0x0004	/* disable taking signals on alternate stack */
#define	MINSIGSTKSZ	4096	/* minimum stack size */
#define	SIGSTKSZ	(MINSIGSTKSZ + 32768)	/* recommended stack size */

#ifdef _KERNEL
/*
 * The kernel's signal bookkeeping.  struct ksiginfo is siginfo_t with
 * integer addresses, so kernel code does arithmetic on them without casts;
 * exec_machdep.c checks at compile time that the layouts match.
 */
#define	NSIG_HANDLED	64		/* sigacts entries: 1..64 */

#define	SIGADDSET(set, sig)	((set).__bits[_SIG_WORD(sig)] |= _SIG_BIT(sig))
#define	SIGDELSET(set, sig)	((set).__bits[_SIG_WORD(sig)] &= ~_SIG_BIT(sig))
#define	SIGISMEMBER(set, sig)	(((set).__bits[_SIG_WORD(sig)] & _SIG_BIT(sig)) != 0)

/* siginfo_t as the kernel fills it. */
struct ksiginfo {
	int		si_signo;	/* 0 */
	int		si_errno;	/* 4 */
	int		si_code;	/* 8 */
	__int32_t	si_pid;		/* 12 */
	__uint32_t	si_uid;		/* 16 */
	int		si_status;	/* 20 */
	__uint64_t	si_addr;	/* 24 */
	__uint64_t	si_value;	/* 32 */
	struct {
		struct {
			int	_trapno;	/* si_trapno */
		} _fault;
		int	__spare[9];
	} _reason;			/* 40 */
};

/* Who sent a pending signal, for its siginfo. */
struct sigpend_info {
	int		code;		/* si_code */
	__int32_t	pid;		/* si_pid */
	int		status;		/* si_status */
};

/* A process's signal dispositions. */
struct sigacts {
	struct sigaction ps_act[NSIG_HANDLED + 1];	/* indexed by signal */
};
#endif /* _KERNEL */
#endif /* !__ASSEMBLER__ */

#endif /* !_SYS_SIGNAL_H_ */
