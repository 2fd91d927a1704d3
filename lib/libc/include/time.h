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

__BEGIN_DECLS
int	clock_gettime(clockid_t, struct timespec *);
int	nanosleep(const struct timespec *, struct timespec *);
time_t	time(time_t *);
__END_DECLS

#endif /* !_TIME_H_ */
