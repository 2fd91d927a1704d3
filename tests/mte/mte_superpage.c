/*
 * Tagged superpages (docs/mte.md, "Superpages"): a 2 MiB tagged mapping
 * is mapped by one L2 block, either at its first write fault
 * (vm.pmap.l2.mappings) or, when a read came first, by promotion once
 * every page is touched (vm.pmap.l2.promotions), each aligned 64 KiB
 * having become a contiguous run on the way (vm.pmap.l3c.promotions);
 * then every granule
 * gets its own tag and datum, and both are read back after each way the
 * block is split
 * (vm.pmap.l2.demotions): mprotect of one page, munmap of one page,
 * madvise(MADV_FREE) of one page (which also breaks the reservation),
 * minherit of one page followed by fork, and copy on write after fork:
 * the child's copy of a page keeps its tags, the parent keeps its block
 * (read-only) until its own first write splits it.  A tag check fault
 * inside a block is reported at the exact granule.  In every checking
 * mode.
 */
#include <sys/types.h>
#include <sys/mman.h>
#include <sys/sysctl.h>
#include <machine/sysarch.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "mte_util.h"

#define	SUPER		(2UL << 20)
#define	NGRANULES	(SUPER / MTE_GRANULE)
#define	NONE		(~(size_t)0)

static size_t pg;

/* The tag (1 to 15) and datum granule g of a block gets. */
static unsigned
tag_of(size_t g)
{
	return ((g * 7 + g / 256) % 15 + 1);
}

static uint64_t
datum_of(size_t g)
{
	return (g * 0x9e3779b97f4a7c15ULL + 1);
}

/*
 * How a block is made: mapped whole by the first write fault of fresh
 * memory (vm.pmap.l2.mappings), or promoted once a read fault first made
 * the pages come one at a time (vm.pmap.l2.promotions).
 */
static int promote;

/*
 * A 2 MiB tagged block, every granule given its own tag and datum.
 */
static char *
make_block(void)
{
	const char *how = promote ? "vm.pmap.l2.promotions" :
	    "vm.pmap.l2.mappings";
	u_long blocks0 = CHECK_SYSCTL(how);
	u_long runs0 = CHECK_SYSCTL("vm.pmap.l3c.promotions");
	volatile char *v;
	size_t off, g;
	char *p;

	p = CHECK_MMAP(NULL, SUPER, MTE_RW, MAP_PRIVATE | MAP_ANON |
	    MAP_ALIGNED_SUPER, -1, 0);
	v = p;
	if (promote)
		(void)v[SUPER / 2];
	for (off = 0; off < SUPER; off += pg)
		v[off] = 0;
	CHECK_EQ(CHECK_SYSCTL(how) - blocks0, 1);
	/* Page by page, each aligned 64 KiB became a contiguous run first. */
	if (promote)
		CHECK_EQ(CHECK_SYSCTL("vm.pmap.l3c.promotions") - runs0,
		    SUPER / (16 * pg));
	for (g = 0; g < NGRANULES; g++) {
		stg(set_tag(p + g * MTE_GRANULE, tag_of(g)));
		*(uint64_t *)set_tag(p + g * MTE_GRANULE, tag_of(g)) =
		    datum_of(g);
	}
	return (p);
}

/*
 * Every granule of the block at p, but those of page skip (an index, or
 * NONE), still has its tag and datum.  Returns the number that differ.
 */
static size_t
block_differs(char *p, size_t skip)
{
	size_t g, bad = 0;

	for (g = 0; g < NGRANULES; g++) {
		if (g * MTE_GRANULE / pg == skip)
			continue;
		if (mem_tag(p + g * MTE_GRANULE) != tag_of(g) ||
		    *(uint64_t *)set_tag(p + g * MTE_GRANULE, tag_of(g)) !=
		    datum_of(g))
			bad++;
	}
	return (bad);
}

static void
test_split(uint32_t mode)
{
	u_long demotions0;
	size_t page = 100;
	char *p;

	MTE_SET_MODE(mode, MTE_ALL_TAGS);

	/* mprotect of one page. */
	p = make_block();
	demotions0 = CHECK_SYSCTL("vm.pmap.l2.demotions");
	CHECK_OK(mprotect(p + page * pg, pg, PROT_READ | PROT_MTE));
	CHECK(CHECK_SYSCTL("vm.pmap.l2.demotions") > demotions0);
	CHECK_EQ(block_differs(p, NONE), 0);
	CHECK_OK(munmap(p, SUPER));

	/* munmap of one page. */
	p = make_block();
	demotions0 = CHECK_SYSCTL("vm.pmap.l2.demotions");
	CHECK_OK(munmap(p + page * pg, pg));
	CHECK(CHECK_SYSCTL("vm.pmap.l2.demotions") > demotions0);
	CHECK_EQ(block_differs(p, page), 0);
	CHECK_OK(munmap(p, SUPER));

	/* madvise(MADV_FREE) of one page: demoted, reservation broken. */
	p = make_block();
	demotions0 = CHECK_SYSCTL("vm.pmap.l2.demotions");
	CHECK_OK(madvise(p + page * pg, pg, MADV_FREE));
	CHECK(CHECK_SYSCTL("vm.pmap.l2.demotions") > demotions0);
	CHECK_EQ(block_differs(p, page), 0);
	CHECK_OK(munmap(p, SUPER));
}

/*
 * minherit(INHERIT_NONE) of one page, then fork: the child has all but
 * that page, the parent all of it.
 */
static void
test_minherit(uint32_t mode)
{
	size_t page = 33;
	pid_t pid;
	char *p;

	MTE_SET_MODE(mode, MTE_ALL_TAGS);
	p = make_block();
	CHECK_OK(minherit(p + page * pg, pg, INHERIT_NONE));
	pid = CHECK_FORK();
	if (pid == 0) {
		CHECK_EQ(block_differs(p, page), 0);
		check_child_exit();
	}
	CHECK_WAIT_EXIT(pid, 0);
	CHECK_EQ(block_differs(p, NONE), 0);
	CHECK_OK(munmap(p, SUPER));
}

/*
 * Copy on write of one page of a forked block: the child's copy has the
 * page's tags and data plus its write; the parent's block is unchanged.
 */
static void
test_cow(uint32_t mode)
{
	u_long demotions0;
	size_t page = 200, g = page * pg / MTE_GRANULE;
	pid_t pid;
	char *p;

	MTE_SET_MODE(mode, MTE_ALL_TAGS);
	p = make_block();
	demotions0 = CHECK_SYSCTL("vm.pmap.l2.demotions");
	pid = CHECK_FORK();
	if (pid == 0) {
		*(uint64_t *)set_tag(p + g * MTE_GRANULE, tag_of(g)) =
		    datum_of(g) + 1;
		CHECK_EQ(*(uint64_t *)set_tag(p + g * MTE_GRANULE, tag_of(g)),
		    datum_of(g) + 1);
		*(uint64_t *)set_tag(p + g * MTE_GRANULE, tag_of(g)) =
		    datum_of(g);
		CHECK_EQ(block_differs(p, NONE), 0);
		check_child_exit();
	}
	CHECK_WAIT_EXIT(pid, 0);
	/* Fork made the parent's block read-only, whole: no demotion. */
	CHECK_EQ(CHECK_SYSCTL("vm.pmap.l2.demotions"), demotions0);
	CHECK_EQ(block_differs(p, NONE), 0);
	/* The parent's own first write copies, and splits its block. */
	*(uint64_t *)set_tag(p + g * MTE_GRANULE, tag_of(g)) = datum_of(g);
	CHECK(CHECK_SYSCTL("vm.pmap.l2.demotions") > demotions0);
	CHECK_EQ(block_differs(p, NONE), 0);
	CHECK_OK(munmap(p, SUPER));
}

/* A tag check fault inside a block is reported at its granule. */
static void
test_fault_in_block(uint32_t mode)
{
	size_t g = 12345;
	char *p, *q;

	MTE_SET_MODE(mode, MTE_ALL_TAGS);
	p = make_block();
	q = set_tag(p + g * MTE_GRANULE + 3, tag_of(g) % 15 + 1);
	CHECK_TAG_FAULT(q, 0, mode);
	CHECK_TAG_OK(set_tag(p + g * MTE_GRANULE + 3, tag_of(g)), 0);
	CHECK_EQ(block_differs(p, NONE), 0);
	CHECK_OK(munmap(p, SUPER));
}

/* Every test of this program, in tag-check mode mode. */
static void
test_mode(uint32_t mode)
{
	test_split(mode);
	test_minherit(mode);
	test_cow(mode);
	test_fault_in_block(mode);
}

int
main(void)
{

	pg = getpagesize();
	mte_require();
	for (promote = 0; promote < 2; promote++)
		mte_each_mode(test_mode);
	printf("mte_superpage: vm.pmap.l2.mappings=%lu "
	    "vm.pmap.l2.promotions=%lu vm.pmap.l2.demotions=%lu "
	    "vm.pmap.l3c.promotions=%lu vm.pmap.l3c.demotions=%lu "
	    "vm.reserv.broken=%lu\n", CHECK_SYSCTL("vm.pmap.l2.mappings"),
	    CHECK_SYSCTL("vm.pmap.l2.promotions"),
	    CHECK_SYSCTL("vm.pmap.l2.demotions"),
	    CHECK_SYSCTL("vm.pmap.l3c.promotions"),
	    CHECK_SYSCTL("vm.pmap.l3c.demotions"),
	    CHECK_SYSCTL("vm.reserv.broken"));
	return (check_done());
}
