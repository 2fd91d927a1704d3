/*
 * Host tests of lib/libc's malloc (lib/libc/stdlib/malloc.c), renamed
 * tagos_* by libc_rename.h, on the host's mmap.  The libc lock it uses is
 * replaced by a spin lock here; the stress test runs host threads.  The
 * host stands in for a machine without MTE (malloc_tag.h below), so the
 * heap is never tagged: these tests cover the size classes, the slabs'
 * layout and the bookkeeping that catches bad frees, under ASan.
 */
#include <sys/wait.h>
#include <errno.h>
#include <malloc_np.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hosttest.h"
#include "libc_lock.h"
#include "stdlib/malloc_tag.h"

/* malloc_tag.h on a machine without MTE: nothing is ever tagged. */
int
__malloc_mte_present(void)
{

	return (0);
}

/* Never called without MTE. */
int
__malloc_tag_enable(int mode)
{

	return (EOPNOTSUPP);
}

/* Tags are never set here: p as it is. */
void *
__malloc_tag_random(void *p, unsigned int exclude)
{

	return (p);
}

/* No tags to set. */
void
__malloc_tag_set(void *p, size_t len)
{
}

/* No tags to set; the bytes are zeroed. */
void
__malloc_tag_set_zero(void *p, size_t len)
{

	memset(p, 0, len);
}

/* Every granule has tag 0. */
unsigned int
__malloc_tag_get(const void *p)
{

	return (0);
}

/* No stacks are recorded for an untagged heap. */
void
__malloc_stack(void *fp, uintptr_t *pcs)
{

	pcs[0] = 0;
}

/* Never called without MTE. */
void
__malloc_handler_install(void)
{
}

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

/*
 * Run bad(arg) in a child with its stderr in report[len]; returns its
 * wait status.
 */
static int
run_child(void (*bad)(void), char *report, size_t len)
{
	size_t got = 0;
	ssize_t n;
	pid_t pid;
	int fd[2], status;

	if (pipe(fd) != 0)
		return (-1);
	fflush(stdout);
	fflush(stderr);
	if ((pid = fork()) == 0) {
		close(fd[0]);
		dup2(fd[1], 2);
		bad();
		_exit(0);
	}
	close(fd[1]);
	while (got < len - 1 && (n = read(fd[0], report + got,
	    len - 1 - got)) > 0)
		got += n;
	report[got] = '\0';
	close(fd[0]);
	if (waitpid(pid, &status, 0) != pid)
		return (-1);
	return (status);
}

/* bad() must abort with a report line starting "malloc: <kind>". */
#define	ASSERT_ABORTS(bad, kind) do {					\
	char report_[2048], want_[100];					\
	int status_;							\
									\
	status_ = run_child((bad), report_, sizeof(report_));		\
	HT_ASSERT(WIFSIGNALED(status_) && WTERMSIG(status_) == SIGABRT);\
	snprintf(want_, sizeof(want_), "malloc: %s", (kind));		\
	HT_ASSERT(strstr(report_, want_) != NULL);			\
} while (0)

static void *volatile sink;	/* keeps pointers from the optimizer */

/* Free a chunk twice. */
static void
double_free(void)
{
	void *p = malloc(40);

	free(p);
	free(p);
}

/* Free a large chunk twice. */
static void
double_free_large(void)
{
	void *p = malloc(100000);

	free(p);
	free(p);
}

/* Free a pointer into a chunk. */
static void
interior_free(void)
{
	char *p = malloc(64);

	free(p + 16);
}

/* Free a local variable. */
static void
stack_free(void)
{
	char buf[32] __attribute__((aligned(16)));

	sink = buf;
	free(sink);
}

/* Free a chunk slot never handed out, far into a slab. */
static void
uncut_free(void)
{
	char *p = malloc(16);

	free(p + 32 * 100);
}

/* realloc a freed chunk. */
static void
realloc_freed(void)
{
	void *p = malloc(24);

	free(p);
	sink = realloc(p, 100);
}

/* Write a freed chunk's link, then allocate from its class. */
static void
write_after_free(void)
{
	long *p = malloc(32);

	free(p);
	p[0] = 12345;		/* what a use after free does untagged */
	sink = malloc(32);
}

HT_TEST(bad_frees_abort_with_a_report)
{

	ASSERT_ABORTS(double_free, "double free");
	ASSERT_ABORTS(double_free_large, "double free");
	ASSERT_ABORTS(interior_free, "invalid free");
	ASSERT_ABORTS(stack_free, "invalid free");
	ASSERT_ABORTS(uncut_free, "invalid free");
	ASSERT_ABORTS(realloc_freed, "realloc of a freed pointer");
	ASSERT_ABORTS(write_after_free, "heap corruption");
}

HT_TEST(chunks_of_a_class_are_neighbours)
{
	enum { N = 40 };
	static const size_t sizes[] = { 1, 16, 17, 100, 128, 129, 1000, 4096,
	    20000, 32768 };
	char *p[N];
	size_t i, j, k, d, stride, slot;

	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		/* The slot is the closest two chunks of a class ever lie. */
		stride = SIZE_MAX;
		for (j = 0; j < N; j++) {
			p[j] = malloc(sizes[i]);
			HT_ASSERT(p[j] != NULL);
			for (k = 0; k < j; k++) {
				d = p[j] > p[k] ? p[j] - p[k] : p[k] - p[j];
				if (d < stride)
					stride = d;
			}
		}
		/* One header granule, then the class size (>= the request). */
		slot = stride - 16;
		HT_ASSERT(slot >= sizes[i]);
		HT_ASSERT(sizes[i] <= 128 ? slot - sizes[i] < 16 :
		    slot - sizes[i] <= sizes[i] / 4);
		for (j = 0; j < N; j++)
			free(p[j]);
	}
}

HT_TEST(tagging_requests_without_mte)
{

	/* Every earlier test allocated: the heap's kind is fixed. */
	errno = 0;
	HT_ASSERT_EQ(malloc_set_tagging(MALLOC_TAGGING_SYNC), -1);
	HT_ASSERT_EQ(errno, EBUSY);
	errno = 0;
	HT_ASSERT_EQ(malloc_set_tagging(7), -1);
	HT_ASSERT_EQ(errno, EINVAL);
	HT_ASSERT_EQ(malloc_tagging(), MALLOC_TAGGING_OFF);
}
