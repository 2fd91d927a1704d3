/*
 * _umtx_op(2), the one kernel primitive user-space locks sleep and wake
 * on (docs/abi.md section 4.3), one copy for the kernel (kern_umtx.c)
 * and libc (lib/libc/include/sys/umtx.h forwards here).  The WAIT ops sleep while *obj == val (64 bits
 * for WAIT, 32 bits for the UINT ops); uaddr2 is a timeout (NULL waits for
 * ever) and uaddr1 its size.  The WAKE ops wake at most val waiters.
 * WAIT and WAIT_UINT pair with WAKE; WAIT_UINT_PRIVATE with WAKE_PRIVATE.
 */
#ifndef _SYS_UMTX_H_
#define	_SYS_UMTX_H_

#include "sys/_types.h"
#include "sys/_timespec.h"

#define	UMTX_OP_RESERVED0	0
#define	UMTX_OP_RESERVED1	1
#define	UMTX_OP_WAIT		2
#define	UMTX_OP_WAKE		3
#define	UMTX_OP_MUTEX_TRYLOCK	4
#define	UMTX_OP_MUTEX_LOCK	5
#define	UMTX_OP_MUTEX_UNLOCK	6
#define	UMTX_OP_SET_CEILING	7
#define	UMTX_OP_CV_WAIT		8
#define	UMTX_OP_CV_SIGNAL	9
#define	UMTX_OP_CV_BROADCAST	10
#define	UMTX_OP_WAIT_UINT	11
#define	UMTX_OP_RW_RDLOCK	12
#define	UMTX_OP_RW_WRLOCK	13
#define	UMTX_OP_RW_UNLOCK	14
#define	UMTX_OP_WAIT_UINT_PRIVATE 15
#define	UMTX_OP_WAKE_PRIVATE	16
#define	UMTX_OP_MUTEX_WAIT	17
#define	UMTX_OP_MUTEX_WAKE	18	/* deprecated */
#define	UMTX_OP_SEM_WAIT	19	/* deprecated */
#define	UMTX_OP_SEM_WAKE	20	/* deprecated */
#define	UMTX_OP_NWAKE_PRIVATE	21
#define	UMTX_OP_MUTEX_WAKE2	22
#define	UMTX_OP_SEM2_WAIT	23
#define	UMTX_OP_SEM2_WAKE	24
#define	UMTX_OP_SHM		25
#define	UMTX_OP_ROBUST_LISTS	26

#define	UMTX_ABSTIME		0x01	/* _timeout is an absolute time */

/* A timeout longer than a bare timespec: uaddr1 = sizeof(struct _umtx_time). */
struct _umtx_time {
	struct timespec	_timeout;
	__uint32_t	_flags;		/* UMTX_ABSTIME */
	__uint32_t	_clockid;	/* CLOCK_* */
};

#ifdef _KERNEL
struct thread;

/* Wake up to n threads waiting on the user address uaddr of td's process. */
int	umtx_wake(struct thread *td, __uint64_t uaddr, int n);
#else
#include "sys/cdefs.h"

__BEGIN_DECLS
int	_umtx_op(void *, int, unsigned long, void *, void *);
__END_DECLS
#endif /* _KERNEL */

#endif /* !_SYS_UMTX_H_ */
