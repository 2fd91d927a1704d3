/*
 * procctl(2), one copy for the kernel and libc
 * (lib/libc/include/sys/procctl.h forwards here).  TagOS implements the
 * reaper commands; numbers and layouts are FreeBSD's (docs/abi.md
 * section 4.6).
 */
#ifndef _SYS_PROCCTL_H_
#define	_SYS_PROCCTL_H_

#include "sys/_types.h"

#define	PROC_SPROTECT		1	/* set protected state */
#define	PROC_REAP_ACQUIRE	2	/* become the reaper of descendants */
#define	PROC_REAP_RELEASE	3	/* stop being one */
#define	PROC_REAP_STATUS	4	/* the reaper and its descendants */
#define	PROC_REAP_GETPIDS	5	/* list the descendants */
#define	PROC_REAP_KILL		6	/* signal the descendants */

/* PROC_REAP_STATUS, 80 bytes. */
struct procctl_reaper_status {
	__uint32_t	rs_flags;	/* REAPER_STATUS_* */
	__uint32_t	rs_children;	/* children of the reaper */
	__uint32_t	rs_descendants;	/* processes it reaps, at any depth */
	__int32_t	rs_reaper;	/* the reaper's pid */
	__int32_t	rs_pid;		/* a child or descendant, or -1 */
	__uint32_t	rs_pad0[15];
};

#define	REAPER_STATUS_OWNED	0x00000001	/* the caller is a reaper */
#define	REAPER_STATUS_REALINIT	0x00000002	/* the reaper is init */

/* PROC_REAP_KILL, 80 bytes. */
struct procctl_reaper_kill {
	int		rk_sig;		/* the signal */
	__uint32_t	rk_flags;	/* REAPER_KILL_* */
	__int32_t	rk_subtree;	/* REAPER_KILL_SUBTREE: which one */
	__uint32_t	rk_killed;	/* out: how many were signalled */
	__int32_t	rk_fpid;	/* out: the first that could not be */
	__uint32_t	rk_pad0[15];
};

#define	REAPER_KILL_CHILDREN	0x00000001	/* only the reaper's children */
#define	REAPER_KILL_SUBTREE	0x00000002	/* only under rk_subtree */

#ifndef _KERNEL
#include "sys/cdefs.h"
#include "sys/wait.h"

__BEGIN_DECLS
int	procctl(idtype_t, __id_t, int, void *);
__END_DECLS
#endif /* !_KERNEL */

#endif /* !_SYS_PROCCTL_H_ */
