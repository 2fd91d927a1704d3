/*
 * Host tests for the buddy allocator (sys/vm/vm_phys.c).  "Physical
 * memory" is a 16 MiB host arena posing as RAM at 0x40000000, with two
 * segments, two exclusions and a bootstrap allocation, so the tests see
 * the same boot sequence as the kernel.  The allocator's state is global,
 * so every test leaves all memory free again, as it found it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hosttest.h"
#include "sys/types.h"
#include "sys/param.h"
#include "vm/vm_page.h"
#include "vm/vm_phys.h"

uintptr_t host_dmap_offset;

#define ARENA_BASE	0x40000000UL
#define ARENA_SIZE	(16UL << 20)
#define BLOCK_MAX	(PAGE_SIZE << (VM_NFREEORDER - 1))

/* Segment A is 2 MiB aligned; B is added with ragged ends. */
#define SEG_A_START	0x40000000UL
#define SEG_A_END	0x40800000UL
#define SEG_B_START	0x40a01000UL		/* added as 0x40a00800 */
#define SEG_B_END	0x40e05000UL		/* added as 0x40e05456 */
#define NPAGES_A	atop(SEG_A_END - SEG_A_START)
#define NPAGES_B	atop(SEG_B_END - SEG_B_START)
#define NPAGES		(NPAGES_A + NPAGES_B)

/* The "kernel image", and a "DTB" straddling the start of segment B. */
#define KERN_START	0x40200000UL
#define KERN_END	0x402c2000UL		/* excluded up to 0x402c1234 */
#define DTB_START	0x40a00000UL
#define DTB_END		0x40a03000UL

#define BOOT_SIZE	(3 * PAGE_SIZE)
#define BOOT_ALIGN	0x10000UL		/* seg B ends off this alignment */

static void	*arena;
static vm_paddr_t boot_pa;
static u_long	initial_free;
static uint8_t	initial_order[NPAGES];	/* every page's order after startup */
static bool	initial_free_page[NPAGES]; /* PG_FREE after startup */

/* Index of a segment page in the tables above, or -1 if pa is no RAM. */
static long
page_index(vm_paddr_t pa)
{
	if (pa >= SEG_A_START && pa < SEG_A_END)
		return (atop(pa - SEG_A_START));
	if (pa >= SEG_B_START && pa < SEG_B_END)
		return (NPAGES_A + atop(pa - SEG_B_START));
	return (-1);
}

/* Physical address of the page with index i. */
static vm_paddr_t
index_to_pa(u_long i)
{
	if (i < NPAGES_A)
		return (SEG_A_START + ptoa(i));
	return (SEG_B_START + ptoa(i - NPAGES_A));
}

/* Boot the allocator over the arena once, and record its initial state. */
static void
setup(void)
{
	struct vm_page *m;
	u_long i;

	if (arena != NULL)
		return;
	if (posix_memalign(&arena, BLOCK_MAX, ARENA_SIZE) != 0)
		abort();
	memset(arena, 0, ARENA_SIZE);
	host_dmap_offset = (uintptr_t)arena - ARENA_BASE;

	vm_phys_add_seg(0x40a00800UL, 0x40e05456UL);
	vm_phys_add_seg(SEG_A_START, SEG_A_END);
	vm_phys_add_seg(0x40f00800UL, 0x40f01000UL);	/* no whole page */
	vm_phys_exclude(KERN_START + 0x10, 0x402c1234UL);
	vm_phys_exclude(DTB_START, DTB_END);
	vm_phys_exclude(0x40900000UL, 0x40901000UL);	/* not RAM at all */
	boot_pa = vm_phys_bootstrap_alloc(BOOT_SIZE - 100, BOOT_ALIGN);
	vm_page_startup();

	initial_free = vm_phys_free_count();
	for (i = 0; i < NPAGES; i++) {
		m = PHYS_TO_VM_PAGE(index_to_pa(i));
		initial_order[i] = m->order;
		initial_free_page[i] = (vm_page_flags(m) & PG_FREE) != 0;
	}
}

/* True if every page is free again, in the same blocks as after startup. */
static bool
back_to_initial(void)
{
	struct vm_page *m;
	u_long i;

	/* Cached single pages are free, but head no block until drained. */
	(void)vm_phys_cache_drain();
	if (vm_phys_cache_count() != 0 ||
	    vm_phys_free_count() != initial_free)
		return (false);
	for (i = 0; i < NPAGES; i++) {
		m = PHYS_TO_VM_PAGE(index_to_pa(i));
		if (m->order != initial_order[i] ||
		    ((vm_page_flags(m) & PG_FREE) != 0) != initial_free_page[i])
			return (false);
	}
	return (true);
}

/* True if [pa, pa + len) overlaps [start, end). */
static bool
overlaps(vm_paddr_t pa, vm_size_t len, vm_paddr_t start, vm_paddr_t end)
{
	return (pa < end && pa + len > start);
}

/* The next number of this test's fixed random sequence (ht_random). */
static uint64_t
rnd(void)
{
	static uint64_t state = 0x9e3779b97f4a7c15ULL;

	return (ht_random(&state));
}

HT_TEST(startup_pages_cover_ram)
{
	struct vm_page *m;
	vm_paddr_t pa;
	u_long i;

	setup();
	for (i = 0; i < NPAGES; i++) {
		pa = index_to_pa(i);
		m = PHYS_TO_VM_PAGE(pa);
		HT_ASSERT(m != NULL);
		HT_ASSERT_EQ(VM_PAGE_TO_PHYS(m), pa);
		HT_ASSERT(PHYS_TO_VM_PAGE(pa + PAGE_SIZE - 1) == m);
		HT_ASSERT((uintptr_t)vm_page_to_dmap(m) ==
		    (uintptr_t)arena + (pa - ARENA_BASE));
	}
	HT_ASSERT(PHYS_TO_VM_PAGE(SEG_A_START - 1) == NULL);
	HT_ASSERT(PHYS_TO_VM_PAGE(SEG_A_END) == NULL);
	HT_ASSERT(PHYS_TO_VM_PAGE(0x40900000UL) == NULL);
	HT_ASSERT(PHYS_TO_VM_PAGE(SEG_B_START - 1) == NULL);
	HT_ASSERT(PHYS_TO_VM_PAGE(SEG_B_END) == NULL);
	HT_ASSERT(PHYS_TO_VM_PAGE(0x40f00800UL) == NULL);
	HT_ASSERT(PHYS_TO_VM_PAGE(0) == NULL);
}

HT_TEST(startup_frees_all_but_boot_memory)
{
	vm_paddr_t array_a, array_b, pa;
	u_long array_pages, expect, i;
	bool in_use;

	setup();
	/* The vm_page arrays come from bootstrap memory in the DMAP. */
	array_a = DMAP_TO_PHYS((vm_offset_t)PHYS_TO_VM_PAGE(SEG_A_START));
	array_b = DMAP_TO_PHYS((vm_offset_t)PHYS_TO_VM_PAGE(SEG_B_START));
	HT_ASSERT(page_index(array_a) >= 0 && page_index(array_b) >= 0);
	HT_ASSERT_EQ(boot_pa & (BOOT_ALIGN - 1), 0);
	HT_ASSERT(page_index(boot_pa) >= 0);

	array_pages = howmany(NPAGES_A * sizeof(struct vm_page), PAGE_SIZE) +
	    howmany(NPAGES_B * sizeof(struct vm_page), PAGE_SIZE);
	expect = NPAGES - atop(KERN_END - KERN_START) -
	    atop(DTB_END - SEG_B_START) - atop(BOOT_SIZE) - array_pages;
	HT_ASSERT_EQ(vm_phys_total_count(), expect);
	HT_ASSERT_EQ(initial_free, expect);

	for (i = 0; i < NPAGES; i++) {
		pa = index_to_pa(i);
		in_use = overlaps(pa, PAGE_SIZE, KERN_START, KERN_END) ||
		    overlaps(pa, PAGE_SIZE, DTB_START, DTB_END) ||
		    overlaps(pa, PAGE_SIZE, boot_pa, boot_pa + BOOT_SIZE) ||
		    overlaps(pa, PAGE_SIZE, trunc_page(array_a), array_a +
		    NPAGES_A * sizeof(struct vm_page)) ||
		    overlaps(pa, PAGE_SIZE, trunc_page(array_b), array_b +
		    NPAGES_B * sizeof(struct vm_page));
		HT_ASSERT_EQ(initial_free_page[i], !in_use);
	}
}

HT_TEST(startup_uses_largest_blocks)
{
	u_long i, j, n, total;
	vm_paddr_t pa, buddy;
	long b;

	setup();
	total = 0;
	for (i = 0; i < NPAGES; i++) {
		if (initial_order[i] == VM_FREE_ORDER_NONE)
			continue;
		HT_ASSERT(initial_order[i] < VM_NFREEORDER);
		pa = index_to_pa(i);
		n = 1UL << initial_order[i];
		HT_ASSERT_EQ(atop(pa) & (n - 1), 0);
		for (j = 0; j < n; j++) {
			HT_ASSERT(initial_free_page[i + j]);
			HT_ASSERT(j == 0 ||
			    initial_order[i + j] == VM_FREE_ORDER_NONE);
		}
		total += n;
		/* A free buddy of the same order would have been merged. */
		if (initial_order[i] == VM_NFREEORDER - 1)
			continue;
		buddy = pa ^ ptoa(n);
		b = page_index(buddy);
		HT_ASSERT(b < 0 || initial_order[b] != initial_order[i]);
	}
	HT_ASSERT_EQ(total, initial_free);
	HT_ASSERT_EQ(initial_order[page_index(SEG_A_START)], VM_NFREEORDER - 1);
}

HT_TEST(alloc_aligns_every_order)
{
	struct vm_page *m;
	vm_paddr_t pa;
	u_long i;
	int order;

	setup();
	for (order = 0; order < VM_NFREEORDER; order++) {
		m = vm_phys_alloc_pages(order);
		HT_ASSERT(m != NULL);
		pa = VM_PAGE_TO_PHYS(m);
		HT_ASSERT_EQ(pa & ((PAGE_SIZE << order) - 1), 0);
		HT_ASSERT(page_index(pa) >= 0);
		HT_ASSERT(page_index(pa + (PAGE_SIZE << order) - 1) ==
		    page_index(pa) + (1L << order) - 1);
		for (i = 0; i < (1UL << order); i++) {
			HT_ASSERT(PHYS_TO_VM_PAGE(pa + ptoa(i)) == &m[i]);
			HT_ASSERT_EQ(vm_page_flags(&m[i]) & PG_FREE, 0);
			HT_ASSERT_EQ(m[i].ref_count, 0);
			HT_ASSERT_EQ(m[i].order, VM_FREE_ORDER_NONE);
		}
		HT_ASSERT_EQ(vm_phys_free_count(), initial_free - (1UL << order));
		vm_phys_free_pages(m, order);
		HT_ASSERT(back_to_initial());
	}
}

HT_TEST(alloc_leaves_contents)
{
	struct vm_page *m;
	uint64_t *p;

	setup();
	m = vm_phys_alloc_pages(0);
	HT_ASSERT(m != NULL);
	p = vm_page_to_dmap(m);
	p[0] = 0x1234;
	p[PAGE_SIZE / sizeof(*p) - 1] = 0x5678;
	vm_phys_free_pages(m, 0);
	/* The most recently freed page is handed out first. */
	HT_ASSERT(vm_phys_alloc_pages(0) == m);
	HT_ASSERT_EQ(p[0], 0x1234);
	HT_ASSERT_EQ(p[PAGE_SIZE / sizeof(*p) - 1], 0x5678);
	vm_phys_free_pages(m, 0);
	HT_ASSERT(back_to_initial());
}

HT_TEST(free_parts_of_a_run)
{
	struct vm_page *m;
	u_long i;

	setup();
	m = vm_phys_alloc_pages(3);
	HT_ASSERT(m != NULL);
	for (i = 0; i < 8; i++)
		vm_phys_free_pages(&m[i], 0);
	HT_ASSERT(back_to_initial());
	m = vm_phys_alloc_pages(2);
	HT_ASSERT(m != NULL);
	vm_phys_free_pages(&m[2], 1);
	vm_phys_free_pages(&m[0], 1);
	HT_ASSERT(back_to_initial());
}

HT_TEST(exhaust_pages_and_coalesce)
{
	struct vm_page **pages, *tmp;
	u_long i, j, n;
	long idx;
	int order;

	setup();
	pages = calloc(NPAGES, sizeof(*pages));
	HT_ASSERT(pages != NULL);
	for (n = 0; (pages[n] = vm_phys_alloc_pages(0)) != NULL; n++) {
		idx = page_index(VM_PAGE_TO_PHYS(pages[n]));
		HT_ASSERT(idx >= 0 && initial_free_page[idx]);
		HT_ASSERT(n < NPAGES);
	}
	HT_ASSERT_EQ(n, initial_free);
	HT_ASSERT_EQ(vm_phys_free_count(), 0);
	for (order = 0; order < VM_NFREEORDER; order++)
		HT_ASSERT(vm_phys_alloc_pages(order) == NULL);
	/* Free in random order: merging must not depend on the order. */
	for (i = n - 1; i > 0; i--) {
		j = rnd() % (i + 1);
		tmp = pages[i];
		pages[i] = pages[j];
		pages[j] = tmp;
	}
	for (i = 0; i < n; i++)
		vm_phys_free_pages(pages[i], 0);
	free(pages);
	HT_ASSERT(back_to_initial());
}

/*
 * Single pages go through the per-CPU cache: a page freed and taken again
 * at once is the same page, the cache stays bounded however many pages
 * are freed in a row, cached pages count as free, and an allocation of
 * a larger block that the free lists can satisfy only once the cache is
 * drained into them gets it (exhaust the free lists, cache pages, ask
 * for a pair).
 */
HT_TEST(per_cpu_cache_bounded_and_drained)
{
	struct vm_page **pages, *m;
	u_long i, n;

	setup();
	pages = calloc(NPAGES, sizeof(*pages));
	HT_ASSERT(pages != NULL);
	for (n = 0; n < 1000; n++) {
		pages[n] = vm_phys_alloc_pages(0);
		HT_ASSERT(pages[n] != NULL);
	}
	HT_ASSERT_EQ(vm_phys_free_count(), initial_free - n);
	for (i = 0; i < n; i++) {
		vm_phys_free_pages(pages[i], 0);
		HT_ASSERT(vm_phys_cache_count() <= 128);
	}
	HT_ASSERT(vm_phys_cache_count() > 0);
	HT_ASSERT_EQ(vm_phys_free_count(), initial_free);
	m = vm_phys_alloc_pages(0);
	HT_ASSERT(m == pages[n - 1]);
	vm_phys_free_pages(m, 0);

	/* Every page taken; then two buddies freed go to the cache. */
	for (n = 0; (pages[n] = vm_phys_alloc_pages(0)) != NULL; n++)
		;
	HT_ASSERT_EQ(vm_phys_free_count(), 0);
	/* Two buddies, both free at startup, so both taken now. */
	for (i = 0; i + 1 < NPAGES; i++)
		if (index_to_pa(i) % (2 * PAGE_SIZE) == 0 &&
		    index_to_pa(i + 1) == index_to_pa(i) + PAGE_SIZE &&
		    initial_free_page[i] && initial_free_page[i + 1])
			break;
	HT_ASSERT(i + 1 < NPAGES);
	m = PHYS_TO_VM_PAGE(index_to_pa(i));
	(void)vm_phys_cache_drain();
	vm_phys_free_pages(&m[0], 0);
	vm_phys_free_pages(&m[1], 0);
	HT_ASSERT_EQ(vm_phys_cache_count(), 2);
	HT_ASSERT_EQ(vm_phys_free_count(), 2);
	HT_ASSERT(vm_phys_alloc_pages(1) == m);
	HT_ASSERT_EQ(vm_phys_cache_count(), 0);
	vm_phys_free_pages(m, 1);
	for (i = 0; i < n; i++)
		if (pages[i] != &m[0] && pages[i] != &m[1])
			vm_phys_free_pages(pages[i], 0);
	free(pages);
	HT_ASSERT(back_to_initial());
}

HT_TEST(exhaust_each_order)
{
	struct {
		struct vm_page	*m;
		int		order;
	} *runs;
	u_long n, pages;
	int order;

	setup();
	runs = calloc(NPAGES, sizeof(*runs));
	HT_ASSERT(runs != NULL);
	n = pages = 0;
	for (order = VM_NFREEORDER - 1; order >= 0; order--) {
		while ((runs[n].m = vm_phys_alloc_pages(order)) != NULL) {
			runs[n++].order = order;
			pages += 1UL << order;
		}
		HT_ASSERT_EQ(vm_phys_free_count(), initial_free - pages);
	}
	HT_ASSERT_EQ(pages, initial_free);
	while (n > 0) {
		n--;
		vm_phys_free_pages(runs[n].m, runs[n].order);
	}
	free(runs);
	HT_ASSERT(back_to_initial());
}

/* True if an aligned run of 2^order pages, all free, lies in one segment. */
static bool
model_has_free_run(const bool *model_free, int order)
{
	u_long i, j, n;
	vm_paddr_t pa;

	n = 1UL << order;
	for (i = 0; i < NPAGES; i++) {
		pa = index_to_pa(i);
		if ((atop(pa) & (n - 1)) != 0 ||
		    page_index(pa + ptoa(n) - 1) != (long)(i + n - 1))
			continue;
		for (j = 0; j < n && model_free[i + j]; j++)
			;
		if (j == n)
			return (true);
	}
	return (false);
}

HT_TEST(random_against_model)
{
	struct {
		struct vm_page	*m;
		int		order;
	} runs[1024];
	bool model_free[NPAGES];
	u_long model_nfree, i, k, n;
	uint64_t *stamp;
	vm_paddr_t pa;
	long idx;
	int order, step, nruns;

	setup();
	memcpy(model_free, initial_free_page, sizeof(model_free));
	model_nfree = initial_free;
	nruns = 0;
	for (step = 0; step < 20000; step++) {
		if (nruns < (int)nitems(runs) && (nruns == 0 || rnd() % 8 < 5)) {
			/* Mostly small orders, some large ones. */
			order = __builtin_ctzll(rnd() | (1ULL << 9));
			n = 1UL << order;
			runs[nruns].m = vm_phys_alloc_pages(order);
			if (runs[nruns].m == NULL) {
				HT_ASSERT(!model_has_free_run(model_free,
				    order));
				continue;
			}
			pa = VM_PAGE_TO_PHYS(runs[nruns].m);
			HT_ASSERT_EQ(pa & (ptoa(n) - 1), 0);
			idx = page_index(pa);
			HT_ASSERT(idx >= 0);
			HT_ASSERT(page_index(pa + ptoa(n) - 1) ==
			    idx + (long)n - 1);
			for (i = 0; i < n; i++) {
				/* No two live runs overlap. */
				HT_ASSERT(model_free[idx + i]);
				model_free[idx + i] = false;
				stamp = vm_page_to_dmap(&runs[nruns].m[i]);
				*stamp = pa + ptoa(i);
			}
			model_nfree -= n;
			runs[nruns++].order = order;
		} else {
			k = rnd() % nruns;
			order = runs[k].order;
			pa = VM_PAGE_TO_PHYS(runs[k].m);
			idx = page_index(pa);
			for (i = 0; i < (1UL << order); i++) {
				stamp = vm_page_to_dmap(&runs[k].m[i]);
				HT_ASSERT_EQ(*stamp, pa + ptoa(i));
				model_free[idx + i] = true;
			}
			vm_phys_free_pages(runs[k].m, order);
			model_nfree += 1UL << order;
			runs[k] = runs[--nruns];
		}
		HT_ASSERT_EQ(vm_phys_free_count(), model_nfree);
	}
	while (nruns > 0) {
		nruns--;
		vm_phys_free_pages(runs[nruns].m, runs[nruns].order);
	}
	HT_ASSERT(back_to_initial());
}

static void
double_free(void)
{
	struct vm_page *m = vm_phys_alloc_pages(0);

	vm_phys_free_pages(m, 0);
	vm_phys_free_pages(m, 0);
}

static void
free_inside_free_block(void)
{
	struct vm_page *m = vm_phys_alloc_pages(2);

	vm_phys_free_pages(m, 2);
	vm_phys_free_pages(&m[1], 0);
}

static void
misaligned_free(void)
{
	struct vm_page *m = vm_phys_alloc_pages(2);

	vm_phys_free_pages(&m[1], 1);
}

static void
order_too_large(void)
{
	vm_phys_alloc_pages(VM_NFREEORDER);
}

static void
negative_order(void)
{
	vm_phys_free_pages(vm_phys_alloc_pages(0), -1);
}

static void
free_referenced_page(void)
{
	struct vm_page *m = vm_phys_alloc_pages(0);

	m->ref_count = 1;
	vm_phys_free_pages(m, 0);
}

static void
free_not_a_page(void)
{
	struct vm_page fake;

	memset(&fake, 0, sizeof(fake));
	fake.phys_addr = SEG_A_START;
	vm_phys_free_pages(&fake, 0);
}

static void
startup_twice(void)
{
	vm_page_startup();
}

static void
add_seg_after_startup(void)
{
	vm_phys_add_seg(0x50000000UL, 0x50100000UL);
}

HT_TEST(misuse_panics)
{
	setup();
	HT_ASSERT(ht_panics(double_free));
	HT_ASSERT(ht_panics(free_inside_free_block));
	HT_ASSERT(ht_panics(misaligned_free));
	HT_ASSERT(ht_panics(order_too_large));
	HT_ASSERT(ht_panics(negative_order));
	HT_ASSERT(ht_panics(free_referenced_page));
	HT_ASSERT(ht_panics(free_not_a_page));
	HT_ASSERT(ht_panics(startup_twice));
	HT_ASSERT(ht_panics(add_seg_after_startup));
	HT_ASSERT(back_to_initial());
}
