/* One thread frees a chunk the main thread then reads. */
#include "malloc_bug.h"

/* The thread: free the chunk. */
static void *
release(void *arg)
{

	free(arg);
	return (NULL);
}

BUG("use after free: 8 bytes into a freed 32-byte chunk")
{
	volatile char *p = opaque(malloc(32));
	pthread_t t;

	pthread_create(&t, NULL, release, (void *)p);
	pthread_join(t, NULL);
	(void)p[8];
}
