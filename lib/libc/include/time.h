/* Clocks and sleeping (FREEBSD-ABI.md 4 for the clock ids). */
#ifndef _TIME_H_
#define	_TIME_H_

#include <sys/cdefs.h>
#include <sys/_types.h>
#include <sys/_timespec.h>
#include <stddef.h>

#ifndef _CLOCKID_T_DECLARED
typedef	__clockid_t	clockid_t;
#define	_CLOCKID_T_DECLARED
#endif

#define	CLOCK_REALTIME		0
#define	CLOCK_VIRTUAL		1
#define	CLOCK_PROF		2
#define	CLOCK_MONOTONIC		4
#define	CLOCK_UPTIME		5
#define	CLOCK_UPTIME_PRECISE	7
#define	CLOCK_UPTIME_FAST	8
#define	CLOCK_REALTIME_PRECISE	9
#define	CLOCK_REALTIME_FAST	10
#define	CLOCK_MONOTONIC_PRECISE	11
#define	CLOCK_MONOTONIC_FAST	12
#define	CLOCK_SECOND		13
#define	CLOCK_THREAD_CPUTIME_ID	14
#define	CLOCK_PROCESS_CPUTIME_ID 15

#define	TIMER_ABSTIME		0x1	/* absolute timer */

__BEGIN_DECLS
int	clock_gettime(clockid_t, struct timespec *);
int	nanosleep(const struct timespec *, struct timespec *);
time_t	time(time_t *);
__END_DECLS

#endif /* !_TIME_H_ */
