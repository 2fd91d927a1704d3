/*
 * The per-thread caches of freed chunks (docs/malloc.md, "Threads"): a
 * chunk one thread frees reaches another thread through its class's
 * shared list (a full cache hands back its oldest chunks, a thread that
 * ends hands back all), and its tags are right there: the new owner's
 * pointer works on every granule it asked for, which all hold its tag,
 * the old owner's stale pointer faults, and neighbours' tags differ.
 *
 * Two cases, each in a child per heap kind (untagged, and SYNC if the
 * machine has MTE), with stderr (malloc's fault reports) through a pipe:
 *  - thread A allocates and frees CHUNKS chunks of 48 bytes and ends;
 *    thread B then allocates CHUNKS: every one must be one A freed;
 *  - the same with 80 bytes while A is still running (blocked on a pipe):
 *    B must get at least the chunks A's full cache handed back.
 */
#include <stdint.h>

#include "malloc_bug.h"

#define	CHUNKS		100	/* well over what a thread caches */
#define	STALE_PROBES	8	/* stale pointers read, each a report */

static char *freed[CHUNKS];	/* A's pointers, kept after the free */
static char *got[CHUNKS];	/* B's */
static size_t chunk_size;
static int a_wait[2];		/* A blocks on it until B is done */
static int a_done[2];		/* A says it has freed everything */
static int tagged_heap;

/* The tag pointer p carries. */
static unsigned int
tag_of(const void *p)
{

	return (((uintptr_t)p >> 56) & 0xf);
}

/* p without its tag. */
static uintptr_t
addr_of(const void *p)
{

	return ((uintptr_t)p & ~(0xffUL << 56));
}

/* The tag memory holds for the granule at p. */
static unsigned int
mem_tag_of(const void *p)
{
	const void *r = p;

	__asm__ __volatile__("ldg %0, [%1]" : "+r" (r) : "r" (p) : "memory");
	return (tag_of(r));
}

/* Thread A: allocate and free CHUNKS chunks; optionally wait to end. */
static void *
thread_a(void *arg)
{
	int i, stay = arg != NULL;
	char c;

	for (i = 0; i < CHUNKS; i++) {
		if ((freed[i] = malloc(chunk_size)) == NULL)
			return ((void *)1);
		memset(freed[i], 0xa0, chunk_size);
	}
	for (i = 0; i < CHUNKS; i++)
		free(freed[i]);
	if (stay) {
		(void)write(a_done[1], "x", 1);
		(void)read(a_wait[0], &c, 1);
	}
	return (NULL);
}

/* Thread B: allocate CHUNKS chunks, each filled with its own byte. */
static void *
thread_b(void *arg)
{
	int i;

	(void)arg;
	for (i = 0; i < CHUNKS; i++) {
		if ((got[i] = malloc(chunk_size)) == NULL)
			return ((void *)1);
		memset(got[i], i, chunk_size);
	}
	return (NULL);
}

/* Index of the chunk A freed at B's chunk g, or -1. */
static int
freed_by_a(const char *g)
{
	int i;

	for (i = 0; i < CHUNKS; i++)
		if (addr_of(freed[i]) == addr_of(g))
			return (i);
	return (-1);
}

/* Check B's chunks after A freed its own; need of them must be A's. */
static void
check_reuse(int need)
{
	size_t k;
	int i, j, reused = 0, probes = 0;

	for (j = 0; j < CHUNKS; j++) {
		for (k = 0; k < chunk_size; k++)
			if ((unsigned char)got[j][k] != (unsigned char)j)
				break;
		CHECK(k == chunk_size);
		if ((i = freed_by_a(got[j])) < 0)
			continue;
		reused++;
		if (!tagged_heap)
			continue;
		CHECK(tag_of(got[j]) != tag_of(freed[i]));
		for (k = 0; k < chunk_size; k += 16)
			CHECK_EQ(mem_tag_of(got[j] + k), tag_of(got[j]));
		if (probes++ < STALE_PROBES) {
			CHECK_FAULT(freed[i], 0, SIGSEGV, SEGV_MTESERR);
			CHECK_FAULT(freed[i] + chunk_size - 1, 1, SIGSEGV,
			    SEGV_MTESERR);
		}
	}
	CHECK(reused >= need);
	if (!tagged_heap)
		return;
	/* Neighbouring slots of a class never share a tag. */
	for (i = 0; i < CHUNKS; i++)
		for (j = 0; j < CHUNKS; j++)
			if (addr_of(got[j]) == addr_of(got[i]) + 16 +
			    chunk_size)
				CHECK(tag_of(got[i]) != tag_of(got[j]));
}

/* The two cases, in the child; exits with its checks' outcome. */
static void
cases(void)
{
	pthread_t a, b;
	void *ret;
	char c;
	int i;

	tagged_heap = malloc_tagging() != MALLOC_TAGGING_OFF;

	/* A ends before B starts: its whole cache went back. */
	chunk_size = 48;
	CHECK_EQ(pthread_create(&a, NULL, thread_a, NULL), 0);
	CHECK_EQ(pthread_join(a, &ret), 0);
	CHECK(ret == NULL);
	CHECK_EQ(pthread_create(&b, NULL, thread_b, NULL), 0);
	CHECK_EQ(pthread_join(b, &ret), 0);
	CHECK(ret == NULL);
	check_reuse(CHUNKS);
	for (i = 0; i < CHUNKS; i++)
		free(got[i]);

	/* A still runs: only what its full cache handed back is shared. */
	chunk_size = 80;
	CHECK_EQ(pipe(a_wait), 0);
	CHECK_EQ(pipe(a_done), 0);
	CHECK_EQ(pthread_create(&a, NULL, thread_a, (void *)1), 0);
	CHECK_EQ(read(a_done[0], &c, 1), 1);
	CHECK_EQ(pthread_create(&b, NULL, thread_b, NULL), 0);
	CHECK_EQ(pthread_join(b, &ret), 0);
	CHECK(ret == NULL);
	check_reuse(CHUNKS / 2);
	CHECK_EQ(write(a_wait[1], "x", 1), 1);
	CHECK_EQ(pthread_join(a, &ret), 0);
	CHECK(ret == NULL);
	check_child_exit();
}

/* Run cases() in a child whose heap is mode; its stderr if it fails. */
static void
run(int mode)
{
	static char report[16384];
	int status;

	status = malloc_bug_child(cases, mode, report, sizeof(report));
	check_count++;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		check_fail(__FILE__, __LINE__, "mode %d: status %#x; its "
		    "stderr:\n%s", mode, status, report);
}

int
main(void)
{

	run(MALLOC_TAGGING_OFF);
	if (check_have_mte())
		run(MALLOC_TAGGING_SYNC);
	return (check_done());
}
