/*
 * Spin locks.  Holding one masks interrupts on the holding CPU, so a lock
 * taken by an interrupt handler cannot deadlock against the code it
 * interrupted.  Holds nest per CPU: the mask is restored when the CPU's
 * last lock is released, in whatever order they are released.
 */
#ifndef _SYS_SPINLOCK_H_
#define _SYS_SPINLOCK_H_

#include "sys/types.h"
#include "sys/pcpu.h"

struct spinlock {
	uint32_t	sl_locked;	/* (A) 1 while held */
	int		sl_cpu;		/* owner's CPU id, -1 when free */
	const char	*sl_name;	/* (C) for panic messages */
};

#define SPINLOCK_INITIALIZER(name)	{ 0, -1, (name) }

void	spin_init(struct spinlock *l, const char *name);
void	spin_lock(struct spinlock *l);
void	spin_unlock(struct spinlock *l);
bool	spin_trylock(struct spinlock *l);
void	spinlock_enter(void);
void	spinlock_exit(void);

/*
 * True if the calling CPU holds the lock (for assertions).  Inline: the
 * VM asserts its locks on every page lookup and insertion.
 */
static inline bool
spin_owned(const struct spinlock *l)
{
	return (l->sl_locked != 0 && l->sl_cpu == (int)curcpu_id());
}

#endif /* !_SYS_SPINLOCK_H_ */
