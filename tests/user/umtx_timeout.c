/*
 * _umtx_op WAIT with a very long timeout waits until woken: the timeout
 * in nanoseconds used to wrap around 2^64, so 2^55 seconds became a wait
 * of one tick that ended with ETIMEDOUT.  A thread waits with such
 * timeouts (relative, and absolute through struct _umtx_time); the main
 * thread wakes it after a while; the wait must end woken (0), never
 * ETIMEDOUT.
 */
#include <sys/types.h>
#include <sys/umtx.h>
#include <errno.h>
#include <pthread.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

static volatile u_int word;
static volatile int waiter_result;

struct long_wait {
	size_t		size;	/* uaddr1: 16 (timespec) or 24 (_umtx_time) */
	int64_t		words[3];
};

static void *
waiter(void *arg)
{
	struct long_wait *w = arg;
	int r;

	do
		r = _umtx_op((void *)&word, UMTX_OP_WAIT_UINT, 0,
		    (void *)(uintptr_t)w->size, w->words);
	while (r == 0 && word == 0);	/* a wake-up for nothing: again */
	waiter_result = r == 0 ? 0 : errno;
	return (NULL);
}

/* Wait in a thread with timeout *w, wake it after a while, check. */
static void
check_long_wait(struct long_wait *w, const char *what)
{
	struct timespec pause = { 0, 100 * 1000 * 1000 };
	pthread_t t;

	word = 0;
	waiter_result = -1;
	CHECK_EQ(pthread_create(&t, NULL, waiter, w), 0);
	nanosleep(&pause, NULL);
	word = 1;
	CHECK_OK(_umtx_op((void *)&word, UMTX_OP_WAKE, 1, NULL, NULL));
	CHECK_EQ(pthread_join(t, NULL), 0);
	check_count++;
	if (waiter_result != 0)
		check_fail(__FILE__, __LINE__, "%s: the wait ended with "
		    "errno %d, not woken", what, waiter_result);
}

int
main(void)
{
	struct long_wait rel = { 16, { 1L << 55, 0, 0 } };
	struct long_wait abs = { 24, { 1L << 55, 0, UMTX_ABSTIME } };

	check_long_wait(&rel, "relative 2^55 s");
	check_long_wait(&abs, "absolute 2^55 s");
	return (check_done());
}
