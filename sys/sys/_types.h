/*
 * The underscore-prefixed base types of the FreeBSD arm64 (LP64) ABI, one
 * copy for the kernel and libc (lib/libc/include/sys/_types.h forwards
 * here).  Public headers typedef their visible names from these, each
 * guarded by _<NAME>_DECLARED, so any header may be included first without
 * dragging in all of <sys/types.h>.  Sizes are FreeBSD's: mode_t 16 bits,
 * dev_t, ino_t and nlink_t 64 bits, time_t 64 bits.
 *
 * The kernel's halves of the shared ABI headers use only the fixed-width
 * types; the POSIX ones are for programs (they would also collide with the
 * host C library's when kernel sources are built as host unit tests).
 */
#ifndef _SYS__TYPES_H_
#define	_SYS__TYPES_H_

typedef	__INT8_TYPE__		__int8_t;
typedef	__UINT8_TYPE__		__uint8_t;
typedef	__INT16_TYPE__		__int16_t;
typedef	__UINT16_TYPE__		__uint16_t;
typedef	__INT32_TYPE__		__int32_t;
typedef	__UINT32_TYPE__		__uint32_t;
typedef	__INT64_TYPE__		__int64_t;
typedef	__UINT64_TYPE__		__uint64_t;
typedef	__INTPTR_TYPE__		__intptr_t;
typedef	__UINTPTR_TYPE__	__uintptr_t;
typedef	__SIZE_TYPE__		__size_t;
typedef	__int64_t		__ssize_t;
typedef	__int64_t		__register_t;
typedef	__uint64_t		__u_register_t;

#ifndef _KERNEL

typedef	__int64_t	__blkcnt_t;
typedef	__int32_t	__blksize_t;
typedef	__int32_t	__clock_t;
typedef	__int32_t	__clockid_t;
typedef	__uint64_t	__dev_t;
typedef	__uint32_t	__fflags_t;
typedef	__uint32_t	__gid_t;
typedef	__int64_t	__id_t;
typedef	__uint64_t	__ino_t;
typedef	__int32_t	__lwpid_t;
typedef	__uint16_t	__mode_t;
typedef	__uint64_t	__nlink_t;
typedef	__int64_t	__off_t;
typedef	__int32_t	__pid_t;
typedef	long		__sig_atomic_t;
typedef	long		__suseconds_t;
typedef	__int64_t	__time_t;
typedef	__uint32_t	__uid_t;
typedef	unsigned int	__useconds_t;
#endif /* !_KERNEL */

#endif /* !_SYS__TYPES_H_ */
