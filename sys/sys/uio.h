/*
 * Scatter/gather I/O: struct iovec for readv(2) and writev(2), FreeBSD's
 * layout (16 bytes).  One copy for the kernel and for programs
 * (lib/libc/include/sys/uio.h forwards here).
 */
#ifndef _SYS_UIO_H_
#define	_SYS_UIO_H_

#include "sys/_types.h"

struct iovec {
	void		*iov_base;	/* where the bytes are */
	__size_t	iov_len;	/* how many */
};

_Static_assert(sizeof(struct iovec) == 16, "struct iovec is 16 bytes");

#define	IOV_MAX		1024	/* most iovecs per call (FreeBSD's UIO_MAXIOV) */

#ifndef _KERNEL
#include <sys/cdefs.h>
#include <sys/types.h>

__BEGIN_DECLS
ssize_t	readv(int, const struct iovec *, int);
ssize_t	writev(int, const struct iovec *, int);
__END_DECLS
#endif /* !_KERNEL */

#endif /* !_SYS_UIO_H_ */
