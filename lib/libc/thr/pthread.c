/*
 * Threads on thr_new(2).  A thread gets one anonymous mapping holding, from
 * the bottom: a guard page, its stack, its struct pthread, and its thread
 * control block and TLS block (gen/tls.c).  thr_new stores the thread id
 * in pt_tid; thr_exit(&pt_tid) stores 1 there and wakes the joiner, who
 * then unmaps the whole thing: nothing of the thread outlives the join.
 */
#include <sys/types.h>
#include <sys/mman.h>
#include <sys/thr.h>
#include <sys/umtx.h>
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "libc_private.h"

#define	STACK_DEFAULT	(1024 * 1024)	/* touched pages only cost memory */

/* Set *attr to the defaults.  Returns 0. */
int
pthread_attr_init(pthread_attr_t *attr)
{

	attr->__stacksize = 0;
	return (0);
}

/* Nothing to release.  Returns 0. */
int
pthread_attr_destroy(pthread_attr_t *attr)
{

	(void)attr;
	return (0);
}

/* Ask for size bytes of stack.  0, or EINVAL below PTHREAD_STACK_MIN. */
int
pthread_attr_setstacksize(pthread_attr_t *attr, size_t size)
{

	if (size < PTHREAD_STACK_MIN)
		return (EINVAL);
	attr->__stacksize = size;
	return (0);
}

/* The stack size *attr asks for.  Returns 0. */
int
pthread_attr_getstacksize(const pthread_attr_t *attr, size_t *size)
{

	*size = attr->__stacksize != 0 ? attr->__stacksize : STACK_DEFAULT;
	return (0);
}

/* Where thr_new starts a thread: run the start routine, exit with its value. */
static void __dead2
thread_start(void *arg)
{
	struct pthread *thr = arg;

	pthread_exit(thr->pt_start(thr->pt_arg));
}

/*
 * Start fn(arg) in a new thread, stored in *out.  Returns 0, or EAGAIN
 * (no memory) or thr_new's error.  errno is left as it was.
 */
int
pthread_create(pthread_t *out, const pthread_attr_t *attr,
    void *(*fn)(void *), void *arg)
{
	struct thr_param param;
	struct pthread *thr;
	struct tcb *tcb;
	size_t pagesz, stacksize, len;
	char *map;
	int error, saved;

	saved = errno;
	/* Until now the caller was alone: learn its id for pthread_kill. */
	if (__curthread()->pt_tid == 0)
		thr_self(&__curthread()->pt_tid);
	pagesz = getpagesize();
	stacksize = attr != NULL && attr->__stacksize != 0 ?
	    attr->__stacksize : STACK_DEFAULT;
	stacksize = (stacksize + pagesz - 1) & ~(pagesz - 1);
	len = pagesz + stacksize + ((sizeof(*thr) + 15) & ~(size_t)15) +
	    __libc_tls_area_size();
	len = (len + pagesz - 1) & ~(pagesz - 1);
	map = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANON,
	    -1, 0);
	if (map == MAP_FAILED) {
		errno = saved;
		return (EAGAIN);
	}
	/* A stack overflow faults on the guard page instead of going on. */
	if (mprotect(map, pagesz, PROT_NONE) != 0) {
		munmap(map, len);
		errno = saved;
		return (EAGAIN);
	}

	thr = (struct pthread *)(map + pagesz + stacksize);
	thr->pt_start = fn;
	thr->pt_arg = arg;
	thr->pt_map = map;
	thr->pt_mapsize = len;
	tcb = __libc_tls_place((char *)thr + ((sizeof(*thr) + 15) &
	    ~(size_t)15), thr);

	memset(&param, 0, sizeof(param));
	param.start_func = thread_start;
	param.arg = thr;
	param.stack_base = map + pagesz;
	param.stack_size = stacksize;
	param.tls_base = (char *)tcb;
	param.tls_size = __libc_tls_area_size();
	param.child_tid = &thr->pt_tid;
	param.parent_tid = &thr->pt_tid;
	if (thr_new(&param, sizeof(param)) != 0) {
		error = errno;
		munmap(map, len);
		errno = saved;
		return (error);
	}
	*out = thr;
	return (0);
}

/*
 * Wait for thr to exit, store its value in *retval (if not NULL) and free
 * it.  Returns 0, or EDEADLK for the calling thread itself.  Each thread
 * must be joined exactly once.
 */
int
pthread_join(pthread_t thr, void **retval)
{
	long tid;
	int saved;

	if (thr == __curthread())
		return (EDEADLK);
	saved = errno;
	/* UMTX_OP_WAIT compares the whole long, as thr_exit wakes it. */
	while ((tid = __atomic_load_n(&thr->pt_tid, __ATOMIC_ACQUIRE)) !=
	    __TID_TERMINATED)
		_umtx_op(&thr->pt_tid, UMTX_OP_WAIT, tid, NULL, NULL);
	errno = saved;
	if (retval != NULL)
		*retval = thr->pt_retval;
	if (thr->pt_map != NULL)
		munmap(thr->pt_map, thr->pt_mapsize);
	return (0);
}

/*
 * End the calling thread with value for its joiner.  The last thread's
 * exit ends the process with status 0, through exit(3).
 */
void
pthread_exit(void *value)
{
	struct pthread *thr = __curthread();

	thr->pt_retval = value;
	__malloc_thread_exit();
	thr_exit(&thr->pt_tid);
	exit(0);
}

/* The calling thread. */
pthread_t
pthread_self(void)
{

	return (__curthread());
}

/* Non-zero if a and b are the same thread. */
int
pthread_equal(pthread_t a, pthread_t b)
{

	return (a == b);
}
