/* Plain mutexes: the libc lock (libc_lock.h) behind the pthread API. */
#include <errno.h>
#include <pthread.h>

#include "libc_lock.h"

/* Make *m an unlocked mutex; attributes are ignored.  Returns 0. */
int
pthread_mutex_init(pthread_mutex_t *m, const pthread_mutexattr_t *attr)
{

	(void)attr;
	m->__lock = 0;
	return (0);
}

/* Nothing to release.  0, or EBUSY if *m is locked. */
int
pthread_mutex_destroy(pthread_mutex_t *m)
{

	return (__atomic_load_n(&m->__lock, __ATOMIC_RELAXED) != 0 ? EBUSY : 0);
}

/* Lock *m, sleeping while another thread holds it.  Returns 0. */
int
pthread_mutex_lock(pthread_mutex_t *m)
{

	__libc_lock_acquire(&m->__lock);
	return (0);
}

/* Lock *m if it is free.  0, or EBUSY. */
int
pthread_mutex_trylock(pthread_mutex_t *m)
{

	return (__libc_lock_tryacquire(&m->__lock) ? 0 : EBUSY);
}

/* Unlock *m, which the caller holds.  Returns 0. */
int
pthread_mutex_unlock(pthread_mutex_t *m)
{

	__libc_lock_release(&m->__lock);
	return (0);
}
