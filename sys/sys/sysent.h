/*
 * The system call table.  A handler gets the calling thread and the eight
 * argument registers, stores up to two results in rv, and returns 0 or an
 * errno (ERESTART and EJUSTRETURN are handled by the dispatcher).
 *
 * The arguments are the caller's saved registers themselves, not a copy
 * (the dispatcher is on every system call's path): a handler that
 * rewrites the thread's trapframe (execve, sigreturn) must read all of its
 * arguments before it does.
 */
#ifndef _SYS_SYSENT_H_
#define _SYS_SYSENT_H_

#include "sys/types.h"

struct thread;

typedef int sy_call_t(struct thread *td, const uint64_t *args, uint64_t *rv);

struct sysent {
	sy_call_t	*sy_call;
	const char	*sy_name;
};

#define SYS_MAXSYSCALL	600

extern const struct sysent sysent[SYS_MAXSYSCALL];

#endif /* !_SYS_SYSENT_H_ */
