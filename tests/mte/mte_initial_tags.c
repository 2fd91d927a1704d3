/*
 * docs/abi.md section 6, "mmap PROT_MTE with MAP_PRIVATE|MAP_ANON" and "mmap PROT_MTE
 * alone": every granule of a fresh tagged mapping reads tag 0 and zero
 * data at first access, whatever that access is (a tag load, a tag store,
 * a data read or a data write; with MAP_PREFAULT_READ; across superpage-
 * aligned ranges).  A pointer with tag 0 passes the check and one with any
 * other tag faults, in every checking mode.  PROT_MTE alone maps an
 * inaccessible range that mprotect later opens, tagged.
 */
#include <sys/types.h>
#include <sys/mman.h>
#include <machine/sysarch.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "mte_util.h"

#define	NPAGES		64		/* pages of the first-touch test */
#define	SUPER_LEN	(4UL << 20)	/* two 2 MiB superpages */
#define	FIRST_TAG	9		/* the tag a first STG stores */

static size_t pg;	/* the page size */

/* The granule of page i that the first-touch test touches. */
static char *
touched(char *p, size_t i)
{

	return (p + i * pg + (i * 3 % (pg / MTE_GRANULE)) * MTE_GRANULE);
}

/*
 * Every granule in [p, p + len) but the one at skip (NULL: none) holds
 * tag 0 and zero data.
 */
static void
check_fresh_but(char *p, size_t len, char *skip)
{

	if (skip == NULL) {
		CHECK_EQ(first_tag_not(p, len, 0), -1);
		CHECK_EQ(first_byte_not(p, len, 0), -1);
		return;
	}
	CHECK_EQ(first_tag_not(p, skip - p, 0), -1);
	CHECK_EQ(first_byte_not(p, skip - p, 0), -1);
	skip += MTE_GRANULE;
	CHECK_EQ(first_tag_not(skip, p + len - skip, 0), -1);
	CHECK_EQ(first_byte_not(skip, p + len - skip, 0), -1);
}

/*
 * Fresh pages touched first in each of the four ways, in turn: the tags
 * are 0 and the data zero everywhere, but for what the first touch
 * stored; then tag 0 passes and tag 3 faults.
 */
static void
test_first_touch(uint32_t mode, int flags)
{
	char *p, *q;
	size_t i;

	MTE_SET_MODE(mode, MTE_ALL_TAGS);
	p = CHECK_MMAP(NULL, NPAGES * pg, MTE_RW, MAP_PRIVATE | MAP_ANON |
	    flags, -1, 0);
	for (i = 0; i < NPAGES; i++) {
		q = touched(p, i);
		switch (i % 4) {
		case 0:
			CHECK_EQ(mem_tag(q), 0);
			break;
		case 1:
			stg(set_tag(q, FIRST_TAG));
			break;
		case 2:
			CHECK_TAG_OK(q, 0);
			break;
		case 3:
			CHECK_TAG_OK(q, 1);
			break;
		}
	}
	for (i = 0; i < NPAGES; i++) {
		q = touched(p, i);
		switch (i % 4) {
		case 1:
			CHECK_EQ(mem_tag(q), FIRST_TAG);
			CHECK_EQ(first_byte_not(q, MTE_GRANULE, 0), -1);
			break;
		case 3:
			CHECK_EQ(mem_tag(q), 0);
			CHECK_EQ(*(volatile char *)ldg(q), 0x5a);
			CHECK_EQ(first_byte_not(q + 1, MTE_GRANULE - 1, 0),
			    -1);
			break;
		default:
			check_fresh_but(q, MTE_GRANULE, NULL);
			break;
		}
		check_fresh_but(p + i * pg, pg, q);
	}
	CHECK_TAG_OK(p, 0);
	CHECK_TAG_OK(p + NPAGES * pg - 1, 1);
	CHECK_TAG_FAULT(set_tag(p, 3), 0, mode);
	CHECK_TAG_FAULT(set_tag(p + 5 * pg + 17, 3), 1, mode);
	CHECK_TAG_FAULT(set_tag(p + NPAGES * pg - 1, 15), 0, mode);
	CHECK_TAG_FAULT(set_tag(touched(p, 1), 0), 1, mode);
	CHECK_OK(munmap(p, NPAGES * pg));
}

/* Write a zero byte to every page of the SUPER_LEN range at arg. */
static void
touch_every_page(void *arg)
{
	size_t off;

	for (off = 0; off < SUPER_LEN; off += pg)
		*(volatile char *)((char *)arg + off) = 0;
}

/*
 * A superpage-aligned range, written page by page (the kernel may map or
 * promote it as 2 MiB blocks): still tag 0 and zero everywhere.
 */
static void
test_superpage(uint32_t mode, int flags)
{
	struct mte_result r;
	char *p;

	MTE_SET_MODE(mode, MTE_ALL_TAGS);
	p = CHECK_MMAP(NULL, SUPER_LEN, MTE_RW, MAP_PRIVATE | MAP_ANON |
	    MAP_ALIGNED_SUPER | flags, -1, 0);
	mte_run(touch_every_page, p, &r);
	CHECK_TAG_RESULT(&r, p, 1, mode, 0);
	check_fresh_but(p, SUPER_LEN, NULL);
	CHECK_TAG_FAULT(set_tag(p + SUPER_LEN / 2 + 48, 1), 1, mode);
	CHECK_TAG_FAULT(set_tag(p + SUPER_LEN - 16, 14), 0, mode);
	CHECK_OK(munmap(p, SUPER_LEN));
}

/*
 * PROT_MTE alone: any access is SEGV_ACCERR; mprotect(READ|WRITE|MTE)
 * opens a range that reads tag 0 and zero, and is checked.
 */
static void
test_prot_mte_alone(uint32_t mode)
{
	char *p;

	MTE_SET_MODE(mode, MTE_ALL_TAGS);
	p = CHECK_MMAP(NULL, 4 * pg, PROT_MTE, MAP_PRIVATE | MAP_ANON, -1, 0);
	CHECK_FAULT(p, 0, SIGSEGV, SEGV_ACCERR);
	CHECK_FAULT(p + 3 * pg + 5, 1, SIGSEGV, SEGV_ACCERR);
	CHECK_OK(mprotect(p, 4 * pg, MTE_RW));
	check_fresh_but(p, 4 * pg, NULL);
	CHECK_TAG_OK(p + pg, 1);
	CHECK_TAG_FAULT(set_tag(p + 2 * pg + 32, 3), 0, mode);
	CHECK_TAG_FAULT(set_tag(p + 3 * pg, 7), 1, mode);
	CHECK_OK(munmap(p, 4 * pg));
}

/* Every test of this program, in tag-check mode mode. */
static void
test_mode(uint32_t mode)
{
	test_first_touch(mode, 0);
	test_first_touch(mode, MAP_PREFAULT_READ);
	test_superpage(mode, 0);
	test_superpage(mode, MAP_PREFAULT_READ);
	test_prot_mte_alone(mode);
}

int
main(void)
{

	pg = getpagesize();
	return (mte_main(test_mode));
}
