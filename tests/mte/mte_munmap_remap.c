/*
 * docs/abi.md section 6, "munmap, then a new mapping over the same place", and sections 7.4-7.5:
 * no tag or datum of freed tagged memory is ever visible again, to any
 * process.  Tagged pages are freed by munmap (whole or part), by
 * MAP_FIXED over them and by a process's exit; new mappings, at the same
 * place or elsewhere, tagged from the start or by a later mprotect, in
 * this process or another, read tag 0 and zero data in every granule,
 * and pointers into the old memory no longer match.  In every checking
 * mode.
 */
#include <sys/types.h>
#include <sys/mman.h>
#include <machine/sysarch.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "mte_util.h"

#define	NPAGES		256	/* 1 MiB: freed pages come back */
#define	DIRT		0xd1	/* data left in freed memory */

static size_t pg;	/* the page size */

/* Leave nonzero tags (1 to 15 in turn) and DIRT in [p, p + len). */
static void
dirty(char *p, size_t len)
{
	size_t off;

	for (off = 0; off < len; off += MTE_GRANULE)
		stg(set_tag(p + off, off / MTE_GRANULE % 15 + 1));
	fill_granules(p, len, DIRT);
}

/* Every granule of [p, p + len) has tag 0 and zero data. */
static void
check_fresh(char *p, size_t len)
{

	CHECK_EQ(first_tag_not(p, len, 0), -1);
	CHECK_EQ(first_byte_not(p, len, 0), -1);
}

/*
 * The same place again: after munmap, by MAP_FIXED over live tagged
 * memory, and untagged first then tagged by mprotect.
 */
static void
test_same_place(uint32_t mode)
{
	char *p;

	MTE_SET_MODE(mode, MTE_ALL_TAGS);
	p = MTE_MAP(NPAGES * pg);
	dirty(p, NPAGES * pg);
	CHECK_OK(munmap(p, NPAGES * pg));
	CHECK(mmap(p, NPAGES * pg, MTE_RW, MAP_FIXED | MAP_PRIVATE | MAP_ANON,
	    -1, 0) == p);
	check_fresh(p, NPAGES * pg);
	CHECK_TAG_FAULT(set_tag(p + 16, 2), 0, mode);
	CHECK_TAG_OK(p + 16, 0);

	dirty(p, NPAGES * pg);
	CHECK_OK(munmap(p + 8 * pg, 8 * pg));
	CHECK(mmap(p + 8 * pg, 8 * pg, PROT_READ | PROT_WRITE, MAP_FIXED |
	    MAP_PRIVATE | MAP_ANON, -1, 0) == p + 8 * pg);
	CHECK_OK(mprotect(p + 8 * pg, 8 * pg, MTE_RW));
	check_fresh(p + 8 * pg, 8 * pg);
	CHECK(mmap(p + 32 * pg, 16 * pg, MTE_RW, MAP_FIXED | MAP_PRIVATE |
	    MAP_ANON, -1, 0) == p + 32 * pg);
	check_fresh(p + 32 * pg, 16 * pg);
	CHECK_TAG_FAULT(set_tag(p + 32 * pg + 32, 3), 1, mode);
	CHECK_EQ(first_byte_not(p, 8 * pg, DIRT), -1);
	CHECK_EQ(mem_tag(p + 7 * pg), (7 * pg / MTE_GRANULE) % 15 + 1);
	CHECK_OK(munmap(p, NPAGES * pg));
}

/* Map, check, dirty and unmap tagged memory several times over. */
static void
test_again_and_again(uint32_t mode)
{
	char *p;
	int i;

	MTE_SET_MODE(mode, MTE_ALL_TAGS);
	for (i = 0; i < 4; i++) {
		p = MTE_MAP(NPAGES * pg);
		check_fresh(p, NPAGES * pg);
		dirty(p, NPAGES * pg);
		CHECK_OK(munmap(p, NPAGES * pg));
	}
}

/*
 * Another process: a child mapping memory after the parent freed its
 * tagged memory sees none of it, nor does the parent see what a child
 * left when it exited.
 */
static void
test_other_process(uint32_t mode)
{
	pid_t pid;
	char *p;

	MTE_SET_MODE(mode, MTE_ALL_TAGS);
	p = MTE_MAP(NPAGES * pg);
	dirty(p, NPAGES * pg);
	CHECK_OK(munmap(p, NPAGES * pg));
	pid = CHECK_FORK();
	if (pid == 0) {
		p = MTE_MAP(2 * NPAGES * pg);
		check_fresh(p, 2 * NPAGES * pg);
		p = CHECK_MAP_ANON(NPAGES * pg);
		CHECK_OK(mprotect(p, NPAGES * pg, MTE_RW));
		check_fresh(p, NPAGES * pg);
		check_child_exit();
	}
	CHECK_WAIT_EXIT(pid, 0);

	pid = CHECK_FORK();
	if (pid == 0) {
		p = MTE_MAP(2 * NPAGES * pg);
		dirty(p, 2 * NPAGES * pg);
		check_child_exit();
	}
	CHECK_WAIT_EXIT(pid, 0);
	p = MTE_MAP(2 * NPAGES * pg);
	check_fresh(p, 2 * NPAGES * pg);
	CHECK_OK(munmap(p, 2 * NPAGES * pg));
}

/* Every test of this program, in tag-check mode mode. */
static void
test_mode(uint32_t mode)
{
	test_same_place(mode);
	test_again_and_again(mode);
	test_other_process(mode);
}

int
main(void)
{

	pg = getpagesize();
	return (mte_main(test_mode));
}
