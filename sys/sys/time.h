/*
 * Interval timers, one copy for the kernel and libc
 * (lib/libc/include/sys/time.h forwards here).  FreeBSD's layout:
 * struct timeval is 16 bytes, struct itimerval 32 (docs/abi.md section 3.6).
 */
#ifndef _SYS_TIME_H_
#define	_SYS_TIME_H_

#include "sys/_types.h"

struct timeval {
	__int64_t	tv_sec;		/* seconds */
	long		tv_usec;	/* and microseconds */
};

struct itimerval {
	struct timeval	it_interval;	/* timer interval */
	struct timeval	it_value;	/* current value */
};

#define	ITIMER_REAL	0	/* wall clock: SIGALRM */
#define	ITIMER_VIRTUAL	1	/* user CPU time: SIGVTALRM (not in TagOS) */
#define	ITIMER_PROF	2	/* CPU time: SIGPROF (not in TagOS) */

#ifndef _KERNEL
#include "sys/cdefs.h"

__BEGIN_DECLS
int	getitimer(int, struct itimerval *);
int	setitimer(int, const struct itimerval *, struct itimerval *);
__END_DECLS
#endif /* !_KERNEL */

#endif /* !_SYS_TIME_H_ */
