/*
 * Error numbers: FreeBSD's values (sys/sys/errno.h), which are TagOS's
 * user ABI.  Kernel functions return them (0 for success).
 */
#ifndef _SYS_ERRNO_H_
#define _SYS_ERRNO_H_

#define EPERM		1
#define ENOENT		2
#define ESRCH		3
#define EINTR		4
#define EIO		5
#define ENXIO		6
#define E2BIG		7
#define ENOEXEC		8
#define EBADF		9
#define ECHILD		10
#define EDEADLK		11
#define ENOMEM		12
#define EACCES		13
#define EFAULT		14
#define EBUSY		16
#define EEXIST		17
#define ENODEV		19
#define ENOTDIR		20
#define EISDIR		21
#define EINVAL		22
#define ENFILE		23
#define EMFILE		24
#define ENOTTY		25
#define EFBIG		27
#define ENOSPC		28
#define ESPIPE		29
#define EPIPE		32
#define ERANGE		34
#define EAGAIN		35
#define EWOULDBLOCK	EAGAIN
#define EOPNOTSUPP	45
#define ETIMEDOUT	60
#define ENAMETOOLONG	63
#define ENOSYS		78
#define EOVERFLOW	84

/* Kernel-internal: restart the system call (never seen by users). */
#define ERESTART	(-1)
/* Kernel-internal: return to user mode without touching x0/x1 (sigreturn). */
#define EJUSTRETURN	(-2)

#endif /* !_SYS_ERRNO_H_ */
