/*
 * Basic types, one copy for the kernel and programs
 * (lib/libc/include/sys/types.h forwards here).
 *
 * The kernel uses only compiler-provided freestanding headers, so the same
 * machine-independent sources build in the kernel and in host unit tests;
 * its other VM types are under _KERNEL.  Programs get the POSIX and BSD system
 * types with FreeBSD's arm64 sizes (see <sys/_types.h>) and, as FreeBSD's
 * <sys/types.h> does, the compiler's <stdint.h> and <stddef.h>.
 */
#ifndef _SYS_TYPES_H_
#define	_SYS_TYPES_H_

#include "sys/_types.h"

typedef	unsigned char	u_char;
typedef	unsigned short	u_short;
typedef	unsigned int	u_int;
typedef	unsigned long	u_long;
typedef	__register_t	register_t;	/* a general register, signed */
typedef	__u_register_t	u_register_t;
typedef	__uint64_t	vm_offset_t;	/* virtual address */
typedef	__uint64_t	vm_size_t;	/* size of a virtual or physical range */

#ifdef _KERNEL
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef	uint64_t	vm_paddr_t;	/* physical address */
typedef	uint64_t	vm_pindex_t;	/* page index in an object */
typedef	uint8_t		vm_prot_t;	/* VM_PROT_* bits */
typedef	int64_t		off_t;		/* byte offset on a disk (sys/bio.h) */
#define	_OFF_T_DECLARED
#else /* !_KERNEL */
#include <sys/cdefs.h>
#include <stddef.h>
#include <stdint.h>

typedef	__uint8_t	u_int8_t;
typedef	__uint16_t	u_int16_t;
typedef	__uint32_t	u_int32_t;
typedef	__uint64_t	u_int64_t;
typedef	char		*caddr_t;
typedef	const char	*c_caddr_t;

typedef	__blkcnt_t	blkcnt_t;
typedef	__blksize_t	blksize_t;
typedef	__fflags_t	fflags_t;
typedef	__ino_t		ino_t;
typedef	__lwpid_t	lwpid_t;
typedef	__nlink_t	nlink_t;

#ifndef _CLOCK_T_DECLARED
typedef	__clock_t	clock_t;
#define	_CLOCK_T_DECLARED
#endif
#ifndef _CLOCKID_T_DECLARED
typedef	__clockid_t	clockid_t;
#define	_CLOCKID_T_DECLARED
#endif
#ifndef _DEV_T_DECLARED
typedef	__dev_t		dev_t;
#define	_DEV_T_DECLARED
#endif
#ifndef _GID_T_DECLARED
typedef	__gid_t		gid_t;
#define	_GID_T_DECLARED
#endif
#ifndef _ID_T_DECLARED
typedef	__id_t		id_t;
#define	_ID_T_DECLARED
#endif
#ifndef _MODE_T_DECLARED
typedef	__mode_t	mode_t;
#define	_MODE_T_DECLARED
#endif
#ifndef _OFF_T_DECLARED
typedef	__off_t		off_t;
#define	_OFF_T_DECLARED
#endif
#ifndef _PID_T_DECLARED
typedef	__pid_t		pid_t;
#define	_PID_T_DECLARED
#endif
#ifndef _SSIZE_T_DECLARED
typedef	__ssize_t	ssize_t;
#define	_SSIZE_T_DECLARED
#endif
#ifndef _SUSECONDS_T_DECLARED
typedef	__suseconds_t	suseconds_t;
#define	_SUSECONDS_T_DECLARED
#endif
#ifndef _TIME_T_DECLARED
typedef	__time_t	time_t;
#define	_TIME_T_DECLARED
#endif
#ifndef _UID_T_DECLARED
typedef	__uid_t		uid_t;
#define	_UID_T_DECLARED
#endif
#ifndef _USECONDS_T_DECLARED
typedef	__useconds_t	useconds_t;
#define	_USECONDS_T_DECLARED
#endif
#endif /* _KERNEL */

#endif /* !_SYS_TYPES_H_ */
