/*
 * POSIX threads, a small subset built directly on thr_new(2) and
 * _umtx_op(2): create, join, exit, self and plain (non-recursive,
 * non-error-checking) mutexes.  Threads must be joined; there is no
 * detach, cancellation or thread-specific data.
 */
#ifndef _PTHREAD_H_
#define	_PTHREAD_H_

#include <sys/cdefs.h>
#include <sys/types.h>

struct pthread;
typedef	struct pthread	*pthread_t;

typedef struct {
	__size_t	__stacksize;	/* 0: the default */
} pthread_attr_t;

/* 0 unlocked, 1 locked, 2 locked with possible sleepers. */
typedef struct {
	__uint32_t	__lock;
} pthread_mutex_t;

typedef struct {
	int	__unused_attr;
} pthread_mutexattr_t;

#define	PTHREAD_MUTEX_INITIALIZER	{ 0 }
#define	PTHREAD_STACK_MIN		16384

__BEGIN_DECLS
int	pthread_attr_init(pthread_attr_t *);
int	pthread_attr_destroy(pthread_attr_t *);
int	pthread_attr_setstacksize(pthread_attr_t *, size_t);
int	pthread_attr_getstacksize(const pthread_attr_t *, size_t *);
int	pthread_create(pthread_t *, const pthread_attr_t *,
	    void *(*)(void *), void *);
int	pthread_join(pthread_t, void **);
void	pthread_exit(void *) __dead2;
pthread_t pthread_self(void);
int	pthread_equal(pthread_t, pthread_t);
int	pthread_mutex_init(pthread_mutex_t *, const pthread_mutexattr_t *);
int	pthread_mutex_destroy(pthread_mutex_t *);
int	pthread_mutex_lock(pthread_mutex_t *);
int	pthread_mutex_trylock(pthread_mutex_t *);
int	pthread_mutex_unlock(pthread_mutex_t *);
__END_DECLS

#endif /* !_PTHREAD_H_ */
