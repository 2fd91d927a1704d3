/*
 * Spin locks: a test-and-test-and-set word with acquire/release ordering.
 *
 * Interrupts stay masked on a CPU while it holds any spin lock.  The
 * first lock a CPU takes saves the interrupt mask in its struct pcpu and
 * the last one released restores it, so locks may be released in any
 * order.  A thread that switches away while holding the scheduler lock
 * keeps its own saved mask (see mi_switch()).
 */
#include "sys/systm.h"
#include "sys/spinlock.h"
#include "sys/pcpu.h"
#include "machine/cpufunc.h"

/* Prepare a free lock. */
void
spin_init(struct spinlock *l, const char *name)
{
	l->sl_locked = 0;
	l->sl_cpu = -1;
	l->sl_name = name;
}

/* Mask interrupts, counting nested spin-lock holds on this CPU. */
void
spinlock_enter(void)
{
	register_t s = intr_disable();
	struct pcpu *pc = curpcpu();

	if (pc->pc_spin_depth++ == 0)
		pc->pc_spin_saved = s;
}

/* Undo one spinlock_enter(); the last restores the saved interrupt mask. */
void
spinlock_exit(void)
{
	struct pcpu *pc = curpcpu();

	KASSERT(pc->pc_spin_depth > 0, ("spinlock_exit: not entered"));
	if (--pc->pc_spin_depth == 0)
		intr_restore(pc->pc_spin_saved);
}

/*
 * spin_lock's slow path: the lock was held when it tried; spin reading
 * (not writing) the word until it looks free, then try again.  Returns
 * with the lock held.
 */
void
spin_lock_wait(struct spinlock *l)
{
	do {
		while (__atomic_load_n(&l->sl_locked, __ATOMIC_RELAXED) != 0)
			cpu_spinwait();
	} while (__atomic_exchange_n(&l->sl_locked, 1, __ATOMIC_ACQUIRE) != 0);
}

/* spin_lock found the lock already held by this CPU. */
void
spin_lock_recursed(struct spinlock *l)
{
	panic("spin_lock: %s already held by this CPU", l->sl_name);
}

/*
 * Take the lock if it is free, masking interrupts, and return true; else
 * return false at once, leaving the interrupt mask as it was.  For taking
 * locks against the lock order, where waiting could deadlock.
 */
bool
spin_trylock(struct spinlock *l)
{
	spinlock_enter();
	if (__atomic_exchange_n(&l->sl_locked, 1, __ATOMIC_ACQUIRE) != 0) {
		spinlock_exit();
		return (false);
	}
	l->sl_cpu = curcpu_id();
	return (true);
}

/* spin_unlock found the lock free or held by another CPU. */
void
spin_unlock_unowned(struct spinlock *l)
{
	panic("spin_unlock: %s not held by this CPU", l->sl_name);
}

