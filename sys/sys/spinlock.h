/*
 * Spin locks.  Holding one masks interrupts on the holding CPU, so a lock
 * taken by an interrupt handler cannot deadlock against the code it
 * interrupted.  Locks do not nest the saved interrupt state: each lock keeps
 * the mask its holder had, and releasing it restores that mask, so locks
 * must be released in the reverse order they were taken.
 */
#ifndef _SYS_SPINLOCK_H_
#define _SYS_SPINLOCK_H_

#include "sys/types.h"

struct spinlock {
	uint32_t	sl_locked;	/* (A) 1 while held */
	int		sl_cpu;		/* owner's CPU id, -1 when free */
	uint64_t	sl_saved;	/* owner's interrupt mask before locking */
	const char	*sl_name;	/* (C) for panic messages */
};

#define SPINLOCK_INITIALIZER(name)	{ 0, -1, 0, (name) }

void	spin_init(struct spinlock *l, const char *name);
void	spin_lock(struct spinlock *l);
void	spin_unlock(struct spinlock *l);
bool	spin_owned(const struct spinlock *l);

#endif /* !_SYS_SPINLOCK_H_ */
