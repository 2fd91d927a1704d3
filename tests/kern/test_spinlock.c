/*
 * In-kernel tests of spin locks (sys/spinlock.h): nesting, the interrupt
 * mask and ownership, which spin_lock and spin_unlock keep inline.
 */
#include "sys/systm.h"
#include "sys/kern_test.h"
#include "sys/pcpu.h"
#include "sys/spinlock.h"
#include "machine/armreg.h"
#include "machine/cpufunc.h"

static struct spinlock test_spin_a = SPINLOCK_INITIALIZER("test_spin_a");
static struct spinlock test_spin_b = SPINLOCK_INITIALIZER("test_spin_b");

/* The calling CPU's interrupt mask (DAIF) now, unchanged. */
static register_t
intr_mask_now(void)
{
	register_t s = intr_disable();

	intr_restore(s);
	return (s);
}

/*
 * Two locks released in the order they were taken (not the reverse):
 * interrupts stay masked until the last is released, which puts back
 * the mask from before the first; ownership follows each lock, and
 * trylock fails on a held lock leaving the nesting as it was.
 */
KERN_TEST(spin_locks_nest_in_any_order)
{
	register_t before = intr_mask_now();
	u_int depth = curpcpu()->pc_spin_depth;

	spin_lock(&test_spin_a);
	KT_ASSERT((intr_mask_now() & PSR_I) != 0);
	KT_ASSERT(spin_owned(&test_spin_a) && !spin_owned(&test_spin_b));
	spin_lock(&test_spin_b);
	KT_ASSERT_EQ(curpcpu()->pc_spin_depth, depth + 2);
	KT_ASSERT(!spin_trylock(&test_spin_a));
	KT_ASSERT_EQ(curpcpu()->pc_spin_depth, depth + 2);
	spin_unlock(&test_spin_a);
	KT_ASSERT(!spin_owned(&test_spin_a) && spin_owned(&test_spin_b));
	KT_ASSERT((intr_mask_now() & PSR_I) != 0);
	spin_unlock(&test_spin_b);
	KT_ASSERT(!spin_owned(&test_spin_b));
	KT_ASSERT_EQ(curpcpu()->pc_spin_depth, depth);
	KT_ASSERT_EQ(intr_mask_now(), before);
	KT_ASSERT(spin_trylock(&test_spin_a));
	spin_unlock(&test_spin_a);
	KT_ASSERT_EQ(intr_mask_now(), before);
}
