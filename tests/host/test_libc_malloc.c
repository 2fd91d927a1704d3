/*
 * Host tests of lib/libc's malloc (lib/libc/stdlib/malloc.c), renamed
 * tagos_* by libc_rename.h, on the host's mmap.  The libc lock it uses is
 * replaced by a spin lock here; the stress test runs host threads.
 */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hosttest.h"
#include "libc_lock.h"

/*
 * Stand-ins for lib/libc/thr/lock.c, which needs TagOS's _umtx_op: a
 * spin lock that yields.  Take the lock.
 */
void
__libc_lock_acquire(uint32_t *lock)
{

	while (__atomic_exchange_n(lock, 1, __ATOMIC_ACQUIRE) != 0)
		sched_yield();
}

/* Take the lock if free: 1 if taken. */
int
__libc_lock_tryacquire(uint32_t *lock)
{

	return (__atomic_exchange_n(lock, 1, __ATOMIC_ACQUIRE) == 0);
}

/* Release the lock. */
void
__libc_lock_release(uint32_t *lock)
{

	__atomic_store_n(lock, 0, __ATOMIC_RELEASE);
}

/* Fill n bytes at p with a pattern derived from seed. */
static void
fill(unsigned char *p, size_t n, unsigned int seed)
{
	size_t i;

	for (i = 0; i < n; i++)
		p[i] = (unsigned char)(seed + i * 31);
}

/* True if fill(p, n, seed) is still intact. */
static bool
intact(const unsigned char *p, size_t n, unsigned int seed)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (p[i] != (unsigned char)(seed + i * 31))
			return (false);
	return (true);
}

HT_TEST(every_size_is_aligned_and_separate)
{
	enum { N = 600 };
	unsigned char *p[N];
	size_t size[N];
	size_t i;

	/* Sizes around every class boundary up to past the large threshold. */
	for (i = 0; i < N; i++) {
		size[i] = i < 300 ? i : (i - 300) * 113 + (i % 3) * 16 + 15;
		p[i] = malloc(size[i]);
		HT_ASSERT(p[i] != NULL);
		HT_ASSERT_EQ((uintptr_t)p[i] % 16, 0);
		fill(p[i], size[i], (unsigned int)i);
	}
	for (i = 0; i < N; i++)
		HT_ASSERT(intact(p[i], size[i], (unsigned int)i));
	for (i = 0; i < N; i++)
		free(p[i]);
	free(NULL);
}

HT_TEST(freed_blocks_are_reused)
{
	void *a, *b;

	a = malloc(100);
	free(a);
	b = malloc(100);
	HT_ASSERT(a == b);	/* same class, LIFO free list */
	free(b);
}

HT_TEST(large_blocks)
{
	static const size_t sizes[] = { 32768, 32769, 65536, 1 << 20,
	    (3 << 20) + 5 };
	unsigned char *p;
	size_t i;

	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		p = malloc(sizes[i]);
		HT_ASSERT(p != NULL);
		HT_ASSERT_EQ((uintptr_t)p % 16, 0);
		fill(p, sizes[i], 3);
		HT_ASSERT(intact(p, sizes[i], 3));
		free(p);
	}
	errno = 0;
	HT_ASSERT(malloc(SIZE_MAX - 100) == NULL);
	HT_ASSERT_EQ(errno, ENOMEM);
}

HT_TEST(calloc_zeroes_recycled_memory)
{
	unsigned char *p;
	size_t i;

	p = malloc(200);
	memset(p, 0xff, 200);
	free(p);
	p = calloc(10, 20);
	HT_ASSERT(p != NULL);
	for (i = 0; i < 200; i++)
		HT_ASSERT_EQ(p[i], 0);
	free(p);
	p = calloc(1, 100000);
	HT_ASSERT(p != NULL);
	for (i = 0; i < 100000; i += 4096)
		HT_ASSERT_EQ(p[i], 0);
	free(p);
	errno = 0;
	HT_ASSERT(calloc(SIZE_MAX / 2, 3) == NULL);
	HT_ASSERT_EQ(errno, ENOMEM);
}

HT_TEST(realloc_keeps_contents)
{
	unsigned char *p, *q;
	size_t n;

	HT_ASSERT((p = realloc(NULL, 10)) != NULL);
	fill(p, 10, 9);
	for (n = 10; n < 200000; n = n * 3 / 2 + 1) {
		q = realloc(p, n);
		HT_ASSERT(q != NULL);
		HT_ASSERT(intact(q, n * 2 / 3 < 10 ? n : 10, 9));
		p = q;
	}
	q = realloc(p, 5);	/* shrinking far moves to a small block */
	HT_ASSERT(q != NULL && intact(q, 5, 9));
	HT_ASSERT(realloc(q, 12) == q);	/* fits, wastes < half: stays */
	p = realloc(q, 0);
	HT_ASSERT(p != NULL);
	free(p);
}

HT_TEST(aligned_allocations)
{
	static const size_t aligns[] = { 8, 16, 32, 64, 256, 4096, 65536 };
	volatile size_t three = 3;	/* hidden from -Wnon-power-of-two-alignment */
	void *p;
	size_t i;

	for (i = 0; i < sizeof(aligns) / sizeof(aligns[0]); i++) {
		HT_ASSERT_EQ(posix_memalign(&p, aligns[i], 100), 0);
		HT_ASSERT_EQ((uintptr_t)p % aligns[i], 0);
		fill(p, 100, 1);
		p = realloc(p, 50000);	/* realloc of an aligned block */
		HT_ASSERT(p != NULL && intact(p, 100, 1));
		free(p);
		p = aligned_alloc(aligns[i], 40000);
		HT_ASSERT(p != NULL);
		HT_ASSERT_EQ((uintptr_t)p % aligns[i], 0);
		memset(p, 1, 40000);
		free(p);
	}
	HT_ASSERT_EQ(posix_memalign(&p, 24, 8), EINVAL);
	HT_ASSERT_EQ(posix_memalign(&p, 4, 8), EINVAL);
	HT_ASSERT((p = aligned_alloc(4, 8)) != NULL);
	free(p);
	errno = 0;
	HT_ASSERT(aligned_alloc(three, 8) == NULL);
	HT_ASSERT_EQ(errno, EINVAL);
}

/* One stress thread: random allocations, frees and reallocs, all checked. */
static void *
stress(void *arg)
{
	enum { SLOTS = 64, ROUNDS = 20000 };
	unsigned char *p[SLOTS] = { 0 };
	size_t size[SLOTS] = { 0 };
	unsigned int seed = (unsigned int)(uintptr_t)arg, r;
	size_t i, n;
	int round;

	for (round = 0; round < ROUNDS; round++) {
		r = rand_r(&seed);
		i = r % SLOTS;
		if (p[i] != NULL && !intact(p[i], size[i], (unsigned int)i))
			return ((void *)1);
		n = (r >> 8) % 4 == 0 ? (r >> 10) % 70000 : (r >> 10) % 600;
		if ((r >> 8) % 3 == 0) {
			free(p[i]);
			p[i] = malloc(n);
		} else
			p[i] = realloc(p[i], n);
		if (p[i] == NULL)
			return ((void *)2);
		size[i] = n;
		fill(p[i], n, (unsigned int)i);
	}
	for (i = 0; i < SLOTS; i++)
		free(p[i]);
	return (NULL);
}

HT_TEST(threads_stress)
{
	pthread_t t[4];
	void *ret;
	int i;

	for (i = 0; i < 4; i++)
		HT_ASSERT_EQ(pthread_create(&t[i], NULL, stress,
		    (void *)(uintptr_t)(i + 1)), 0);
	for (i = 0; i < 4; i++) {
		HT_ASSERT_EQ(pthread_join(t[i], &ret), 0);
		HT_ASSERT(ret == NULL);
	}
}
