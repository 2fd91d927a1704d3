/*
 * select(2): FreeBSD's fd_set, a bit per descriptor in 64-bit words,
 * FD_SETSIZE 1024 (128 bytes), and the FD_* macros (docs/abi.md section
 * 4.8).  One copy for the kernel and programs
 * (lib/libc/include/sys/select.h forwards here).
 */
#ifndef _SYS_SELECT_H_
#define	_SYS_SELECT_H_

#include "sys/_types.h"
#include "sys/time.h"

#define	FD_SETSIZE	1024
#define	_NFDBITS	(sizeof(__uint64_t) * 8)	/* bits per word */

typedef struct fd_set {
	__uint64_t	__fds_bits[FD_SETSIZE / 64];
} fd_set;

#define	__fdset_mask(n)	((__uint64_t)1 << ((n) % _NFDBITS))
#define	FD_CLR(n, p)	((p)->__fds_bits[(n) / _NFDBITS] &= ~__fdset_mask(n))
#define	FD_ISSET(n, p)	(((p)->__fds_bits[(n) / _NFDBITS] & __fdset_mask(n)) != 0)
#define	FD_SET(n, p)	((p)->__fds_bits[(n) / _NFDBITS] |= __fdset_mask(n))
#define	FD_ZERO(p)	__builtin_memset((p), 0, sizeof(*(p)))

#endif /* !_SYS_SELECT_H_ */
