/*
 * The signal set, one copy for the kernel and libc (docs/abi.md section
 * 3.2): 128 bits in four 32-bit words; signal n is bit (n - 1) & 31 of
 * word (n - 1) >> 5.
 */
#ifndef _SYS__SIGSET_H_
#define	_SYS__SIGSET_H_

#include "sys/_types.h"

#define	_SIG_WORDS	4
#define	_SIG_MAXSIG	128
#define	_SIG_IDX(sig)	((sig) - 1)
#define	_SIG_WORD(sig)	(_SIG_IDX(sig) >> 5)
#define	_SIG_BIT(sig)	(1U << (_SIG_IDX(sig) & 31))
#define	_SIG_VALID(sig)	((sig) <= _SIG_MAXSIG && (sig) > 0)

typedef struct __sigset {
	__uint32_t	__bits[_SIG_WORDS];
} __sigset_t;

#endif /* !_SYS__SIGSET_H_ */
