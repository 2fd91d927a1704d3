/*
 * Superpage reservations (sys/vm/vm_reserv.h), seen through the counters
 * sysctl gives (bin/sysctl prints the same):
 *
 *  1. MAP_ALIGNED_SUPER places a mapping on a 2 MiB boundary, and so does
 *     a plain anonymous mapping of 2 MiB or more (as on FreeBSD);
 *  2. first touch of 64 MiB, untagged and (with MTE) tagged, takes about
 *     32 faults, makes 32 reservations and 32 2 MiB blocks (mapped at once
 *     or promoted), keeps every datum, and munmap frees all 32 and gives
 *     every page back (checked from the second round on); the
 *     instructions per page are printed (the counter advances once per
 *     instruction under tools/qemu.sh);
 *  3. munmap of one page inside a populated reservation breaks it, and
 *     the rest of the data is kept;
 *  4. memory pressure (only on a machine of at most MAX_RAM_MB): many
 *     barely used reservations, then a mapping as big as free memory is
 *     touched; the allocator breaks reservations to get pages
 *     (vm.reserv.reclaimed), nothing is lost and no reservation is left.
 */
#include <sys/types.h>
#include <sys/mman.h>
#include <sys/sysctl.h>
#include <stdint.h>
#include <string.h>

#include "check.h"

#define	SUPER		(2UL << 20)
#define	TOUCH_SIZE	(64UL << 20)
#define	MAX_RAM_MB	256
#define	SPARSE_SIZE	(1UL << 30)

static size_t pg;

static void
print_counters(const char *when)
{
	static const char *const names[] = {
		"vm.stats.vm.v_vm_faults", "vm.reserv.reserved",
		"vm.reserv.active", "vm.reserv.fullpop", "vm.reserv.freed",
		"vm.reserv.broken", "vm.reserv.reclaimed",
		"vm.pmap.l2.mappings", "vm.pmap.l2.promotions",
		"vm.pmap.l2.demotions",
	};
	size_t i;

	printf("superpages: counters %s:", when);
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		printf(" %s=%lu", names[i] + 3, CHECK_SYSCTL(names[i]));
	printf("\n");
}

static uint64_t
read_cntvct(void)
{
	uint64_t c;

	__asm __volatile("isb; mrs %0, cntvct_el0" : "=r" (c) : : "memory");
	return (c);
}

static void
test_alignment(void)
{
	char *p;

	p = mmap(NULL, 3 * SUPER, PROT_READ | PROT_WRITE,
	    MAP_ANON | MAP_PRIVATE | MAP_ALIGNED_SUPER, -1, 0);
	CHECK(p != MAP_FAILED);
	CHECK_EQ((uintptr_t)p % SUPER, 0);
	CHECK_OK(munmap(p, 3 * SUPER));
	/* Not a multiple of 2 MiB, no flag: still placed for superpages. */
	p = mmap((void *)0x100003000UL, SUPER + 5 * pg, PROT_READ,
	    MAP_ANON | MAP_PRIVATE, -1, 0);
	CHECK(p != MAP_FAILED);
	CHECK_EQ((uintptr_t)p % SUPER, 0);
	CHECK_OK(munmap(p, SUPER + 5 * pg));
}

/*
 * Touch TOUCH_SIZE of fresh memory with prot; check the reservations.
 * With check_free, also that every page came back: not on the first
 * round, whose pv entries leave kmalloc with pages it keeps.
 */
static void
test_touch(int prot, const char *what, int check_free)
{
	u_long active0, reserved0, freed0, faults0, free0, faults, blocks0;
	uint64_t t0, t1;
	size_t i, npages = TOUCH_SIZE / pg;
	uint64_t *p;
	int bad = 0;

	free0 = CHECK_SYSCTL("vm.stats.vm.v_free_count");
	active0 = CHECK_SYSCTL("vm.reserv.active");
	reserved0 = CHECK_SYSCTL("vm.reserv.reserved");
	freed0 = CHECK_SYSCTL("vm.reserv.freed");
	faults0 = CHECK_SYSCTL("vm.stats.vm.v_vm_faults");
	blocks0 = CHECK_SYSCTL("vm.pmap.l2.promotions") +
	    CHECK_SYSCTL("vm.pmap.l2.mappings");
	p = mmap(NULL, TOUCH_SIZE, prot, MAP_ANON | MAP_PRIVATE, -1, 0);
	CHECK(p != MAP_FAILED);
	if (p == MAP_FAILED)
		return;
	CHECK_EQ((uintptr_t)p % SUPER, 0);
	t0 = read_cntvct();
	for (i = 0; i < npages; i++)
		p[i * pg / sizeof(*p)] = i * 0x9e3779b97f4a7c15ULL;
	t1 = read_cntvct();
	faults = CHECK_SYSCTL("vm.stats.vm.v_vm_faults") - faults0;
	printf("superpages: first touch of 64 MiB %s: %lu faults, "
	    "%lu instructions per page\n", what, faults,
	    (u_long)((t1 - t0) / npages));
	print_counters(what);
	CHECK_EQ(CHECK_SYSCTL("vm.reserv.active") - active0,
	    TOUCH_SIZE / SUPER);
	CHECK_EQ(CHECK_SYSCTL("vm.reserv.reserved") - reserved0,
	    TOUCH_SIZE / SUPER);
	/* One fault per 2 MiB, mapping a block at once (fresh-run policy). */
	CHECK_EQ(CHECK_SYSCTL("vm.pmap.l2.promotions") +
	    CHECK_SYSCTL("vm.pmap.l2.mappings") - blocks0, TOUCH_SIZE / SUPER);
	CHECK(faults <= 2 * TOUCH_SIZE / SUPER);
	for (i = 0; i < npages; i++)
		if (p[i * pg / sizeof(*p)] != i * 0x9e3779b97f4a7c15ULL)
			bad++;
	CHECK_EQ(bad, 0);
	CHECK_OK(munmap(p, TOUCH_SIZE));
	CHECK_EQ(CHECK_SYSCTL("vm.reserv.active"), active0);
	CHECK_EQ(CHECK_SYSCTL("vm.reserv.freed") - freed0, TOUCH_SIZE / SUPER);
	if (check_free)
		CHECK_EQ(CHECK_SYSCTL("vm.stats.vm.v_free_count"), free0);
}

/* munmap of one page of a populated reservation breaks it. */
static void
test_partial_unmap(void)
{
	u_long broken0, active0;
	size_t i, npages = 2 * SUPER / pg;
	uint64_t *p;
	int bad = 0;

	active0 = CHECK_SYSCTL("vm.reserv.active");
	broken0 = CHECK_SYSCTL("vm.reserv.broken");
	p = mmap(NULL, 2 * SUPER, PROT_READ | PROT_WRITE,
	    MAP_ANON | MAP_PRIVATE, -1, 0);
	CHECK(p != MAP_FAILED);
	if (p == MAP_FAILED)
		return;
	for (i = 0; i < npages; i++)
		p[i * pg / sizeof(*p)] = i + 1;
	CHECK_EQ(CHECK_SYSCTL("vm.reserv.active") - active0, 2);
	CHECK_OK(munmap((char *)p + 100 * pg, pg));
	CHECK_EQ(CHECK_SYSCTL("vm.reserv.broken") - broken0, 1);
	CHECK_EQ(CHECK_SYSCTL("vm.reserv.active") - active0, 1);
	for (i = 0; i < npages; i++)
		if (i != 100 && p[i * pg / sizeof(*p)] != i + 1)
			bad++;
	CHECK_EQ(bad, 0);
	CHECK_OK(munmap(p, 2 * SUPER));
	CHECK_EQ(CHECK_SYSCTL("vm.reserv.active"), active0);
}

/*
 * Fill memory while barely used reservations hold most of it: the
 * allocator must break them, and every datum must survive.
 */
static void
test_pressure(void)
{
	u_long active0, reserved_free0, reclaimed0, fillpages, i;
	u_long nsparse = SPARSE_SIZE / SUPER;
	uint64_t *sparse, *fill;
	int bad = 0;

	active0 = CHECK_SYSCTL("vm.reserv.active");
	reserved_free0 = CHECK_SYSCTL("vm.reserv.free_pages");
	reclaimed0 = CHECK_SYSCTL("vm.reserv.reclaimed");
	/*
	 * One page off 2 MiB alignment on purpose: its reservations cannot
	 * back blocks, so a write fault takes one page, not a whole run,
	 * and each stays partly used.
	 */
	sparse = mmap(NULL, SPARSE_SIZE + SUPER, PROT_READ | PROT_WRITE,
	    MAP_ANON | MAP_PRIVATE | MAP_ALIGNED_SUPER, -1, 0);
	CHECK(sparse != MAP_FAILED);
	if (sparse == MAP_FAILED)
		return;
	CHECK_OK(munmap(sparse, SPARSE_SIZE + SUPER));
	sparse = mmap((char *)sparse + pg, SPARSE_SIZE, PROT_READ |
	    PROT_WRITE, MAP_ANON | MAP_PRIVATE | MAP_FIXED, -1, 0);
	CHECK(sparse != MAP_FAILED);
	if (sparse == MAP_FAILED)
		return;
	for (i = 0; i < nsparse; i++)
		sparse[i * SUPER / sizeof(*sparse)] = i + 7;
	print_counters("after sparse touch");
	/* Leave 8 MiB for page tables and the kernel. */
	fillpages = CHECK_SYSCTL("vm.stats.vm.v_free_count") - (8UL << 20) / pg;
	fill = mmap(NULL, fillpages * pg, PROT_READ | PROT_WRITE,
	    MAP_ANON | MAP_PRIVATE, -1, 0);
	CHECK(fill != MAP_FAILED);
	if (fill != MAP_FAILED) {
		for (i = 0; i < fillpages; i++)
			fill[i * pg / sizeof(*fill)] = i;
		for (i = 0; i < fillpages; i++)
			if (fill[i * pg / sizeof(*fill)] != i)
				bad++;
		print_counters("after filling memory");
		CHECK(CHECK_SYSCTL("vm.reserv.reclaimed") > reclaimed0);
		CHECK_OK(munmap(fill, fillpages * pg));
	}
	for (i = 0; i < nsparse; i++)
		if (sparse[i * SUPER / sizeof(*sparse)] != i + 7)
			bad++;
	CHECK_EQ(bad, 0);
	CHECK_OK(munmap(sparse, SPARSE_SIZE));
	/*
	 * No reserved page is left behind (kmalloc keeps its pv pages, so
	 * the free count cannot say); others' reservations (init's) may
	 * have been reclaimed too.
	 */
	CHECK(CHECK_SYSCTL("vm.reserv.active") <= active0);
	CHECK(CHECK_SYSCTL("vm.reserv.free_pages") <= reserved_free0);
}

int
main(void)
{
	pg = (size_t)getpagesize();
	test_alignment();
	test_touch(PROT_READ | PROT_WRITE, "untagged", 0);
	if (check_have_mte())
		test_touch(PROT_READ | PROT_WRITE | PROT_MTE, "tagged", 1);
	else
		test_touch(PROT_READ | PROT_WRITE, "untagged", 1);
	test_partial_unmap();
	if (CHECK_SYSCTL("vm.stats.vm.v_page_count") * pg <= (MAX_RAM_MB << 20))
		test_pressure();
	else
		printf("superpages: memory pressure runs on a machine of at "
		    "most %d MiB (tools/run-tests.sh boots one)\n",
		    MAX_RAM_MB);
	return (check_done());
}
