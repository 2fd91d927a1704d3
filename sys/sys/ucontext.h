/*
 * The user context passed as a signal handler's third argument, 960 bytes
 * (docs/abi.md section 3.3); the kernel's signal frame (struct sigframe,
 * machine/frame.h) is a siginfo_t at 0 and this at 80.  One copy for the
 * kernel and programs (lib/libc/include/sys/ucontext.h forwards here).
 */
#ifndef _SYS_UCONTEXT_H_
#define	_SYS_UCONTEXT_H_

#include "sys/signal.h"
#include "machine/ucontext.h"

typedef struct __ucontext {
	__sigset_t		uc_sigmask;	/* mask to restore */
	mcontext_t		uc_mcontext;	/* registers to restore */
	struct __ucontext	*uc_link;
	struct sigaltstack	uc_stack;
	int			uc_flags;
	int			__spare__[4];
} ucontext_t;

_Static_assert(sizeof(ucontext_t) == 960, "ucontext_t is 960 bytes");
_Static_assert(__builtin_offsetof(ucontext_t, uc_mcontext) == 16,
    "uc_mcontext at 16");
_Static_assert(__builtin_offsetof(ucontext_t, uc_link) == 896,
    "uc_link at 896");
_Static_assert(__builtin_offsetof(ucontext_t, uc_stack) == 904,
    "uc_stack at 904");
_Static_assert(__builtin_offsetof(ucontext_t, uc_flags) == 928,
    "uc_flags at 928");

#endif /* !_SYS_UCONTEXT_H_ */
