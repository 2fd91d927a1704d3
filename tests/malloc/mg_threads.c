/*
 * Many threads allocating at once, and freeing each other's chunks: each
 * thread hands half of what it allocates to the next thread through a
 * mailbox, which frees it (so a chunk freed by one thread is reused by
 * another, whose tags must be right).
 */
#include "malloc_same.h"

#define	THREADS	4
#define	ROUNDS	1500

static pthread_mutex_t box_lock = PTHREAD_MUTEX_INITIALIZER;
static unsigned char *box[THREADS];	/* (box_lock) for thread i to free */
static size_t box_size[THREADS];	/* (box_lock) */

/* Check and free a chunk of size n filled with byte c. */
static int
check_free(unsigned char *p, size_t n, unsigned char c)
{
	size_t k;

	for (k = 0; k < n; k++)
		if (p[k] != c)
			return (0);
	free(p);
	return (1);
}

/* One thread: allocate, keep or pass on, free what is passed in. */
static void *
worker(void *arg)
{
	unsigned int me = (unsigned int)(uintptr_t)arg, next, round;
	unsigned char *p, *mine;
	uint32_t seed = me + 1;
	size_t n, mine_n;

	next = (me + 1) % THREADS;
	for (round = 0; round < ROUNDS; round++) {
		n = same_random(&seed) % 300 + 1;
		if ((p = malloc(n)) == NULL)
			return ((void *)1);
		memset(p, (int)(n & 0xff), n);
		pthread_mutex_lock(&box_lock);
		mine = box[me];
		mine_n = box_size[me];
		box[me] = NULL;
		if (box[next] == NULL && round % 2 == 0) {
			box[next] = p;
			box_size[next] = n;
			p = NULL;
		}
		pthread_mutex_unlock(&box_lock);
		if (mine != NULL) {
			if (!check_free(mine, mine_n, mine_n & 0xff))
				return ((void *)2);
		}
		if (p != NULL && !check_free(p, n, n & 0xff))
			return ((void *)3);
	}
	return (NULL);
}

/* The workload. */
static void
work(char *out, size_t len)
{
	pthread_t t[THREADS];
	unsigned int i;
	void *ret;

	for (i = 0; i < THREADS; i++)
		pthread_create(&t[i], NULL, worker, (void *)(uintptr_t)i);
	for (i = 0; i < THREADS; i++) {
		pthread_join(t[i], &ret);
		SAME_PRINT(out, len, "thread %u: %s\n", i, ret == NULL ? "ok" :
		    "a chunk changed");
	}
	for (i = 0; i < THREADS; i++)
		if (box[i] != NULL)
			free(box[i]);
	/* Which chunks cross threads depends on scheduling: not printed. */
	SAME_PRINT(out, len, "done\n");
}

int
main(void)
{

	return (same_main(work));
}
