/* Clocks and sleeping (docs/abi.md section 3.6 for the clock ids). */
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

#include "../../../sys/sys/_clock_id.h"

#define	TIMER_ABSTIME		0x1	/* absolute timer */

/* A broken-down time, FreeBSD's layout.  TagOS's only zone is UTC. */
struct tm {
	int	tm_sec;		/* seconds after the minute [0-60] */
	int	tm_min;		/* minutes after the hour [0-59] */
	int	tm_hour;	/* hours since midnight [0-23] */
	int	tm_mday;	/* day of the month [1-31] */
	int	tm_mon;		/* months since January [0-11] */
	int	tm_year;	/* years since 1900 */
	int	tm_wday;	/* days since Sunday [0-6] */
	int	tm_yday;	/* days since January 1 [0-365] */
	int	tm_isdst;	/* Daylight Savings Time flag */
	long	tm_gmtoff;	/* offset from UTC in seconds */
	char	*tm_zone;	/* timezone abbreviation */
};

__BEGIN_DECLS
char	*asctime(const struct tm *);
char	*asctime_r(const struct tm *, char *);
int	clock_gettime(clockid_t, struct timespec *);
char	*ctime(const time_t *);
char	*ctime_r(const time_t *, char *);
double	difftime(time_t, time_t);
struct tm *gmtime(const time_t *);
struct tm *gmtime_r(const time_t *, struct tm *);
struct tm *localtime(const time_t *);
struct tm *localtime_r(const time_t *, struct tm *);
time_t	mktime(struct tm *);
int	nanosleep(const struct timespec *, struct timespec *);
size_t	strftime(char * __restrict, size_t, const char * __restrict,
	    const struct tm * __restrict);
time_t	time(time_t *);
time_t	timegm(struct tm *);
void	tzset(void);
__END_DECLS

#endif /* !_TIME_H_ */
