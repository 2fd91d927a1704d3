/* An overflow in a second thread. */
#include "malloc_bug.h"

/* The thread: one byte past a 24-byte chunk it allocates. */
static void *
overflow(void *arg)
{
	char *p = opaque(malloc(24));

	(void)arg;
	p[32] = 1;
	/* An asynchronous fault is delivered at this thread's next system call. */
	(void)getpid();
	return (NULL);
}

BUG("overflow: 9 bytes past the end of a 24-byte chunk")
{
	pthread_t t;

	pthread_create(&t, NULL, overflow, NULL);
	pthread_join(t, NULL);
}
