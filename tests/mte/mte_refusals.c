/*
 * docs/abi.md section 6, the refusals: tagged memory is private anonymous memory and
 * is never shared.  PROT_MTE is EINVAL with MAP_SHARED, for a shared
 * memory object (MAP_SHARED or MAP_PRIVATE) or any other descriptor, and
 * with MAP_GUARD.  mprotect cannot add it to shared memory or to a
 * mapping of an object (EINVAL), nor beyond a PROT_MAX without it
 * (EACCES).  minherit(INHERIT_SHARE) over a tagged entry and
 * mprotect(PROT_MTE) over an INHERIT_SHARE entry are EINVAL.  A refused
 * call changes nothing, also when its range spans several entries and
 * only a later one is the reason.  INHERIT_COPY, INHERIT_NONE and
 * INHERIT_ZERO on tagged memory are allowed.
 *
 * The EINVAL refusals hold on a machine without MTE as well, so they run
 * there too.
 */
#include <sys/types.h>
#include <sys/mman.h>
#include <machine/sysarch.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "mte_util.h"

#define	OLD_TAG		6	/* a tag stored before a refused call */

static size_t pg;	/* the page size */
static int have_mte;	/* the machine has MTE */

/*
 * In a child of fork, write c over the granule at p (16-byte aligned)
 * and, if it is tagged memory, give it tag 11; the caller then checks
 * whether its own copy changed.
 */
static void
child_writes(char *p, char c, int tagged)
{
	pid_t pid;

	pid = CHECK_FORK();
	if (pid == 0) {
		if (tagged) {
			fill_granules(p, MTE_GRANULE, c);
			stg(set_tag(p, 11));
		} else
			memset(p, c, MTE_GRANULE);
		check_child_exit();
	}
	CHECK_WAIT_EXIT(pid, 0);
}

/*
 * p (an untagged mapping) is still untagged: a pointer with tag 3 passes
 * in SYNC mode.  Only checkable with MTE.
 */
static void
check_untagged(char *p)
{

	if (have_mte)
		CHECK_TAG_OK(set_tag(p, 3), 0);
}

/*
 * mmap with PROT_MTE and anything but private anonymous memory: EINVAL,
 * and a MAP_FIXED attempt leaves what was mapped there in place.
 */
static void
test_mmap_refusals(void)
{
	int fd, fds[2];
	char *p;

	fd = check_shm_anon(pg);
	CHECK_OK(pipe2(fds, 0));
	CHECK_ERRNO(mmap(NULL, pg, MTE_RW, MAP_SHARED | MAP_ANON, -1, 0),
	    EINVAL);
	CHECK_ERRNO(mmap(NULL, pg, PROT_MTE, MAP_SHARED | MAP_ANON, -1, 0),
	    EINVAL);
	CHECK_ERRNO(mmap(NULL, pg, PROT_READ | PROT_MTE, MAP_SHARED |
	    MAP_ANON, -1, 0), EINVAL);
	CHECK_ERRNO(mmap(NULL, pg, MTE_RW, MAP_SHARED, fd, 0), EINVAL);
	CHECK_ERRNO(mmap(NULL, pg, MTE_RW, MAP_PRIVATE, fd, 0), EINVAL);
	CHECK_ERRNO(mmap(NULL, pg, PROT_READ | PROT_MTE, MAP_PRIVATE, fd, 0),
	    EINVAL);
	CHECK_ERRNO(mmap(NULL, pg, PROT_MTE, MAP_SHARED, fd, 0), EINVAL);
	CHECK_ERRNO(mmap(NULL, pg, MTE_RW, MAP_PRIVATE, fds[0], 0), EINVAL);
	CHECK_ERRNO(mmap(NULL, pg, MTE_RW, MAP_SHARED, fds[1], 0), EINVAL);
	CHECK_ERRNO(mmap(NULL, pg, PROT_MTE, MAP_GUARD, -1, 0), EINVAL);
	CHECK_ERRNO(mmap(NULL, pg, MTE_RW, MAP_GUARD, -1, 0), EINVAL);

	p = CHECK_MAP_ANON(pg);
	memset(p, 'k', pg);
	CHECK_ERRNO(mmap(p, pg, MTE_RW, MAP_FIXED | MAP_SHARED | MAP_ANON,
	    -1, 0), EINVAL);
	CHECK_ERRNO(mmap(p, pg, MTE_RW, MAP_FIXED | MAP_PRIVATE, fd, 0),
	    EINVAL);
	CHECK_ERRNO(mmap(p, pg, PROT_MTE, MAP_FIXED | MAP_GUARD, -1, 0),
	    EINVAL);
	CHECK(all_are(p, pg, 'k'));
	CHECK_WRITABLE(p + pg - 1);
	check_untagged(p);
	CHECK_OK(munmap(p, pg));
	close(fd);
	close(fds[0]);
	close(fds[1]);
}

/*
 * mprotect adding PROT_MTE to MAP_SHARED anonymous memory: EINVAL, and
 * each page keeps its protection, its data and its sharing.
 */
static void
test_mprotect_shared_anon(void)
{
	char *p;

	p = CHECK_MMAP(NULL, 2 * pg, PROT_READ | PROT_WRITE, MAP_SHARED |
	    MAP_ANON, -1, 0);
	memset(p, 's', 2 * pg);
	CHECK_OK(mprotect(p + pg, pg, PROT_READ));
	CHECK_ERRNO(mprotect(p, 2 * pg, MTE_RW), EINVAL);
	CHECK_ERRNO(mprotect(p, pg, MTE_RW), EINVAL);
	CHECK_ERRNO(mprotect(p, pg, PROT_MTE), EINVAL);
	CHECK_ERRNO(mprotect(p + pg, pg, PROT_READ | PROT_MTE), EINVAL);
	CHECK(all_are(p, 2 * pg, 's'));
	CHECK_FAULT(p + pg, 1, SIGSEGV, SEGV_ACCERR);
	check_untagged(p);
	check_untagged(p + pg);
	child_writes(p, 'c', 0);
	CHECK(all_are(p, MTE_GRANULE, 'c'));
	CHECK_OK(munmap(p, 2 * pg));
}

/*
 * mprotect adding PROT_MTE to a shared memory object's mapping, shared
 * or private: EINVAL; the shared one still writes through to the object
 * (which the private one, not yet copied, shows), the private one is
 * still read-only.
 */
static void
test_mprotect_object(void)
{
	char *s, *v;
	int fd;

	fd = check_shm_anon(2 * pg);
	s = CHECK_MMAP(NULL, 2 * pg, PROT_READ | PROT_WRITE, MAP_SHARED, fd,
	    0);
	v = CHECK_MMAP(NULL, 2 * pg, PROT_READ, MAP_PRIVATE, fd, 0);
	memset(s, 'o', 2 * pg);
	CHECK_ERRNO(mprotect(s, 2 * pg, MTE_RW), EINVAL);
	CHECK_ERRNO(mprotect(s + pg, pg, PROT_READ | PROT_MTE), EINVAL);
	CHECK_ERRNO(mprotect(v, 2 * pg, MTE_RW), EINVAL);
	CHECK_ERRNO(mprotect(v, pg, PROT_READ | PROT_MTE), EINVAL);
	CHECK_FAULT(v, 1, SIGSEGV, SEGV_ACCERR);
	CHECK_READABLE(s + pg);
	s[5] = 'n';
	CHECK_EQ(v[5], 'n');
	CHECK_EQ(v[2 * pg - 1], 'o');
	check_untagged(s);
	check_untagged(v + pg);
	CHECK_OK(munmap(s, 2 * pg));
	CHECK_OK(munmap(v, 2 * pg));
	close(fd);
}

/*
 * mprotect(PROT_MTE) over a read-only private entry followed by a shared
 * one: EINVAL, and the first entry is neither opened for writing nor
 * tagged, however the range is cut.
 */
static void
test_mprotect_span_shared(void)
{
	char *p;

	p = CHECK_MAP_ANON(2 * pg);
	memset(p, 'p', pg);
	CHECK(mmap(p + pg, pg, PROT_READ | PROT_WRITE, MAP_FIXED | MAP_SHARED |
	    MAP_ANON, -1, 0) == p + pg);
	CHECK_OK(mprotect(p, pg, PROT_READ));
	CHECK_ERRNO(mprotect(p, 2 * pg, MTE_RW), EINVAL);
	CHECK_ERRNO(mprotect(p + pg / 2, pg, PROT_READ | PROT_MTE), EINVAL);
	CHECK_FAULT(p, 1, SIGSEGV, SEGV_ACCERR);
	CHECK(all_are(p, pg, 'p'));
	check_untagged(p);
	check_untagged(p + pg - MTE_GRANULE);
	CHECK_OK(munmap(p, 2 * pg));
}

/*
 * PROT_MAX without PROT_MTE: mprotect adding it is EACCES and changes
 * nothing.  With PROT_MTE in the maximum it may come and go.
 */
static void
test_prot_max(void)
{
	char *p, *q;

	p = CHECK_MMAP(NULL, pg, PROT_READ | PROT_WRITE |
	    PROT_MAX(PROT_READ | PROT_WRITE), MAP_PRIVATE | MAP_ANON, -1, 0);
	memset(p, 'm', pg);
	CHECK_ERRNO(mprotect(p, pg, MTE_RW), EACCES);
	CHECK_ERRNO(mprotect(p, pg, PROT_READ | PROT_MTE), EACCES);
	CHECK_ERRNO(mprotect(p, pg, PROT_MTE), EACCES);
	CHECK_EQ(first_byte_not(p, pg, 'm'), -1);
	CHECK_WRITABLE(p + 7);
	check_untagged(p);
	CHECK_OK(munmap(p, pg));

	q = CHECK_MMAP(NULL, pg, PROT_READ | PROT_WRITE | PROT_MAX(MTE_RW),
	    MAP_PRIVATE | MAP_ANON, -1, 0);
	check_untagged(q);
	CHECK_OK(mprotect(q, pg, MTE_RW));
	CHECK_TAG_FAULT(set_tag(q, 3), 0, MTE_MODE_SYNC);
	CHECK_OK(mprotect(q, pg, PROT_READ | PROT_WRITE));
	check_untagged(q);
	CHECK_OK(mprotect(q, pg, MTE_RW));
	CHECK_TAG_FAULT(set_tag(q + 16, 3), 1, MTE_MODE_SYNC);
	CHECK_OK(munmap(q, pg));
}

/*
 * The granule at p still has OLD_TAG and data 'x' and the range is still
 * copied, not shared, at fork.
 */
static void
check_tagged_copy(char *p)
{

	child_writes(p, 'c', 1);
	CHECK_EQ(mem_tag(p), OLD_TAG);
	CHECK_EQ(first_byte_not(p, MTE_GRANULE, 'x'), -1);
}

/*
 * minherit(INHERIT_SHARE) over a range holding a tagged entry: EINVAL,
 * whether the range is all tagged or spans an untagged entry before or
 * after the tagged one; no part of it becomes shared.
 */
static void
test_inherit_share(void)
{
	char *m, *u;

	m = MTE_MAP(2 * pg);
	tag_range(m, MTE_GRANULE, OLD_TAG);
	fill_granules(m, MTE_GRANULE, 'x');
	CHECK_ERRNO(minherit(m, 2 * pg, INHERIT_SHARE), EINVAL);
	CHECK_ERRNO(minherit(m + pg, pg, INHERIT_SHARE), EINVAL);
	check_tagged_copy(m);
	CHECK_OK(munmap(m, 2 * pg));

	/* Untagged pages 0-1, tagged pages 2-3. */
	u = CHECK_MAP_ANON(4 * pg);
	memset(u, 'u', 4 * pg);
	CHECK_OK(mprotect(u + 2 * pg, 2 * pg, MTE_RW));
	tag_range(u + 2 * pg, MTE_GRANULE, OLD_TAG);
	fill_granules(u + 2 * pg, MTE_GRANULE, 'x');
	CHECK_ERRNO(minherit(u + pg, 2 * pg, INHERIT_SHARE), EINVAL);
	CHECK_ERRNO(minherit(u, 4 * pg, INHERIT_SHARE), EINVAL);
	child_writes(u, 'c', 0);
	child_writes(u + pg, 'c', 0);
	CHECK_EQ(first_byte_not(u, 2 * pg, 'u'), -1);
	check_tagged_copy(u + 2 * pg);
	CHECK_OK(munmap(u, 4 * pg));

	/* Tagged pages 0-1, untagged pages 2-3. */
	u = CHECK_MAP_ANON(4 * pg);
	memset(u, 'u', 4 * pg);
	CHECK_OK(mprotect(u, 2 * pg, MTE_RW));
	tag_range(u, MTE_GRANULE, OLD_TAG);
	fill_granules(u, MTE_GRANULE, 'x');
	CHECK_ERRNO(minherit(u + pg, 2 * pg, INHERIT_SHARE), EINVAL);
	child_writes(u + 2 * pg, 'c', 0);
	CHECK_EQ(first_byte_not(u + 2 * pg, 2 * pg, 'u'), -1);
	check_tagged_copy(u);
	CHECK_OK(munmap(u, 4 * pg));
}

/*
 * mprotect(PROT_MTE) over a read-only private entry followed by an
 * INHERIT_SHARE one: EINVAL, and neither entry is tagged, opened or
 * unshared.
 */
static void
test_mprotect_over_share(void)
{
	char *u;

	u = CHECK_MAP_ANON(4 * pg);
	memset(u, 'u', 4 * pg);
	CHECK_OK(mprotect(u, 2 * pg, PROT_READ));
	CHECK_OK(minherit(u + 2 * pg, 2 * pg, INHERIT_SHARE));
	CHECK_ERRNO(mprotect(u, 4 * pg, MTE_RW), EINVAL);
	CHECK_ERRNO(mprotect(u + pg, 2 * pg, PROT_READ | PROT_MTE), EINVAL);
	CHECK_ERRNO(mprotect(u + 2 * pg, pg, MTE_RW), EINVAL);
	CHECK_FAULT(u, 1, SIGSEGV, SEGV_ACCERR);
	CHECK_FAULT(u + pg, 1, SIGSEGV, SEGV_ACCERR);
	check_untagged(u);
	check_untagged(u + pg + 32);
	check_untagged(u + 2 * pg);
	CHECK_EQ(first_byte_not(u, 4 * pg, 'u'), -1);
	child_writes(u + 3 * pg, 'c', 0);
	CHECK_EQ(first_byte_not(u + 3 * pg, MTE_GRANULE, 'c'), -1);
	CHECK_OK(munmap(u, 4 * pg));
}

/*
 * INHERIT_COPY, INHERIT_NONE and INHERIT_ZERO on tagged memory are
 * allowed and leave the parent's tags and data as they were (what the
 * child gets is mte_fork's subject).
 */
static void
test_inherit_other(void)
{
	char *m;

	m = MTE_MAP(3 * pg);
	tag_range(m, 3 * pg, OLD_TAG);
	fill_granules(m, 3 * pg, 'x');
	CHECK_OK(minherit(m, pg, INHERIT_COPY));
	CHECK_OK(minherit(m + pg, pg, INHERIT_NONE));
	CHECK_OK(minherit(m + 2 * pg, pg, INHERIT_ZERO));
	CHECK_OK(minherit(m, 3 * pg, INHERIT_COPY));
	CHECK_OK(minherit(m, 3 * pg, INHERIT_ZERO));
	CHECK_OK(minherit(m, 3 * pg, INHERIT_NONE));
	CHECK_EQ(first_tag_not(m, 3 * pg, OLD_TAG), -1);
	CHECK_EQ(first_byte_not(m, 3 * pg, 'x'), -1);
	CHECK_TAG_FAULT(set_tag(m + pg, 0), 0, MTE_MODE_SYNC);
	CHECK_OK(munmap(m, 3 * pg));
}

int
main(void)
{

	pg = getpagesize();
	have_mte = check_have_mte();
	if (!have_mte)
		mte_check_absent();
	else
		MTE_SET_MODE(MTE_MODE_SYNC, MTE_ALL_TAGS);
	test_mmap_refusals();
	test_mprotect_shared_anon();
	test_mprotect_object();
	test_mprotect_span_shared();
	if (have_mte) {
		test_prot_max();
		test_inherit_share();
		test_mprotect_over_share();
		test_inherit_other();
	}
	return (check_done());
}
