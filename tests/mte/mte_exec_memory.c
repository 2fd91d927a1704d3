/*
 * The memory exec maps, tagged (docs/abi.md: exec maps the main stack and
 * the program's writable data and bss as private memory whose maximum
 * protection includes PROT_MTE when the machine has MTE).  mprotect adds
 * PROT_MTE to pages of the main stack, of .data and of .bss; the data is
 * kept, every granule reads tag 0, STG tags a stack buffer and a .bss
 * array, accesses through pointers carrying the right tag work and one
 * carrying another tag faults with SEGV_MTESERR in SYNC mode.  Exec used
 * to give these mappings a maximum without PROT_MTE, so mprotect was
 * EACCES.  Without MTE, mprotect(PROT_MTE) on them is EINVAL, as on any
 * memory.
 */
#include <sys/types.h>
#include <sys/mman.h>
#include <machine/sysarch.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "mte_util.h"

#define	STACK_PAGES	4	/* pages of the main stack made tagged */
#define	BUF_LEN		64	/* bytes of the tagged stack buffer */

static char bss_area[2 * 4096] __attribute__((aligned(4096)));
static char data_area[4096] __attribute__((aligned(4096))) = { 'd', 'a' };

static size_t pg;	/* the page size */

/*
 * With the stack's pages tagged: give a buffer of this frame tag 3, use
 * it through tagged pointers, and take a fault through a wrong tag.  The
 * buffer's granules go back to tag 0 before the frame is left, since the
 * frames of later calls reuse them through untagged pointers.
 */
static void __attribute__((noinline))
check_stack_buffer(void)
{
	char buf[BUF_LEN] __attribute__((aligned(16)));
	char *t3 = set_tag(buf, 3);

	tag_range(t3, BUF_LEN, 3);
	CHECK_EQ(mem_tag(buf), 3);
	CHECK_EQ(mem_tag(buf + BUF_LEN - 1), 3);
	memset(t3, 'S', BUF_LEN);
	CHECK_EQ(((volatile char *)t3)[BUF_LEN - 1], 'S');
	CHECK_TAG_OK(t3 + 5, 1);
	CHECK_TAG_OK(t3 + 5, 0);
	CHECK_TAG_FAULT((char *)set_tag(buf, 4) + 5, 0, MTE_MODE_SYNC);
	CHECK_TAG_FAULT((char *)set_tag(buf, 0) + 17, 1, MTE_MODE_SYNC);
	tag_range(buf, BUF_LEN, 0);
}

static void
test_stack(void)
{
	volatile char here = 'h';
	char *top = (char *)((uintptr_t)&here & ~(uintptr_t)(pg - 1)) + pg;
	char *low = top - STACK_PAGES * pg;

	/* The caller's frames above and the pages below, with their data. */
	CHECK_OK(mprotect(low, STACK_PAGES * pg, MTE_RW));
	CHECK_EQ(here, 'h');
	CHECK_EQ(mem_tag((void *)&here), 0);
	CHECK_EQ(first_tag_not(low, STACK_PAGES * pg, 0), -1);
	check_stack_buffer();
	CHECK_EQ(here, 'h');
}

static void
test_bss_and_data(void)
{
	char *t7 = set_tag(bss_area + pg, 7);

	CHECK_OK(mprotect(data_area, pg, MTE_RW));
	CHECK_EQ(data_area[0], 'd');
	CHECK_EQ(data_area[1], 'a');
	CHECK_EQ(first_tag_not(data_area, pg, 0), -1);

	CHECK_OK(mprotect(bss_area, sizeof(bss_area), MTE_RW));
	CHECK_EQ(first_byte_not(bss_area, sizeof(bss_area), 0), -1);
	CHECK_EQ(first_tag_not(bss_area, sizeof(bss_area), 0), -1);
	tag_range(t7, 256, 7);
	memset(t7, 'B', 256);
	CHECK_EQ(first_byte_not(bss_area + pg, 256, 'B'), -1);
	CHECK_TAG_OK(t7 + 255, 0);
	CHECK_TAG_FAULT(bss_area + pg + 16, 1, MTE_MODE_SYNC);
	CHECK_TAG_FAULT((char *)set_tag(bss_area + pg, 8) + 100, 0,
	    MTE_MODE_SYNC);
	/* untagged neighbours still work through untagged pointers */
	CHECK_TAG_OK(bss_area + pg - 1, 1);
	CHECK_TAG_OK(bss_area + pg + 256, 1);
}

/* Without MTE: the same calls are EINVAL and change nothing. */
static void
test_absent(void)
{
	volatile char here = 'h';
	char *page = (char *)((uintptr_t)&here & ~(uintptr_t)(pg - 1));

	CHECK_ERRNO(mprotect(page, pg, MTE_RW), EINVAL);
	CHECK_ERRNO(mprotect(bss_area, pg, MTE_RW), EINVAL);
	CHECK_ERRNO(mprotect(data_area, pg, MTE_RW), EINVAL);
	bss_area[0] = 'x';
	CHECK_EQ(bss_area[0], 'x');
	CHECK_EQ(data_area[0], 'd');
	CHECK_EQ(here, 'h');
	mte_check_absent();
}

int
main(void)
{
	pg = getpagesize();
	if (!check_have_mte()) {
		test_absent();
		return (check_done());
	}
	MTE_SET_MODE(MTE_MODE_SYNC, MTE_ALL_TAGS);
	test_stack();
	test_bss_and_data();
	MTE_SET_MODE(MTE_MODE_NONE, 0);
	return (check_done());
}
