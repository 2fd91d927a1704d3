/*
 * errno: the FreeBSD values of <sys/errno.h>, and errno itself, which is
 * per thread: __error() returns the calling thread's slot.
 */
#ifndef _ERRNO_H_
#define	_ERRNO_H_

#include <sys/cdefs.h>
#include <sys/errno.h>

__BEGIN_DECLS
int	*__error(void) __pure2;
__END_DECLS

#define	errno	(*__error())

#endif /* !_ERRNO_H_ */
