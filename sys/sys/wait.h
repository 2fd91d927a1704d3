/*
 * Waiting for children, one copy for the kernel (kern_exit.c) and libc
 * (lib/libc/include/sys/wait.h forwards here).  The status word is
 * FreeBSD's (docs/abi.md section 3.4):
 * the low 7 bits are 0 for an exit (code in bits 15:8), 0177 for a stop
 * (signal in bits 15:8), else the terminating signal; 0x13 means continued.
 */
#ifndef _SYS_WAIT_H_
#define	_SYS_WAIT_H_


#define	_W_INT(w)	(*(int *)&(w))
#define	_WSTATUS(x)	(_W_INT(x) & 0177)
#define	_WSTOPPED	0177
#define	WIFSTOPPED(x)	(_WSTATUS(x) == _WSTOPPED)
#define	WSTOPSIG(x)	(_W_INT(x) >> 8)
#define	WIFSIGNALED(x)	(_WSTATUS(x) != _WSTOPPED && _WSTATUS(x) != 0 && \
			    (x) != 0x13)
#define	WTERMSIG(x)	(_WSTATUS(x))
#define	WIFEXITED(x)	(_WSTATUS(x) == 0)
#define	WEXITSTATUS(x)	(_W_INT(x) >> 8)
#define	WIFCONTINUED(x)	((x) == 0x13)
#define	WCOREFLAG	0200
#define	WCOREDUMP(x)	(_W_INT(x) & WCOREFLAG)
#define	W_EXITCODE(ret, sig)	((ret) << 8 | (sig))
#define	W_STOPCODE(sig)		((sig) << 8 | _WSTOPPED)

#define	WNOHANG		1	/* don't hang in wait */
#define	WUNTRACED	2	/* tell about stopped, untraced children */
#define	WSTOPPED	WUNTRACED
#define	WCONTINUED	4	/* report a job control continued process */
#define	WNOWAIT		8	/* poll only, don't delete the proc */
#define	WEXITED		16	/* wait for exited processes */
#define	WTRAPPED	32	/* wait for a process to hit a trap */

#define	WAIT_ANY	(-1)	/* any process */
#define	WAIT_MYPGRP	0	/* any process in my process group */

/* wait6's idtype: which children (id) to wait for. */
typedef enum {
	P_PID,			/* the process id */
	P_PPID,			/* the parent (FreeBSD matches none) */
	P_PGID,			/* the process group */
	P_SID,			/* the session */
	P_CID,			/* scheduling class */
	P_UID,			/* user */
	P_GID,			/* group */
	P_ALL,			/* any child */
	P_LWPID,
	P_TASKID,
	P_PROJID,
	P_POOLID,
	P_JAILID,		/* jail */
	P_CTID,
	P_CPUID,
	P_PSETID
} idtype_t;

#define	WRUSAGE_SIZE	288	/* struct __wrusage: two struct rusage */

#ifndef _KERNEL
#include "sys/cdefs.h"
#include "sys/types.h"

struct rusage;
struct __wrusage;
struct __siginfo;

__BEGIN_DECLS
pid_t	wait(int *);
pid_t	waitpid(pid_t, int *, int);
pid_t	wait4(pid_t, int *, int, struct rusage *);
pid_t	wait6(idtype_t, __id_t, int *, int, struct __wrusage *,
	    struct __siginfo *);
int	waitid(idtype_t, __id_t, struct __siginfo *, int);
__END_DECLS
#endif /* !_KERNEL */

#endif /* !_SYS_WAIT_H_ */
