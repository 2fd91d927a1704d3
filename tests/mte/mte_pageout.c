/*
 * madvise(MADV_PAGEOUT) (docs/abi.md section 3.1): the range's resident
 * private pages go to swap before the call returns, and come back with
 * identical data and tags.
 *
 *  1. Untagged memory: vm.stats.vm.v_swappgsout moves by the page count,
 *     the pages are no longer resident, the data read back identical.
 *  2. PROT_MTE memory whose every granule has a tag different from its
 *     neighbours': the same, vm.mte.swap_tagged_out moves by the page
 *     count too, and the tags read back identical; paged out again, a
 *     load with a wrong tag (the first touch, so the page comes in on
 *     it) faults at the exact granule.
 *  3. What is left alone: mlock'd pages, and pages a forked child maps
 *     too (private ones it shares until copy on write, MAP_SHARED ones);
 *     an unaligned address is EINVAL.
 *
 * Needs swap (vm.swap_total): without it MADV_PAGEOUT leaves the pages
 * resident and the test says SKIP.  The tagged part needs MTE.
 */
#include <sys/types.h>
#include <sys/mman.h>
#include <sys/sysctl.h>
#include <sys/wait.h>
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "mte_util.h"

#define	NPAGES	16

static size_t pg;

/* Granule i's tag: 1 to 15, never its neighbours'. */
static unsigned
granule_tag(size_t i)
{
	return ((unsigned)(i % 15) + 1);
}

/* Granule i's first word. */
static uint64_t
datum(size_t i)
{
	return ((i + 1) * 0x9e3779b97f4a7c15UL);
}

/* Fill npages of p: each granule its datum and, if tagged, its tag. */
static void
fill(char *p, size_t npages, int tagged)
{
	uint64_t *q;
	size_t i;

	for (i = 0; i < npages * pg / MTE_GRANULE; i++) {
		q = (uint64_t *)(p + i * MTE_GRANULE);
		if (tagged) {
			q = set_tag(q, granule_tag(i));
			stg(q);
		}
		q[0] = datum(i);
		q[1] = ~datum(i);
	}
}

/* The first granule of npages of p whose data or tag differ, or -1. */
static long
first_bad(char *p, size_t npages, int tagged)
{
	volatile uint64_t *q;
	size_t i;

	for (i = 0; i < npages * pg / MTE_GRANULE; i++) {
		q = (uint64_t *)(p + i * MTE_GRANULE);
		if (tagged)
			q = set_tag((void *)q, granule_tag(i));
		if (q[0] != datum(i) || q[1] != ~datum(i) ||
		    (tagged && mem_tag((void *)q) != granule_tag(i)))
			return ((long)i);
	}
	return (-1);
}

/* How many of npages of p are resident. */
static int
resident(char *p, size_t npages)
{
	char vec[NPAGES];
	size_t i;
	int n = 0;

	CHECK_OK(mincore(p, npages * pg, vec));
	for (i = 0; i < npages; i++)
		n += (vec[i] & MINCORE_INCORE) != 0;
	return (n);
}

/* Page out npages of p and check the counters and residency. */
static void
page_out(char *p, size_t npages, int tagged)
{
	u_long out, tout;

	out = sysctl_ulong("vm.stats.vm.v_swappgsout");
	tout = sysctl_ulong("vm.mte.swap_tagged_out");
	CHECK_OK(madvise(p, npages * pg, MADV_PAGEOUT));
	CHECK_EQ(sysctl_ulong("vm.stats.vm.v_swappgsout") - out, npages);
	CHECK_EQ(sysctl_ulong("vm.mte.swap_tagged_out") - tout,
	    tagged ? npages : 0);
	CHECK_EQ(resident(p, npages), 0);
}

/* Part 1 or 2: out and back, data (and tags) identical. */
static void
round_trip(int tagged)
{
	u_long in;
	char *p;

	p = CHECK_MMAP(NULL, NPAGES * pg, tagged ? MTE_RW :
	    PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANON, -1, 0);
	fill(p, NPAGES, tagged);
	CHECK_EQ(resident(p, NPAGES), NPAGES);
	page_out(p, NPAGES, tagged);
	in = sysctl_ulong("vm.stats.vm.v_swappgsin");
	CHECK_EQ(first_bad(p, NPAGES, tagged), -1);
	CHECK_EQ(sysctl_ulong("vm.stats.vm.v_swappgsin") - in, NPAGES);
	CHECK_EQ(resident(p, NPAGES), NPAGES);
	if (tagged) {
		/* Granule 3 of page 5, loaded with its neighbour's tag. */
		page_out(p, NPAGES, tagged);
		CHECK_TAG_FAULT(set_tag(p + 5 * pg + 3 * MTE_GRANULE,
		    granule_tag(5 * pg / MTE_GRANULE + 4)), 0, MTE_MODE_SYNC);
		CHECK_EQ(first_bad(p, NPAGES, tagged), -1);
	}
	CHECK_OK(munmap(p, NPAGES * pg));
}

/*
 * Part 3: what MADV_PAGEOUT leaves alone: mlock'd pages; private pages a
 * forked child still shares and MAP_SHARED pages it maps too.
 */
static void
left_alone(void)
{
	u_long out;
	char *p, *s, c;
	int fds[2], status;
	pid_t pid;

	p = CHECK_MMAP(NULL, NPAGES * pg, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANON, -1, 0);
	fill(p, NPAGES, 0);
	CHECK_ERRNO(madvise(p + 1, pg, MADV_PAGEOUT), EINVAL);
	CHECK_OK(mlock(p, NPAGES * pg));
	out = sysctl_ulong("vm.stats.vm.v_swappgsout");
	CHECK_OK(madvise(p, NPAGES * pg, MADV_PAGEOUT));
	CHECK_EQ(sysctl_ulong("vm.stats.vm.v_swappgsout"), out);
	CHECK_EQ(resident(p, NPAGES), NPAGES);
	CHECK_OK(munlock(p, NPAGES * pg));
	CHECK_OK(munmap(p, NPAGES * pg));

	p = CHECK_MMAP(NULL, NPAGES * pg, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANON, -1, 0);
	s = CHECK_MMAP(NULL, NPAGES * pg, PROT_READ | PROT_WRITE,
	    MAP_SHARED | MAP_ANON, -1, 0);
	fill(p, NPAGES, 0);
	fill(s, NPAGES, 0);
	CHECK_OK(pipe(fds));
	pid = fork();
	if (pid == 0) {
		/* Hold both mappings until the parent is done. */
		(void)read(fds[0], &c, 1);
		_exit(0);
	}
	CHECK(pid > 0);
	CHECK_OK(madvise(p, NPAGES * pg, MADV_PAGEOUT));
	CHECK_OK(madvise(s, NPAGES * pg, MADV_PAGEOUT));
	CHECK_EQ(sysctl_ulong("vm.stats.vm.v_swappgsout"), out);
	CHECK_EQ(resident(p, NPAGES), NPAGES);
	CHECK_EQ(resident(s, NPAGES), NPAGES);
	CHECK_EQ(write(fds[1], "x", 1), 1);
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK_EQ(first_bad(p, NPAGES, 0), -1);
	CHECK_EQ(first_bad(s, NPAGES, 0), -1);
	CHECK_OK(close(fds[0]));
	CHECK_OK(close(fds[1]));
	CHECK_OK(munmap(p, NPAGES * pg));
	CHECK_OK(munmap(s, NPAGES * pg));
}

int
main(void)
{
	char *p;

	pg = (size_t)getpagesize();
	if (sysctl_ulong("vm.swap_total") == 0) {
		/* No swap: the pages stay. */
		p = CHECK_MMAP(NULL, NPAGES * pg, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANON, -1, 0);
		fill(p, NPAGES, 0);
		CHECK_OK(madvise(p, NPAGES * pg, MADV_PAGEOUT));
		CHECK_EQ(resident(p, NPAGES), NPAGES);
		CHECK_EQ(first_bad(p, NPAGES, 0), -1);
		check_skip("no swap (vm.swap_total is 0)");
	}
	round_trip(0);
	left_alone();
	if (check_have_mte()) {
		MTE_SET_MODE(MTE_MODE_SYNC, MTE_ALL_TAGS);
		round_trip(1);
	}
	return (check_done());
}
