/*
 * _umtx_op: user threads wait for a word in their memory to change and
 * wake each other (the futex of FreeBSD).  A waiter is keyed by its
 * process's address space and the word's address.  To close the window
 * between reading the word (which may fault, so no spin lock can be held)
 * and going to sleep, each hash bucket counts wake-ups: a waiter that
 * sees the count move before it sleeps returns at once (a spurious wake-up
 * the caller's loop tolerates).
 */
#include "sys/systm.h"
#include "sys/errno.h"
#include "sys/kernel.h"
#include "sys/proc.h"
#include "sys/umtx.h"
#include "machine/md.h"
#include "machine/timer.h"
#include "machine/vmparam.h"

#define UMTX_HASH			64
#define UMTX_NWAKE_MAX			4096	/* addresses in one NWAKE */

static struct spinlock umtx_lock = SPINLOCK_INITIALIZER("umtx");
static uint64_t umtx_wakes[UMTX_HASH];		/* (umtx_lock) */

/* The wait channel of a word: its address space and address. */
static const void *
umtx_key(struct thread *td, uint64_t uaddr)
{
	return ((const void *)((uintptr_t)td->td_proc->p_vmspace ^
	    untag(uaddr)));
}

static u_int
umtx_bucket(const void *key)
{
	return (((uintptr_t)key >> 2) % UMTX_HASH);
}

/* Wake up to n waiters on uaddr (n <= 0: none). */
int
umtx_wake(struct thread *td, uint64_t uaddr, int n)
{
	const void *key = umtx_key(td, uaddr);

	spin_lock(&umtx_lock);
	umtx_wakes[umtx_bucket(key)]++;
	spin_unlock(&umtx_lock);
	/* sleep_on has no wake-n: waking all is correct, if not frugal. */
	if (n > 0)
		wakeup(key);
	return (0);
}

/* Timeout argument of a WAIT op, in ticks; 0 = forever. */
static int
umtx_timeout(const uint64_t *args, uint64_t *nticks)
{
	struct _umtx_time t;
	size_t size = args[3];
	uint64_t ns, now;
	int error;

	*nticks = 0;
	if (args[4] == 0)
		return (0);
	if (size > sizeof(t))
		size = sizeof(t);
	memset(&t, 0, sizeof(t));
	if ((error = copyin((void *)args[4], &t, size <= 16 ? 16 : size)) != 0)
		return (error);
	if (t._timeout.tv_sec < 0 || t._timeout.tv_nsec < 0 || t._timeout.tv_nsec >= 1000000000L)
		return (EINVAL);
	/* Beyond 31 years is for ever; so ns cannot wrap to a short wait. */
	if ((uint64_t)t._timeout.tv_sec > 1000000000UL)
		t._timeout.tv_sec = 1000000000L;
	ns = (uint64_t)t._timeout.tv_sec * 1000000000UL + t._timeout.tv_nsec;
	if (size > 16 && (t._flags & UMTX_ABSTIME)) {
		/* Every clock is the counter since zero (kern_time.c). */
		now = cpu_counter() / (cpu_counter_freq() / 1000000) * 1000;
		if (ns <= now)
			return (ETIMEDOUT);
		ns -= now;
	}
	*nticks = ns / (1000000000UL / HZ) + 1;
	return (0);
}

/* Sleep while the word at uaddr equals val (64- or 32-bit). */
static int
umtx_wait(struct thread *td, const uint64_t *args, bool is32)
{
	uint64_t uaddr = args[0], val = args[2], cur, nticks, gen;
	const void *key = umtx_key(td, uaddr);
	u_int b = umtx_bucket(key);
	uint32_t w32;
	int error;

	if ((error = umtx_timeout(args, &nticks)) != 0)
		return (error);
	spin_lock(&umtx_lock);
	gen = umtx_wakes[b];
	spin_unlock(&umtx_lock);
	if (is32) {
		if ((error = fueword32((void *)uaddr, &w32)) != 0)
			return (error);
		cur = w32;
		val = (uint32_t)val;
	} else if ((error = copyin((void *)uaddr, &cur, sizeof(cur))) != 0) {
		return (error);
	}
	if (cur != val)
		return (0);
	spin_lock(&umtx_lock);
	if (umtx_wakes[b] != gen) {
		spin_unlock(&umtx_lock);
		return (0);
	}
	error = sleep_on(key, &umtx_lock, true, nticks);
	spin_unlock(&umtx_lock);
	if (error == EAGAIN)
		return (ETIMEDOUT);
	return (error == ERESTART ? EINTR : error);
}

/* _umtx_op(void *obj, int op, u_long val, void *uaddr1, void *uaddr2) */
int
sys__umtx_op(struct thread *td, const uint64_t *args, uint64_t *rv)
{
	uint64_t addr;
	u_long i;
	int error;

	switch ((int)args[1]) {
	case UMTX_OP_WAIT:
		return (umtx_wait(td, args, false));
	case UMTX_OP_WAIT_UINT:
	case UMTX_OP_WAIT_UINT_PRIVATE:
		return (umtx_wait(td, args, true));
	case UMTX_OP_WAKE:
	case UMTX_OP_WAKE_PRIVATE:
		return (umtx_wake(td, args[0], (int)args[2]));
	case UMTX_OP_NWAKE_PRIVATE:
		if (args[2] > UMTX_NWAKE_MAX)
			return (EINVAL);
		for (i = 0; i < args[2]; i++) {
			error = copyin((void *)(args[0] + i * 8), &addr,
			    sizeof(addr));
			if (error != 0)
				return (error);
			umtx_wake(td, addr, 1);
		}
		return (0);
	default:
		return (EINVAL);
	}
}
