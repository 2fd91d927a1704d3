/*
 * Host tests for kernel malloc (sys/kern/kern_malloc.c), over a vm_phys
 * booted on a 64 MiB host arena posing as RAM at 0x40000000.  ASan sees
 * the arena as one object, so overlap between allocations is caught by
 * filling each with its own pattern and checking them all afterwards.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hosttest.h"
#include "sys/types.h"
#include "sys/param.h"
#include "sys/malloc.h"
#include "vm/vm_page.h"
#include "vm/vm_phys.h"

uintptr_t host_dmap_offset;
/* kstub.c's DC ZVA stand-in: the block size, and the bytes it zeroed. */
extern size_t cpu_zero_block_size;
extern size_t host_zero_blocks_bytes;

#define ARENA_BASE	0x40000000UL
#define ARENA_SIZE	(64UL << 20)
#define BLOCK_MAX	(PAGE_SIZE << (VM_NFREEORDER - 1))
#define MAX_SIZE	8192

static void	*arena;

/* Boot vm_phys over the arena once. */
static void
setup(void)
{
	if (arena != NULL)
		return;
	if (posix_memalign(&arena, BLOCK_MAX, ARENA_SIZE) != 0)
		abort();
	host_dmap_offset = (uintptr_t)arena - ARENA_BASE;
	vm_phys_add_seg(ARENA_BASE, ARENA_BASE + ARENA_SIZE);
	vm_page_startup();
}

/* Size rounded up to a power of two, at least 16: what kmalloc aligns to. */
static size_t
rounded(size_t size)
{
	size_t r = 16;

	while (r < size)
		r <<= 1;
	return (r);
}

/* The byte allocation number i is filled with. */
static uint8_t
pattern(size_t i)
{
	return ((uint8_t)(i * 7 + 1));
}

/* True if p[0 .. len) all equal c. */
static bool
all_bytes(const void *p, size_t len, uint8_t c)
{
	const uint8_t *b = p;
	size_t i;

	for (i = 0; i < len; i++)
		if (b[i] != c)
			return (false);
	return (true);
}

/* Allocate every size 1..MAX_SIZE, all live at once, and check them. */
static void
every_size_pass(void)
{
	static void *p[MAX_SIZE + 1];
	size_t size;

	for (size = 1; size <= MAX_SIZE; size++) {
		p[size] = kmalloc(size, M_WAITOK);
		HT_ASSERT(p[size] != NULL);
		HT_ASSERT_EQ((uintptr_t)p[size] & (rounded(size) - 1), 0);
		memset(p[size], pattern(size), size);
	}
	for (size = 1; size <= MAX_SIZE; size++)
		HT_ASSERT(all_bytes(p[size], size, pattern(size)));
	for (size = 1; size <= MAX_SIZE; size++)
		kfree(p[size]);
}

HT_TEST(every_size_aligned_and_writable)
{
	u_long after_first;

	setup();
	every_size_pass();
	/* Small chunks stay cached; large runs go back to vm_phys. */
	after_first = vm_phys_free_count();
	HT_ASSERT(after_first < vm_phys_total_count());
	every_size_pass();
	HT_ASSERT_EQ(vm_phys_free_count(), after_first);
}

HT_TEST(zero_zeroes)
{
	static const size_t sizes[] = { 0, 1, 15, 16, 17, 100, 2048, 2049,
	    4096, 5000, 65536, 1 << 21 };
	size_t i, size;
	void *p;

	setup();
	for (i = 0; i < nitems(sizes); i++) {
		size = sizes[i];
		/* Dirty the memory the next allocation will most likely get. */
		p = kmalloc(size, M_NOWAIT);
		HT_ASSERT(p != NULL);
		memset(p, 0xa5, rounded(size));
		kfree(p);
		p = kmalloc(size, M_NOWAIT | M_ZERO);
		HT_ASSERT(p != NULL);
		HT_ASSERT(all_bytes(p, size, 0));
		kfree(p);
	}
}

/*
 * With DC ZVA blocks, M_ZERO on a chunk of whole blocks zeroes them all
 * (the chunk is the caller's), and a chunk smaller than a block, or mostly
 * beyond the request, is zeroed as requested only.
 */
HT_TEST(zero_zeroes_by_blocks)
{
	static const size_t sizes[] = { 16, 40, 64, 100, 192, 256, 1500,
	    2048 };
	size_t i, size, before;
	unsigned char *p;

	setup();
	cpu_zero_block_size = 64;
	for (i = 0; i < nitems(sizes); i++) {
		size = sizes[i];
		p = kmalloc(size, M_NOWAIT);
		HT_ASSERT(p != NULL);
		memset(p, 0xa5, rounded(size));
		kfree(p);
		before = host_zero_blocks_bytes;
		p = kmalloc(size, M_NOWAIT | M_ZERO);
		HT_ASSERT(p != NULL);
		HT_ASSERT(all_bytes(p, size, 0));
		if (rounded(size) >= 64 && size > rounded(size) / 2)
			HT_ASSERT_EQ(host_zero_blocks_bytes - before,
			    rounded(size));
		else
			HT_ASSERT_EQ(host_zero_blocks_bytes - before, 0);
		kfree(p);
	}
	cpu_zero_block_size = 0;
}

#define	MANY	200	/* more than a CPU's own list holds */

/*
 * Chunks freed past what the CPU's own list holds go to the shared one;
 * allocated again, every chunk comes back once, none twice, and none
 * overlaps another (each keeps its own pattern).
 */
HT_TEST(cpu_list_overflow_and_reuse)
{
	unsigned char *p[MANY];
	size_t i, j;

	setup();
	for (i = 0; i < MANY; i++) {
		p[i] = kmalloc(64, M_NOWAIT);
		HT_ASSERT(p[i] != NULL);
	}
	for (i = 0; i < MANY; i++)
		kfree(p[i]);
	for (i = 0; i < MANY; i++) {
		p[i] = kmalloc(64, M_NOWAIT);
		HT_ASSERT(p[i] != NULL);
		memset(p[i], pattern(i), 64);
	}
	for (i = 0; i < MANY; i++) {
		HT_ASSERT(all_bytes(p[i], 64, pattern(i)));
		for (j = 0; j < i; j++)
			HT_ASSERT(p[i] != p[j]);
	}
	for (i = 0; i < MANY; i++)
		kfree(p[i]);
}

HT_TEST(kfree_finds_the_size)
{
	u_long before;
	void *p, *q;

	setup();
	/* A freed chunk is reused for its size class, with no new page. */
	p = kmalloc(100, M_NOWAIT);
	HT_ASSERT(p != NULL);
	before = vm_phys_free_count();
	kfree(p);
	q = kmalloc(128, M_NOWAIT);
	HT_ASSERT(q != NULL);
	HT_ASSERT_EQ(vm_phys_free_count(), before);
	kfree(q);

	/* A large allocation is a run of pages, returned whole. */
	before = vm_phys_free_count();
	p = kmalloc(3 * PAGE_SIZE, M_NOWAIT);
	HT_ASSERT(p != NULL);
	HT_ASSERT_EQ(vm_phys_free_count(), before - 4);
	kfree(p);
	HT_ASSERT_EQ(vm_phys_free_count(), before);
	kfree(NULL);
}

HT_TEST(too_large_returns_null)
{
	void *p;

	setup();
	HT_ASSERT(kmalloc((1UL << 21) + 1, M_NOWAIT) == NULL);
	HT_ASSERT(kmalloc(SIZE_MAX, M_NOWAIT) == NULL);
	p = kmalloc(1UL << 21, M_NOWAIT);
	HT_ASSERT(p != NULL);
	HT_ASSERT_EQ((uintptr_t)p & ((1UL << 21) - 1), 0);
	kfree(p);
}

HT_TEST(exhaustion_returns_null)
{
	void **big, **small;
	size_t nbig, nsmall, cap, i;

	setup();
	cap = ARENA_SIZE >> 20;
	big = calloc(cap, sizeof(*big));
	HT_ASSERT(big != NULL);
	for (nbig = 0; (big[nbig] = kmalloc(1 << 20, M_NOWAIT)) != NULL;
	    nbig++)
		HT_ASSERT(nbig < cap);
	HT_ASSERT(nbig > 0);

	/* What is left is in blocks under 1 MiB: fill it with 16 bytes. */
	cap = (vm_phys_free_count() + 1) * (PAGE_SIZE / 16) + 4096;
	small = calloc(cap, sizeof(*small));
	HT_ASSERT(small != NULL);
	for (nsmall = 0; (small[nsmall] = kmalloc(16, M_NOWAIT)) != NULL;
	    nsmall++)
		HT_ASSERT(nsmall < cap);
	HT_ASSERT_EQ(vm_phys_free_count(), 0);
	HT_ASSERT(kmalloc(4096, M_NOWAIT) == NULL);

	for (i = 0; i < nbig; i++)
		kfree(big[i]);
	for (i = 0; i < nsmall; i++)
		kfree(small[i]);
	free(big);
	free(small);
	HT_ASSERT((big = kmalloc(1 << 20, M_NOWAIT)) != NULL);
	kfree(big);
}

static void
free_inside_chunk(void)
{
	char *p = kmalloc(64, M_NOWAIT);

	kfree(p + 16);
}

static void
free_inside_run(void)
{
	char *p = kmalloc(2 * PAGE_SIZE, M_NOWAIT);

	kfree(p + PAGE_SIZE);
}

static void
free_foreign_page(void)
{
	kfree(vm_page_to_dmap(vm_phys_alloc_pages(0)));
}

static void
free_large_twice(void)
{
	void *p = kmalloc(PAGE_SIZE, M_NOWAIT);

	kfree(p);
	kfree(p);
}

static void
page_freed_behind_kmalloc(void)
{
	void *p = kmalloc(PAGE_SIZE, M_NOWAIT);

	vm_phys_free_pages(PHYS_TO_VM_PAGE(DMAP_TO_PHYS((vm_offset_t)p)), 0);
}

HT_TEST(misuse_panics)
{
	setup();
	HT_ASSERT(ht_panics(free_inside_chunk));
	HT_ASSERT(ht_panics(free_inside_run));
	HT_ASSERT(ht_panics(free_foreign_page));
	HT_ASSERT(ht_panics(free_large_twice));
	HT_ASSERT(ht_panics(page_freed_behind_kmalloc));
}
