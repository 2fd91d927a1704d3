/* A chunk freed by a second thread and then by the main one. */
#include "malloc_bug.h"

/* The thread: free the chunk. */
static void *
release(void *arg)
{

	free(arg);
	return (NULL);
}

BUG("double free")
{
	char *p = opaque(malloc(80));
	pthread_t t;

	pthread_create(&t, NULL, release, p);
	pthread_join(t, NULL);
	free(p);
}
