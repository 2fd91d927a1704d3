/*
 * libc's internal mutex: one 32-bit word, 0 free, 1 held, 2 held and
 * perhaps waited for.  Waiters sleep in _umtx_op(UMTX_OP_WAIT_UINT_PRIVATE)
 * instead of spinning, so a lock held across a page fault or preemption
 * costs no CPU.  Not recursive.  Used by malloc, atexit and
 * pthread_mutex_t.
 */
#ifndef _LIBC_LOCK_H_
#define	_LIBC_LOCK_H_

#include <stdint.h>

void	__libc_lock_acquire(uint32_t *);
int	__libc_lock_tryacquire(uint32_t *);
void	__libc_lock_release(uint32_t *);

#endif /* !_LIBC_LOCK_H_ */
