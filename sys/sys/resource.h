/*
 * Resource limits, one copy for the kernel and libc
 * (lib/libc/include/sys/resource.h forwards here).  Numbers and layout
 * are FreeBSD's (docs/abi.md section 3.8).
 */
#ifndef _SYS_RESOURCE_H_
#define	_SYS_RESOURCE_H_

#include "sys/_types.h"

typedef	__int64_t	rlim_t;

#define	RLIMIT_CPU	0	/* maximum cpu time in seconds */
#define	RLIMIT_FSIZE	1	/* maximum file size */
#define	RLIMIT_DATA	2	/* data size */
#define	RLIMIT_STACK	3	/* stack size */
#define	RLIMIT_CORE	4	/* core file size */
#define	RLIMIT_RSS	5	/* resident set size */
#define	RLIMIT_MEMLOCK	6	/* locked-in-memory address space */
#define	RLIMIT_NPROC	7	/* number of processes */
#define	RLIMIT_NOFILE	8	/* number of open files */
#define	RLIMIT_SBSIZE	9	/* maximum size of all socket buffers */
#define	RLIMIT_VMEM	10	/* virtual process size (incl. mmap) */
#define	RLIMIT_AS	RLIMIT_VMEM	/* standard name for RLIMIT_VMEM */
#define	RLIMIT_NPTS	11	/* pseudo-terminals */
#define	RLIMIT_SWAP	12	/* swap used */
#define	RLIMIT_KQUEUES	13	/* kqueues allocated */
#define	RLIMIT_UMTXP	14	/* process-shared umtx */
#define	RLIMIT_PIPEBUF	15	/* pipes/fifos buffers */

#define	RLIM_NLIMITS	16	/* number of resource limits */

#define	RLIM_INFINITY	((rlim_t)(((__uint64_t)1 << 63) - 1))
#define	RLIM_SAVED_MAX	RLIM_INFINITY
#define	RLIM_SAVED_CUR	RLIM_INFINITY

struct rlimit {
	rlim_t	rlim_cur;		/* current (soft) limit */
	rlim_t	rlim_max;		/* maximum value for rlim_cur */
};

#ifndef _KERNEL
#include "sys/cdefs.h"

__BEGIN_DECLS
int	getrlimit(int, struct rlimit *);
int	setrlimit(int, const struct rlimit *);
__END_DECLS
#endif /* !_KERNEL */

#endif /* !_SYS_RESOURCE_H_ */
