/*
 * docs/abi.md section 6, fork and tagged memory.  The child sees the parent's data and
 * tags as they were at fork, pages never touched and pages holding only
 * tags included.  Afterwards each side's writes, of data and of tags (a
 * lone STG too), are its own, both ways: copy on write copies the tags.
 * A pointer kept from before fork goes on matching in the child however
 * the parent retags.  INHERIT_ZERO gives the child zero data and zero
 * tags in a range that is still tagged; INHERIT_NONE gives it a hole.
 * All in every checking mode, which the child inherits.
 *
 * Each process keeps a model of what every granule should hold (its tag
 * and one byte value for all 16 bytes), which fork copies along with the
 * memory, and compares the memory with it.
 */
#include <sys/types.h>
#include <sys/mman.h>
#include <machine/sysarch.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "mte_util.h"

/*
 * The pages of test_fork(), by what happens to them:
 *	0  written (data and tags) by the child, then by the parent
 *	1  written by the parent after fork; the child only reads
 *	2  left alone by both
 *	3  one lone STG on each side, different granules
 *	4  never touched before fork; the child writes it
 *	5  only a tag stored before fork, no data
 */
#define	NPAGES		6
#define	CHILD_TAG	13
#define	PARENT_TAG	14

static size_t pg;			/* the page size */
static size_t ngran;			/* granules per page */
static unsigned char *model_tag;	/* expected tag of each granule */
static unsigned char *model_byte;	/* expected value of its bytes */

/*
 * Give granule g of the range at p tag (if tag >= 0), then fill it with
 * c (if c >= 0), and note both in the model.
 */
static void
set_granule(char *p, size_t g, int tag, int c)
{
	char *q = p + g * MTE_GRANULE;

	if (tag >= 0) {
		stg(set_tag(q, tag));
		model_tag[g] = tag;
	}
	if (c >= 0) {
		memset(set_tag(q, model_tag[g]), c, MTE_GRANULE);
		model_byte[g] = c;
	}
}

/* Set every granule of page i of p as set_granule() does. */
static void
set_page(char *p, size_t i, int tag, int c)
{
	size_t g;

	for (g = i * ngran; g < (i + 1) * ngran; g++)
		set_granule(p, g, tag, c);
}

/*
 * Index of the first of the n granules at p whose tag or data differs
 * from the model, or -1.
 */
static long
first_unlike_model(char *p, size_t n)
{
	char *q;
	size_t g;

	for (g = 0; g < n; g++) {
		q = p + g * MTE_GRANULE;
		if (mem_tag(q) != model_tag[g] ||
		    first_byte_not(q, MTE_GRANULE, model_byte[g]) != -1)
			return ((long)g);
	}
	return (-1);
}

/*
 * The pages of the table above, and the order in which each side writes
 * and looks: child, then parent, then child again, then parent.
 */
static void
test_fork(uint32_t mode)
{
	struct turns turns;
	unsigned page1_tag;
	size_t g;
	pid_t pid;
	char *p;

	MTE_SET_MODE(mode, MTE_ALL_TAGS);
	p = MTE_MAP(NPAGES * pg);
	memset(model_tag, 0, NPAGES * ngran);
	memset(model_byte, 0, NPAGES * ngran);
	for (g = 0; g < 4 * ngran; g++)
		set_granule(p, g, g % 15 + 1, 'A' + g % 26);
	set_granule(p, 5 * ngran + 3, 8, -1);
	page1_tag = model_tag[ngran];
	CHECK_EQ(first_unlike_model(p, NPAGES * ngran), -1);
	turns_open(&turns);
	pid = CHECK_FORK();
	if (pid == 0) {
		CHECK_EQ(first_unlike_model(p, NPAGES * ngran), -1);
		set_page(p, 0, CHILD_TAG, 'c');
		set_granule(p, 3 * ngran, CHILD_TAG, -1);
		set_granule(p, 4 * ngran, CHILD_TAG, 'c');
		turns_child_pass(&turns);
		CHECK_EQ(first_unlike_model(p, NPAGES * ngran), -1);
		CHECK_TAG_OK(set_tag(p + pg, page1_tag), 0);
		CHECK_TAG_FAULT(set_tag(p, PARENT_TAG), 0, mode);
		check_child_exit();
	}
	turns_parent_wait(&turns);
	CHECK_EQ(first_unlike_model(p, NPAGES * ngran), -1);
	set_page(p, 0, PARENT_TAG, 'p');
	set_page(p, 1, PARENT_TAG, 'p');
	set_granule(p, 3 * ngran + 1, PARENT_TAG, -1);
	turns_parent_pass(&turns);
	CHECK_WAIT_EXIT(pid, 0);
	CHECK_EQ(first_unlike_model(p, NPAGES * ngran), -1);
	CHECK_TAG_FAULT(set_tag(p + pg, page1_tag), 0, mode);
	CHECK_TAG_FAULT(set_tag(p + 4 * pg, CHILD_TAG), 1, mode);
	turns_close(&turns);
	CHECK_OK(munmap(p, NPAGES * pg));
}

/*
 * A stale pointer: the parent retags a granule after fork; the pointer
 * made before fork still reads and writes the child's copy, and no
 * longer matches in the parent.
 */
static void
test_stale_pointer(uint32_t mode)
{
	int to_child[2];
	char *p, *old;
	pid_t pid;

	MTE_SET_MODE(mode, MTE_ALL_TAGS);
	p = MTE_MAP(pg);
	old = set_tag(p, 4);
	stg(old);
	memset(old, 'o', MTE_GRANULE);
	CHECK_OK(pipe2(to_child, 0));
	pid = CHECK_FORK();
	if (pid == 0) {
		await_fd(to_child[0]);
		CHECK_EQ(mem_tag(p), 4);
		CHECK_TAG_OK(old, 0);
		CHECK_EQ(first_byte_not(p, MTE_GRANULE, 'o'), -1);
		CHECK_TAG_OK(old + 15, 1);
		CHECK_EQ(first_byte_not(p + 15, 1, 0x5a), -1);
		CHECK_TAG_FAULT(set_tag(p, 7), 0, mode);
		check_child_exit();
	}
	stg(set_tag(p, 7));
	memset(set_tag(p, 7), 'n', MTE_GRANULE);
	signal_fd(to_child[1]);
	CHECK_WAIT_EXIT(pid, 0);
	CHECK_EQ(mem_tag(p), 7);
	CHECK_EQ(first_byte_not(p, MTE_GRANULE, 'n'), -1);
	CHECK_TAG_FAULT(old, 0, mode);
	close(to_child[0]);
	close(to_child[1]);
	CHECK_OK(munmap(p, pg));
}

/*
 * INHERIT_ZERO: the child's range is zero data and zero tags, still
 * tagged (checked, and STG works); the parent's is as it was.
 */
static void
test_inherit_zero(uint32_t mode)
{
	pid_t pid;
	char *p;

	MTE_SET_MODE(mode, MTE_ALL_TAGS);
	p = MTE_MAP(2 * pg);
	tag_range(p, 2 * pg, 5);
	fill_granules(p, 2 * pg, 'z');
	CHECK_OK(minherit(p, 2 * pg, INHERIT_ZERO));
	pid = CHECK_FORK();
	if (pid == 0) {
		CHECK_EQ(first_tag_not(p, 2 * pg, 0), -1);
		CHECK_EQ(first_byte_not(p, 2 * pg, 0), -1);
		CHECK_TAG_OK(p + pg, 1);
		CHECK_TAG_FAULT(set_tag(p + 16, 5), 0, mode);
		stg(set_tag(p, 9));
		CHECK_EQ(mem_tag(p), 9);
		CHECK_TAG_FAULT(p, 0, mode);
		check_child_exit();
	}
	CHECK_WAIT_EXIT(pid, 0);
	CHECK_EQ(first_tag_not(p, 2 * pg, 5), -1);
	CHECK_EQ(first_byte_not(p, 2 * pg, 'z'), -1);
	CHECK_OK(munmap(p, 2 * pg));
}

/*
 * INHERIT_NONE: the child has a hole where the page was, which a new
 * tagged mapping fills with zero data and zero tags; the pages around it
 * are copied with their tags.
 */
static void
test_inherit_none(uint32_t mode)
{
	char vec[1];
	pid_t pid;
	char *p, *q;

	MTE_SET_MODE(mode, MTE_ALL_TAGS);
	p = MTE_MAP(3 * pg);
	tag_range(p, 3 * pg, 6);
	fill_granules(p, 3 * pg, 'n');
	CHECK_OK(minherit(p + pg, pg, INHERIT_NONE));
	pid = CHECK_FORK();
	if (pid == 0) {
		CHECK_ERRNO(mincore(p + pg, pg, vec), ENOMEM);
		CHECK_FAULT(p + pg, 0, SIGSEGV, SEGV_MAPERR);
		CHECK_EQ(first_tag_not(p, pg, 6), -1);
		CHECK_EQ(first_tag_not(p + 2 * pg, pg, 6), -1);
		CHECK_EQ(first_byte_not(p + 2 * pg, pg, 'n'), -1);
		q = mmap(p + pg, pg, MTE_RW, MAP_FIXED | MAP_EXCL |
		    MAP_PRIVATE | MAP_ANON, -1, 0);
		CHECK_EQ(q, p + pg);
		if (q == p + pg) {
			CHECK_EQ(first_tag_not(q, pg, 0), -1);
			CHECK_EQ(first_byte_not(q, pg, 0), -1);
			CHECK_TAG_FAULT(set_tag(q, 6), 1, mode);
		}
		check_child_exit();
	}
	CHECK_WAIT_EXIT(pid, 0);
	CHECK_EQ(first_tag_not(p, 3 * pg, 6), -1);
	CHECK_EQ(first_byte_not(p, 3 * pg, 'n'), -1);
	CHECK_OK(munmap(p, 3 * pg));
}

/* Every test of this program, in tag-check mode mode. */
static void
test_mode(uint32_t mode)
{
	test_fork(mode);
	test_stale_pointer(mode);
	test_inherit_zero(mode);
	test_inherit_none(mode);
}

int
main(void)
{

	pg = getpagesize();
	mte_require();
	ngran = pg / MTE_GRANULE;
	model_tag = malloc(NPAGES * ngran);
	model_byte = malloc(NPAGES * ngran);
	if (model_tag == NULL || model_byte == NULL) {
		CHECK(!"malloc");
		return (check_done());
	}
	mte_each_mode(test_mode);
	return (check_done());
}
