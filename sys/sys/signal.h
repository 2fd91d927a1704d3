/*
 * Signals, kernel side.  Numbers, siginfo_t and struct sigaction have
 * FreeBSD's arm64 layout (the user ABI); SEGV_MTEAERR/SEGV_MTESERR are
 * Linux's values, as SPEC.md fixes them.
 */
#ifndef _SYS_SIGNAL_H_
#define _SYS_SIGNAL_H_

#include "sys/types.h"

#define SIGHUP		1
#define SIGINT		2
#define SIGQUIT		3
#define SIGILL		4
#define SIGTRAP		5
#define SIGABRT		6
#define SIGEMT		7
#define SIGFPE		8
#define SIGKILL		9
#define SIGBUS		10
#define SIGSEGV		11
#define SIGSYS		12
#define SIGPIPE		13
#define SIGALRM		14
#define SIGTERM		15
#define SIGURG		16
#define SIGSTOP		17
#define SIGTSTP		18
#define SIGCONT		19
#define SIGCHLD		20
#define SIGTTIN		21
#define SIGTTOU		22
#define SIGIO		23
#define SIGXCPU		24
#define SIGXFSZ		25
#define SIGVTALRM	26
#define SIGPROF		27
#define SIGWINCH	28
#define SIGINFO		29
#define SIGUSR1		30
#define SIGUSR2		31
#define SIGTHR		32
#define _SIG_MAXSIG	128		/* signals 1..128 fit a sigset_t */
#define NSIG_HANDLED	64		/* sigacts entries: 1..64 */

typedef struct {
	uint32_t	__bits[4];
} sigset_t;

#define _SIG_WORD(sig)	(((sig) - 1) >> 5)
#define _SIG_BIT(sig)	(1u << (((sig) - 1) & 31))
#define SIGADDSET(set, sig)	((set).__bits[_SIG_WORD(sig)] |= _SIG_BIT(sig))
#define SIGDELSET(set, sig)	((set).__bits[_SIG_WORD(sig)] &= ~_SIG_BIT(sig))
#define SIGISMEMBER(set, sig)	(((set).__bits[_SIG_WORD(sig)] & _SIG_BIT(sig)) != 0)

/* si_code values. */
#define SI_USER		0x10001
#define SI_KERNEL	0x10006
#define SI_LWP		0x10007
#define SEGV_MAPERR	1
#define SEGV_ACCERR	2
#define SEGV_MTEAERR	8
#define SEGV_MTESERR	9
#define BUS_ADRALN	1
#define BUS_ADRERR	2
#define BUS_OBJERR	3
#define BUS_OOMERR	100	/* no memory to resolve a fault */
#define ILL_ILLOPC	1
#define ILL_ILLOPN	2
#define ILL_PRVREG	6
#define TRAP_BRKPT	1
#define CLD_EXITED	1
#define CLD_KILLED	2
#define CLD_DUMPED	3

/* siginfo_t: 80 bytes, FreeBSD layout. */
struct ksiginfo {
	int		si_signo;	/* 0 */
	int		si_errno;	/* 4 */
	int		si_code;	/* 8 */
	int32_t		si_pid;		/* 12 */
	uint32_t	si_uid;		/* 16 */
	int		si_status;	/* 20 */
	uint64_t	si_addr;	/* 24 */
	uint64_t	si_value;	/* 32 */
	int		si_trapno;	/* 40: _reason._fault._trapno */
	int		__spare[9];
};

/* struct sigaction, FreeBSD layout (32 bytes). */
struct ksigaction {
	uint64_t	sa_handler;	/* 0: SIG_DFL 0, SIG_IGN 1, or a function */
	int		sa_flags;	/* 8 */
	sigset_t	sa_mask;	/* 12 */
};

#define SIG_DFL		0
#define SIG_IGN		1
#define SA_ONSTACK	0x0001
#define SA_RESTART	0x0002
#define SA_RESETHAND	0x0004
#define SA_NOCLDSTOP	0x0008
#define SA_NODEFER	0x0010
#define SA_NOCLDWAIT	0x0020
#define SA_SIGINFO	0x0040
#define SIG_BLOCK	1
#define SIG_UNBLOCK	2
#define SIG_SETMASK	3

/* Who sent a pending signal, for its siginfo. */
struct sigpend_info {
	int		code;		/* si_code */
	int32_t		pid;		/* si_pid */
	int		status;		/* si_status */
};

/* A process's signal dispositions. */
struct sigacts {
	struct ksigaction ps_act[NSIG_HANDLED + 1];	/* indexed by signal */
};

#endif /* !_SYS_SIGNAL_H_ */
