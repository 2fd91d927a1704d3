/*
 * struct timespec alone, for the headers that need it (16 bytes), one copy
 * for the kernel and libc.
 */
#ifndef _SYS__TIMESPEC_H_
#define	_SYS__TIMESPEC_H_

#include "sys/_types.h"

#ifndef _KERNEL
#ifndef _TIME_T_DECLARED
typedef	__time_t	time_t;
#define	_TIME_T_DECLARED
#endif
#endif

struct timespec {
	__int64_t	tv_sec;		/* seconds (time_t) */
	long		tv_nsec;	/* and nanoseconds */
};

#endif /* !_SYS__TIMESPEC_H_ */
