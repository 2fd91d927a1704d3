/*
 * Kernel threads (docs/abi.md section 4.2), one copy for the kernel
 * (kern_thr.c) and libc (lib/libc/include/sys/thr.h forwards here).  thr_new() starts a thread at
 * start_func(arg) on the given stack with tpidr_el0 = tls_base, and stores
 * its id in *child_tid and *parent_tid; thr_exit(state) stores 1 in *state
 * and wakes its UMTX_OP_WAIT waiters, which is how a joiner learns that
 * the thread is gone.
 */
#ifndef _SYS_THR_H_
#define	_SYS_THR_H_

#include "sys/_types.h"

#define	THR_SUSPENDED		0x0001	/* create in suspended state */
#define	THR_SYSTEM_SCOPE	0x0002	/* system scope thread */

struct rtprio;

struct thr_param {
	void		(*start_func)(void *);	/* thread entry function */
	void		*arg;			/* its argument */
	char		*stack_base;		/* stack base address */
	__size_t	stack_size;		/* stack size */
	char		*tls_base;		/* tpidr_el0 for the thread */
	__size_t	tls_size;		/* tls size */
	long		*child_tid;		/* address to store new TID */
	long		*parent_tid;		/* parent accesses the new TID */
	int		flags;			/* THR_* */
	struct rtprio	*rtp;			/* real-time scheduling priority */
	void		*spare[3];
};

_Static_assert(sizeof(struct thr_param) == 104,
    "struct thr_param is 104 bytes");
_Static_assert(__builtin_offsetof(struct thr_param, flags) == 64,
    "flags at 64");

#ifndef _KERNEL
#include "sys/cdefs.h"

__BEGIN_DECLS
int	thr_new(struct thr_param *, int);
void	thr_exit(long *);
int	thr_self(long *);
int	thr_kill(long, int);
__END_DECLS
#endif /* !_KERNEL */

#endif /* !_SYS_THR_H_ */
