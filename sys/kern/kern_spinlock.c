/*
 * Spin locks: a test-and-test-and-set word with acquire/release ordering.
 * See sys/spinlock.h for the interrupt rules.
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
	l->sl_saved = 0;
	l->sl_name = name;
}

/* Take the lock, masking interrupts; panics on recursion. */
void
spin_lock(struct spinlock *l)
{
	register_t s;

	s = intr_disable();
	KASSERT(l->sl_cpu != (int)curcpu_id() || l->sl_locked == 0,
	    ("spin_lock: %s already held by this CPU", l->sl_name));
	while (__atomic_exchange_n(&l->sl_locked, 1, __ATOMIC_ACQUIRE) != 0) {
		while (__atomic_load_n(&l->sl_locked, __ATOMIC_RELAXED) != 0)
			cpu_spinwait();
	}
	l->sl_cpu = curcpu_id();
	l->sl_saved = s;
}

/* Release the lock and restore the interrupt mask it was taken with. */
void
spin_unlock(struct spinlock *l)
{
	register_t s;

	KASSERT(l->sl_locked != 0 && l->sl_cpu == (int)curcpu_id(),
	    ("spin_unlock: %s not held by this CPU", l->sl_name));
	s = l->sl_saved;
	l->sl_cpu = -1;
	__atomic_store_n(&l->sl_locked, 0, __ATOMIC_RELEASE);
	intr_restore(s);
}

/* True if the calling CPU holds the lock (for assertions). */
bool
spin_owned(const struct spinlock *l)
{
	return (l->sl_locked != 0 && l->sl_cpu == (int)curcpu_id());
}
