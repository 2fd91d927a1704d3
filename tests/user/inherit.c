/*
 * minherit(2): what a child of fork gets of each range (FreeBSD's
 * vmspace_fork(), sys/vm/vm_map.c).  INHERIT_SHARE shares the pages both
 * ways, INHERIT_COPY copies them on write, INHERIT_NONE leaves a hole,
 * INHERIT_ZERO gives fresh zero pages with the same protection; the mode
 * is the child's too, so it holds for grandchildren.  MAP_SHARED
 * anonymous memory is shared by default.
 */
#include <sys/types.h>
#include <sys/mman.h>
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "check.h"

static size_t pg;	/* the page size */

/*
 * INHERIT_SHARE: the child's writes reach the parent, the parent's
 * writes after fork reach the child, and a grandchild shares too.
 */
static void
test_share(void)
{
	struct turns turns;
	pid_t pid, grandchild;
	char *p;

	p = CHECK_MAP_ANON(4 * pg);
	memset(p, 'A', 4 * pg);
	CHECK_OK(minherit(p, 4 * pg, INHERIT_SHARE));
	turns_open(&turns);
	pid = CHECK_FORK();
	if (pid == 0) {
		CHECK(all_are(p, 4 * pg, 'A'));
		memset(p, 'C', pg);
		memset(p + 2 * pg, 'C', pg);
		turns_child_pass(&turns);
		CHECK(all_are(p + pg, pg, 'P'));
		grandchild = CHECK_FORK();
		if (grandchild == 0) {
			CHECK(all_are(p + pg, pg, 'P'));
			memset(p + 3 * pg, 'G', pg);
			check_child_exit();
		}
		CHECK_WAIT_EXIT(grandchild, 0);
		CHECK(all_are(p + 3 * pg, pg, 'G'));
		check_child_exit();
	}
	turns_parent_wait(&turns);
	CHECK(all_are(p, pg, 'C'));
	CHECK(all_are(p + 2 * pg, pg, 'C'));
	memset(p + pg, 'P', pg);
	turns_parent_pass(&turns);
	CHECK_WAIT_EXIT(pid, 0);
	CHECK(all_are(p + 3 * pg, pg, 'G'));
	CHECK(all_are(p, pg, 'C'));
	turns_close(&turns);
	CHECK_OK(munmap(p, 4 * pg));
}

/* INHERIT_COPY: each side's writes after fork are its own. */
static void
test_copy(void)
{
	struct turns turns;
	pid_t pid;
	char *p;

	p = CHECK_MAP_ANON(2 * pg);
	memset(p, 'A', 2 * pg);
	CHECK_OK(minherit(p, 2 * pg, INHERIT_COPY));
	turns_open(&turns);
	pid = CHECK_FORK();
	if (pid == 0) {
		CHECK(all_are(p, 2 * pg, 'A'));
		memset(p, 'C', 2 * pg);
		turns_child_pass(&turns);
		CHECK(all_are(p, 2 * pg, 'C'));
		check_child_exit();
	}
	turns_parent_wait(&turns);
	CHECK(all_are(p, 2 * pg, 'A'));
	memset(p + pg, 'P', pg);
	turns_parent_pass(&turns);
	CHECK_WAIT_EXIT(pid, 0);
	CHECK(all_are(p, pg, 'A'));
	CHECK(all_are(p + pg, pg, 'P'));
	turns_close(&turns);
	CHECK_OK(munmap(p, 2 * pg));
}

/*
 * INHERIT_NONE: the child has a hole there (mincore says ENOMEM, an
 * access is SEGV_MAPERR, MAP_EXCL can take the range); its neighbours are
 * inherited as usual.
 */
static void
test_none(void)
{
	char vec[3];
	pid_t pid;
	char *p, *q;

	p = CHECK_MAP_ANON(3 * pg);
	memset(p, 'N', 3 * pg);
	CHECK_OK(minherit(p + pg, pg, INHERIT_NONE));
	pid = CHECK_FORK();
	if (pid == 0) {
		CHECK(all_are(p, pg, 'N'));
		CHECK(all_are(p + 2 * pg, pg, 'N'));
		CHECK_ERRNO(mincore(p, 3 * pg, vec), ENOMEM);
		CHECK_ERRNO(mincore(p + pg, pg, vec), ENOMEM);
		CHECK_FAULT(p + pg + 5, 0, SIGSEGV, SEGV_MAPERR);
		CHECK_FAULT(p + 2 * pg - 1, 1, SIGSEGV, SEGV_MAPERR);
		q = mmap(p + pg, pg, PROT_READ | PROT_WRITE,
		    MAP_FIXED | MAP_EXCL | MAP_PRIVATE | MAP_ANON, -1, 0);
		CHECK_EQ(q, p + pg);
		if (q == p + pg)
			CHECK(all_are(q, pg, 0));
		check_child_exit();
	}
	CHECK_WAIT_EXIT(pid, 0);
	CHECK(all_are(p, 3 * pg, 'N'));
	CHECK_OK(munmap(p, 3 * pg));
}

/*
 * INHERIT_ZERO: the child gets zero pages with the protection the range
 * had; its writes stay its own, and its children get zeros again.
 */
static void
test_zero(void)
{
	pid_t pid, grandchild;
	char *p, *r;

	p = CHECK_MAP_ANON(2 * pg);
	memset(p, 'Z', 2 * pg);
	CHECK_OK(minherit(p, 2 * pg, INHERIT_ZERO));
	r = CHECK_MAP_ANON(pg);
	memset(r, 'R', pg);
	CHECK_OK(mprotect(r, pg, PROT_READ));
	CHECK_OK(minherit(r, pg, INHERIT_ZERO));
	pid = CHECK_FORK();
	if (pid == 0) {
		CHECK(all_are(p, 2 * pg, 0));
		memset(p, 'c', 2 * pg);
		CHECK(all_are(p, 2 * pg, 'c'));
		CHECK(all_are(r, pg, 0));
		CHECK_FAULT(r + 1, 1, SIGSEGV, SEGV_ACCERR);
		grandchild = CHECK_FORK();
		if (grandchild == 0) {
			CHECK(all_are(p, 2 * pg, 0));
			check_child_exit();
		}
		CHECK_WAIT_EXIT(grandchild, 0);
		CHECK(all_are(p, 2 * pg, 'c'));
		check_child_exit();
	}
	CHECK_WAIT_EXIT(pid, 0);
	CHECK(all_are(p, 2 * pg, 'Z'));
	CHECK(all_are(r, pg, 'R'));
	CHECK_OK(munmap(p, 2 * pg));
	CHECK_OK(munmap(r, pg));
}

/* MAP_SHARED | MAP_ANON is inherited shared without any minherit. */
static void
test_shared_anon(void)
{
	struct turns turns;
	pid_t pid;
	char *p;

	p = CHECK_MMAP(NULL, 2 * pg, PROT_READ | PROT_WRITE,
	    MAP_SHARED | MAP_ANON, -1, 0);
	CHECK(all_are(p, 2 * pg, 0));
	memset(p, 'S', 2 * pg);
	turns_open(&turns);
	pid = CHECK_FORK();
	if (pid == 0) {
		CHECK(all_are(p, 2 * pg, 'S'));
		memset(p, 'c', pg);
		turns_child_pass(&turns);
		CHECK(all_are(p + pg, pg, 'p'));
		check_child_exit();
	}
	turns_parent_wait(&turns);
	CHECK(all_are(p, pg, 'c'));
	memset(p + pg, 'p', pg);
	turns_parent_pass(&turns);
	CHECK_WAIT_EXIT(pid, 0);
	turns_close(&turns);
	CHECK_OK(munmap(p, 2 * pg));
}

/* Four modes on four pieces of one mapping: the entry splits cleanly. */
static void
test_split(void)
{
	pid_t pid;
	char *p;
	int i;

	p = CHECK_MAP_ANON(8 * pg);
	for (i = 0; i < 8; i++)
		memset(p + i * pg, 'a' + i, pg);
	CHECK_OK(minherit(p, 2 * pg, INHERIT_SHARE));
	CHECK_OK(minherit(p + 2 * pg, 2 * pg, INHERIT_NONE));
	CHECK_OK(minherit(p + 4 * pg, 2 * pg, INHERIT_ZERO));
	CHECK_OK(minherit(p + 6 * pg, 2 * pg, INHERIT_COPY));
	pid = CHECK_FORK();
	if (pid == 0) {
		CHECK(all_are(p, pg, 'a'));
		CHECK(all_are(p + pg, pg, 'b'));
		CHECK_FAULT(p + 2 * pg, 0, SIGSEGV, SEGV_MAPERR);
		CHECK_FAULT(p + 4 * pg - 1, 0, SIGSEGV, SEGV_MAPERR);
		CHECK(all_are(p + 4 * pg, 2 * pg, 0));
		CHECK(all_are(p + 6 * pg, pg, 'g'));
		CHECK(all_are(p + 7 * pg, pg, 'h'));
		memset(p, 'X', 2 * pg);
		memset(p + 4 * pg, 'X', 4 * pg);
		check_child_exit();
	}
	CHECK_WAIT_EXIT(pid, 0);
	CHECK(all_are(p, 2 * pg, 'X'));
	CHECK(all_are(p + 2 * pg, pg, 'c'));
	CHECK(all_are(p + 3 * pg, pg, 'd'));
	CHECK(all_are(p + 4 * pg, pg, 'e'));
	CHECK(all_are(p + 5 * pg, pg, 'f'));
	CHECK(all_are(p + 6 * pg, pg, 'g'));
	CHECK(all_are(p + 7 * pg, pg, 'h'));
	CHECK_OK(munmap(p, 8 * pg));
}

/*
 * Tagged memory is never shared (docs/abi.md section 6): INHERIT_SHARE over a PROT_MTE
 * entry and PROT_MTE over an INHERIT_SHARE entry are EINVAL and change
 * nothing; the other modes work.  Only on a machine with MTE.
 */
static void
test_mte(void)
{
	char *m, *s;

	if (!check_have_mte())
		return;
	m = CHECK_MMAP(NULL, pg, PROT_READ | PROT_WRITE | PROT_MTE,
	    MAP_PRIVATE | MAP_ANON, -1, 0);
	CHECK_ERRNO(minherit(m, pg, INHERIT_SHARE), EINVAL);
	CHECK_OK(minherit(m, pg, INHERIT_COPY));
	CHECK_OK(minherit(m, pg, INHERIT_NONE));
	CHECK_OK(minherit(m, pg, INHERIT_ZERO));
	s = CHECK_MAP_ANON(pg);
	CHECK_OK(minherit(s, pg, INHERIT_SHARE));
	CHECK_ERRNO(mprotect(s, pg, PROT_READ | PROT_WRITE | PROT_MTE),
	    EINVAL);
	CHECK_WRITABLE(s);
	CHECK_OK(munmap(m, pg));
	CHECK_OK(munmap(s, pg));
}

int
main(void)
{

	pg = getpagesize();
	test_share();
	test_copy();
	test_none();
	test_zero();
	test_shared_anon();
	test_split();
	test_mte();
	return (check_done());
}
