/*
 * The three-state futex mutex (Drepper, "Futexes Are Tricky", mutex 2) on
 * FreeBSD's _umtx_op: a free lock costs one compare-and-swap to take and
 * one swap to release; only contention enters the kernel.
 */
#include <sys/types.h>
#include <sys/umtx.h>
#include <stdbool.h>

#include "libc_lock.h"

#define	LOCK_FREE	0
#define	LOCK_HELD	1
#define	LOCK_WAITED	2	/* held, and someone may be asleep on it */

/* Take the lock, sleeping while another thread holds it. */
void
__libc_lock_acquire(uint32_t *lock)
{
	uint32_t c;

	c = LOCK_FREE;
	if (__atomic_compare_exchange_n(lock, &c, LOCK_HELD, false,
	    __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
		return;
	/*
	 * Contended.  Whoever takes the lock from here on marks it WAITED,
	 * because it cannot know whether others still sleep; the price is
	 * at most one needless wake-up.
	 */
	if (c != LOCK_WAITED)
		c = __atomic_exchange_n(lock, LOCK_WAITED, __ATOMIC_ACQUIRE);
	while (c != LOCK_FREE) {
		/* Sleeps only if the word is still WAITED; EINTR just retries. */
		_umtx_op(lock, UMTX_OP_WAIT_UINT_PRIVATE, LOCK_WAITED, NULL,
		    NULL);
		c = __atomic_exchange_n(lock, LOCK_WAITED, __ATOMIC_ACQUIRE);
	}
}

/* Take the lock if it is free.  Returns 1 if taken, 0 if not. */
int
__libc_lock_tryacquire(uint32_t *lock)
{
	uint32_t c;

	c = LOCK_FREE;
	return (__atomic_compare_exchange_n(lock, &c, LOCK_HELD, false,
	    __ATOMIC_ACQUIRE, __ATOMIC_RELAXED));
}

/* Release the lock, waking one sleeper if there may be any. */
void
__libc_lock_release(uint32_t *lock)
{

	if (__atomic_exchange_n(lock, LOCK_FREE, __ATOMIC_RELEASE) ==
	    LOCK_WAITED)
		_umtx_op(lock, UMTX_OP_WAKE_PRIVATE, 1, NULL, NULL);
}
