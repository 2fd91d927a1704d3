/*
 * Spin locks.  Holding one masks interrupts on the holding CPU, so a lock
 * taken by an interrupt handler cannot deadlock against the code it
 * interrupted.  Holds nest per CPU: the mask is restored when the CPU's
 * last lock is released, in whatever order they are released.
 */
#ifndef _SYS_SPINLOCK_H_
#define _SYS_SPINLOCK_H_

#include "sys/cdefs.h"
#include "sys/types.h"
#include "sys/pcpu.h"
#include "machine/cpufunc.h"

struct spinlock {
	uint32_t	sl_locked;	/* (A) 1 while held */
	int		sl_cpu;		/* owner's CPU id, -1 when free */
	const char	*sl_name;	/* (C) for panic messages */
};

#define SPINLOCK_INITIALIZER(name)	{ 0, -1, (name) }

void	spin_init(struct spinlock *l, const char *name);
bool	spin_trylock(struct spinlock *l);
void	spinlock_enter(void);
void	spinlock_exit(void);
void	spin_lock_wait(struct spinlock *l);
void	spin_lock_recursed(struct spinlock *l) __dead2;
void	spin_unlock_unowned(struct spinlock *l) __dead2;

/*
 * Take the lock, masking interrupts (spinlock_enter's nesting); panics
 * on recursion.  Inline, with the waiting and the panics out of line:
 * a 4 KiB page fault takes five locks, and the call, the frame and a
 * second read of the CPU's pcpu pointer were a quarter of each.
 */
static inline void
spin_lock(struct spinlock *l)
{
	register_t s = intr_disable();
	struct pcpu *pc = curpcpu();

	if (pc->pc_spin_depth++ == 0)
		pc->pc_spin_saved = s;
	if (__predict_false(l->sl_cpu == (int)pc->pc_cpuid) &&
	    l->sl_locked != 0)
		spin_lock_recursed(l);
	if (__predict_false(__atomic_exchange_n(&l->sl_locked, 1,
	    __ATOMIC_ACQUIRE) != 0))
		spin_lock_wait(l);
	l->sl_cpu = pc->pc_cpuid;
}

/*
 * Release the lock, held by this CPU (else panic); the CPU's last lock
 * restores the interrupt mask its first saved.  Holding the lock implies
 * this CPU's nesting depth is at least one.
 */
static inline void
spin_unlock(struct spinlock *l)
{
	struct pcpu *pc = curpcpu();

	if (__predict_false(l->sl_locked == 0 ||
	    l->sl_cpu != (int)pc->pc_cpuid))
		spin_unlock_unowned(l);
	l->sl_cpu = -1;
	__atomic_store_n(&l->sl_locked, 0, __ATOMIC_RELEASE);
	if (--pc->pc_spin_depth == 0)
		intr_restore(pc->pc_spin_saved);
}

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
