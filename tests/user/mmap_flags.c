/*
 * The mmap(2) family on anonymous memory, with FreeBSD's semantics
 * (sys/vm/vm_mmap.c kern_mmap(), kern_munmap(), kern_mprotect(),
 * kern_madvise(), kern_mincore(), kern_minherit()): the flags, PROT_MAX,
 * MAP_GUARD, MAP_FIXED with and without MAP_EXCL, argument errors,
 * ranges that split map entries, residency, advice, and tagged addresses
 * (bits 63:56 ignored, docs/abi.md section 2.4).
 */
#include <sys/types.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

static size_t pg;	/* the page size */

/* Fill page i of the npages at p with byte base + i. */
static void
fill_pages(char *p, int npages, int base)
{
	int i;

	for (i = 0; i < npages; i++)
		memset(p + i * pg, base + i, pg);
}

/* True if page i of the npages at p is all byte base + i. */
static int
pages_hold(const char *p, int npages, int base)
{
	size_t j;
	int i;

	for (i = 0; i < npages; i++)
		for (j = 0; j < pg; j++)
			if (p[i * pg + j] != (char)(base + i))
				return (0);
	return (1);
}

/* True if the len bytes at p are all zero. */
static int
all_zero(const char *p, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (p[i] != 0)
			return (0);
	return (1);
}

/* MAP_PRIVATE | MAP_ANON: page aligned, zero on first touch, data kept. */
static void
test_anon_private(void)
{
	char *p;

	p = CHECK_MAP_ANON(8 * pg);
	CHECK_EQ((uintptr_t)p % pg, 0);
	CHECK(all_zero(p, 8 * pg));
	fill_pages(p, 8, 1);
	CHECK(pages_hold(p, 8, 1));
	fill_pages(p, 8, 0x40);
	CHECK(pages_hold(p, 8, 0x40));
	CHECK_OK(munmap(p, 8 * pg));
}

/*
 * MAP_ANON with neither MAP_PRIVATE nor MAP_SHARED is private, as on
 * FreeBSD (docs/abi.md section 3.1): a child's writes do not reach the parent.
 */
static void
test_anon_alone(void)
{
	char *p;
	pid_t pid;

	p = CHECK_MMAP(NULL, 2 * pg, PROT_READ | PROT_WRITE, MAP_ANON, -1, 0);
	CHECK(all_zero(p, 2 * pg));
	memset(p, 'p', 2 * pg);
	pid = CHECK_FORK();
	if (pid == 0) {
		CHECK_EQ(p[0], 'p');
		CHECK_EQ(p[2 * pg - 1], 'p');
		memset(p, 'c', 2 * pg);
		CHECK_EQ(p[pg], 'c');
		check_child_exit();
	}
	CHECK_WAIT_EXIT(pid, 0);
	CHECK_EQ(p[0], 'p');
	CHECK_EQ(p[2 * pg - 1], 'p');
	CHECK_OK(munmap(p, 2 * pg));
}

/* MAP_FIXED replaces what was there with fresh zero pages, and only that. */
static void
test_fixed_replace(void)
{
	char *p, *q;

	p = CHECK_MAP_ANON(4 * pg);
	fill_pages(p, 4, 'a');
	q = CHECK_MMAP(p + pg, 2 * pg, PROT_READ | PROT_WRITE,
	    MAP_FIXED | MAP_PRIVATE | MAP_ANON, -1, 0);
	CHECK_EQ(q, p + pg);
	CHECK(all_zero(p + pg, 2 * pg));
	CHECK(pages_hold(p, 1, 'a'));
	CHECK(pages_hold(p + 3 * pg, 1, 'a' + 3));
	memset(q, 'q', 2 * pg);
	CHECK(pages_hold(p, 1, 'a'));
	CHECK(pages_hold(p + 3 * pg, 1, 'a' + 3));
	/* A read-only replacement takes the old protection's place too. */
	q = CHECK_MMAP(p, pg, PROT_READ, MAP_FIXED | MAP_PRIVATE | MAP_ANON,
	    -1, 0);
	CHECK_EQ(q, p);
	CHECK(all_zero(p, pg));
	CHECK_FAULT(p + 7, 1, SIGSEGV, SEGV_ACCERR);
	CHECK_OK(munmap(p, 4 * pg));
}

/*
 * MAP_FIXED | MAP_EXCL fails over a used range and leaves it alone.
 * FreeBSD's error is ENOMEM, not Linux's EEXIST: vm_map_fixed() with
 * MAP_CHECK_EXCL skips the delete, vm_map_insert() finds the range taken
 * (KERN_NO_SPACE) and vm_mmap_to_errno() turns that into ENOMEM
 * (sys/vm/vm_map.c, sys/vm/vm_mmap.c).  MAP_EXCL without MAP_FIXED is
 * EINVAL (kern_mmap()).
 */
static void
test_fixed_excl(void)
{
	const int flags = MAP_FIXED | MAP_EXCL | MAP_PRIVATE | MAP_ANON;
	char *p, *q;

	p = CHECK_MAP_ANON(4 * pg);
	fill_pages(p, 4, 'e');
	CHECK_ERRNO(mmap(p, 4 * pg, PROT_READ | PROT_WRITE, flags, -1, 0),
	    ENOMEM);
	CHECK_ERRNO(mmap(p + 3 * pg, 2 * pg, PROT_READ | PROT_WRITE, flags,
	    -1, 0), ENOMEM);
	CHECK(pages_hold(p, 4, 'e'));

	/* A hole punched in the range can be taken exclusively. */
	CHECK_OK(munmap(p + pg, pg));
	q = mmap(p + pg, pg, PROT_READ | PROT_WRITE, flags, -1, 0);
	CHECK_EQ(q, p + pg);
	if (q == p + pg) {
		CHECK(all_zero(q, pg));
		q[0] = 'x';
	}
	CHECK(pages_hold(p, 1, 'e'));
	CHECK(pages_hold(p + 2 * pg, 2, 'e' + 2));
	/* ... but not with more than the hole. */
	CHECK_ERRNO(mmap(p + pg, 2 * pg, PROT_READ | PROT_WRITE, flags, -1, 0),
	    ENOMEM);

	CHECK_ERRNO(mmap(NULL, pg, PROT_READ | PROT_WRITE,
	    MAP_EXCL | MAP_PRIVATE | MAP_ANON, -1, 0), EINVAL);
	CHECK_OK(munmap(p, 4 * pg));
}

/*
 * MAP_GUARD reserves a range no access may touch.  It takes only
 * PROT_NONE, fd -1, offset 0 and MAP_FIXED/MAP_EXCL/MAP_32BIT/alignment
 * (kern_mmap()).  FreeBSD faults a guard with SEGV_ACCERR (a PROT_NONE
 * entry); any SIGSEGV code is accepted here.
 */
static void
test_guard(void)
{
	char *g, *q;

	g = CHECK_MMAP(NULL, 4 * pg, PROT_NONE, MAP_GUARD, -1, 0);
	CHECK_EQ((uintptr_t)g % pg, 0);
	CHECK_FAULT(g, 0, SIGSEGV, 0);
	CHECK_FAULT(g + 3 * pg + 5, 1, SIGSEGV, 0);

	CHECK_ERRNO(mmap(NULL, pg, PROT_READ, MAP_GUARD, -1, 0), EINVAL);
	CHECK_ERRNO(mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_GUARD, -1, 0),
	    EINVAL);
	CHECK_ERRNO(mmap(NULL, pg, PROT_NONE, MAP_GUARD | MAP_PRIVATE, -1, 0),
	    EINVAL);
	CHECK_ERRNO(mmap(NULL, pg, PROT_NONE, MAP_GUARD | MAP_ANON, -1, 0),
	    EINVAL);
	CHECK_ERRNO(mmap(NULL, pg, PROT_NONE, MAP_GUARD, 0, 0), EINVAL);
	CHECK_ERRNO(mmap(NULL, pg, PROT_NONE, MAP_GUARD, -1, pg), EINVAL);
	/* PROT_MTE with MAP_GUARD: EINVAL on any machine (docs/abi.md section 6). */
	CHECK_ERRNO(mmap(NULL, pg, PROT_MTE, MAP_GUARD, -1, 0), EINVAL);

	/* A guard holds its range: MAP_EXCL cannot take it, MAP_FIXED can. */
	CHECK_ERRNO(mmap(g + pg, pg, PROT_READ | PROT_WRITE,
	    MAP_FIXED | MAP_EXCL | MAP_PRIVATE | MAP_ANON, -1, 0), ENOMEM);
	q = CHECK_MMAP(g + pg, pg, PROT_READ | PROT_WRITE,
	    MAP_FIXED | MAP_PRIVATE | MAP_ANON, -1, 0);
	CHECK_EQ(q, g + pg);
	CHECK_WRITABLE(q + 10);
	CHECK_FAULT(g + pg - 1, 0, SIGSEGV, 0);
	CHECK_FAULT(g + 2 * pg, 0, SIGSEGV, 0);
	/* And a guard placed with MAP_FIXED removes a mapping. */
	q = CHECK_MMAP(q, pg, PROT_NONE, MAP_GUARD | MAP_FIXED, -1, 0);
	CHECK_EQ(q, g + pg);
	CHECK_FAULT(q + 10, 0, SIGSEGV, 0);
	CHECK_OK(munmap(g, 4 * pg));
}

/*
 * PROT_MAX: the maximum protection given to mmap, or lowered by mprotect,
 * is never exceeded; mprotect beyond it is EACCES (KERN_PROTECTION_FAILURE),
 * a protection outside the maximum given in the same call is EINVAL for
 * mmap and ENOTSUP for mprotect (kern_mmap(), kern_mprotect()).
 */
static void
test_prot_max(void)
{
	char *p, *q;

	p = CHECK_MMAP(NULL, 2 * pg, PROT_READ | PROT_MAX(PROT_READ),
	    MAP_PRIVATE | MAP_ANON, -1, 0);
	CHECK_READABLE(p);
	CHECK_FAULT(p + 1, 1, SIGSEGV, SEGV_ACCERR);
	CHECK_ERRNO(mprotect(p, pg, PROT_READ | PROT_WRITE), EACCES);
	CHECK_ERRNO(mprotect(p, 2 * pg, PROT_EXEC), EACCES);
	CHECK_OK(mprotect(p, pg, PROT_NONE));
	CHECK_FAULT(p, 0, SIGSEGV, SEGV_ACCERR);
	CHECK_READABLE(p + pg);
	CHECK_OK(mprotect(p, pg, PROT_READ));
	CHECK_READABLE(p);
	CHECK_FAULT(p + pg + 1, 1, SIGSEGV, SEGV_ACCERR);
	CHECK_OK(munmap(p, 2 * pg));

	CHECK_ERRNO(mmap(NULL, pg, PROT_READ | PROT_WRITE | PROT_MAX(PROT_READ),
	    MAP_PRIVATE | MAP_ANON, -1, 0), EINVAL);

	/* mprotect can lower the maximum, never raise it again. */
	q = CHECK_MAP_ANON(pg);
	q[0] = 'q';
	CHECK_OK(mprotect(q, pg, PROT_READ | PROT_WRITE |
	    PROT_MAX(PROT_READ | PROT_WRITE)));
	CHECK_WRITABLE(q + 1);
	CHECK_OK(mprotect(q, pg, PROT_READ | PROT_MAX(PROT_READ)));
	CHECK_FAULT(q + 2, 1, SIGSEGV, SEGV_ACCERR);
	CHECK_ERRNO(mprotect(q, pg, PROT_READ | PROT_WRITE), EACCES);
	CHECK_ERRNO(mprotect(q, pg, PROT_READ | PROT_WRITE |
	    PROT_MAX(PROT_READ | PROT_WRITE)), EACCES);
	CHECK_ERRNO(mprotect(q, pg, PROT_WRITE | PROT_MAX(PROT_READ)), ENOTSUP);
	CHECK_EQ(q[0], 'q');
	CHECK_OK(munmap(q, pg));

	/*
	 * PROT_MAX(p) without PROT_MTE keeps PROT_MTE out (docs/abi.md section 6).  Only
	 * with MTE: without it PROT_MTE is refused before the maximum counts.
	 */
	if (check_have_mte()) {
		q = CHECK_MMAP(NULL, pg, PROT_READ | PROT_WRITE |
		    PROT_MAX(PROT_READ | PROT_WRITE), MAP_PRIVATE | MAP_ANON,
		    -1, 0);
		CHECK_ERRNO(mprotect(q, pg, PROT_READ | PROT_WRITE | PROT_MTE),
		    EACCES);
		CHECK_OK(munmap(q, pg));
	}
}

/* Malformed arguments: each one an errno, FreeBSD's (kern_mmap() & co.). */
static void
test_bad_args(void)
{
	const int rw = PROT_READ | PROT_WRITE;
	const int anon = MAP_PRIVATE | MAP_ANON;
	char vec[4];
	char *p;
	int fds[2];

	/* Length 0 is EINVAL for binaries newer than P_OSREL_MAP_ANON. */
	CHECK_ERRNO(mmap(NULL, 0, rw, anon, -1, 0), EINVAL);
	/* A length that rounds up past the end of the address space. */
	CHECK_ERRNO(mmap(NULL, SIZE_MAX, rw, anon, -1, 0), ENOMEM);
	CHECK_ERRNO(mmap(NULL, (size_t)1 << 50, rw, anon, -1, 0), ENOMEM);

	p = CHECK_MAP_ANON(2 * pg);
	CHECK_ERRNO(mmap(p + 1, pg, rw, MAP_FIXED | anon, -1, 0), EINVAL);
	CHECK_ERRNO(mmap(p + pg / 2, pg, rw, MAP_FIXED | anon, -1, 0), EINVAL);
	/* MAP_FIXED beyond the top of user space (0x0001000000000000). */
	CHECK_ERRNO(mmap((void *)0x0001000000000000UL, pg, rw,
	    MAP_FIXED | anon, -1, 0), EINVAL);
	CHECK_ERRNO(mmap((void *)(0x0001000000000000UL - pg), 2 * pg, rw,
	    MAP_FIXED | anon, -1, 0), EINVAL);

	/* Not anonymous: the descriptor must be open. */
	CHECK_ERRNO(mmap(NULL, pg, PROT_READ, MAP_PRIVATE, -1, 0), EBADF);
	CHECK_ERRNO(mmap(NULL, pg, PROT_READ, MAP_SHARED, 99, 0), EBADF);
	/* Anonymous: the descriptor must be -1 and the offset 0. */
	CHECK_ERRNO(mmap(NULL, pg, rw, anon, 0, 0), EINVAL);
	CHECK_ERRNO(mmap(NULL, pg, rw, anon, -1, pg), EINVAL);

	/* Flags no one defines (0x20 and 0x40 are FreeBSD's ignored ones). */
	CHECK_ERRNO(mmap(NULL, pg, rw, anon | 0x00100000, -1, 0), EINVAL);
	CHECK_ERRNO(mmap(NULL, pg, rw, anon | 0x0100, -1, 0), EINVAL);
	CHECK_ERRNO(mmap(NULL, pg, rw, MAP_SHARED | MAP_PRIVATE | MAP_ANON, -1,
	    0), EINVAL);
	/* Protection bits outside _PROT_ALL (0x08, 0x10 are CHERI's). */
	CHECK_ERRNO(mmap(NULL, pg, PROT_READ | 0x08, anon, -1, 0), EINVAL);
	CHECK_ERRNO(mmap(NULL, pg, PROT_READ | 0x10, anon, -1, 0), EINVAL);
	CHECK_ERRNO(mprotect(p, pg, PROT_READ | 0x08), EINVAL);
	CHECK_WRITABLE(p);
	/* MAP_STACK: read-write, no descriptor. */
	CHECK_ERRNO(mmap(NULL, 4 * pg, PROT_READ, MAP_STACK, -1, 0), EINVAL);
	CHECK_ERRNO(mmap(NULL, 4 * pg, rw, MAP_STACK, 0, 0), EINVAL);
	/* Alignment below the page size or beyond a pointer's width. */
	CHECK_ERRNO(mmap(NULL, pg, rw, anon | MAP_ALIGNED(2), -1, 0), EINVAL);
	CHECK_ERRNO(mmap(NULL, pg, rw, anon | MAP_ALIGNED(64), -1, 0), EINVAL);
	/* docs/abi.md section 6: PROT_MTE with MAP_SHARED is EINVAL on any machine. */
	CHECK_ERRNO(mmap(NULL, pg, rw | PROT_MTE, MAP_SHARED | MAP_ANON, -1,
	    0), EINVAL);

	/* A pipe has no pages to map (fo_mmap NULL: ENODEV, sys/sys/file.h). */
	if (pipe2(fds, 0) == 0) {
		CHECK_ERRNO(mmap(NULL, pg, PROT_READ, MAP_SHARED, fds[0], 0),
		    ENODEV);
		close(fds[0]);
		close(fds[1]);
	} else
		CHECK(!"pipe2");

	CHECK_ERRNO(munmap(p, 0), EINVAL);
	CHECK_ERRNO(munmap((void *)0x0001000000000000UL, pg), EINVAL);
	CHECK_ERRNO(munmap((void *)(0x0001000000000000UL - pg), 2 * pg),
	    EINVAL);
	CHECK_ERRNO(madvise(p, pg, 99), EINVAL);
	CHECK_ERRNO(madvise(p, pg, -1), EINVAL);
	CHECK_ERRNO(madvise((void *)0x0001000000000000UL, pg, MADV_NORMAL),
	    EINVAL);
	CHECK_ERRNO(minherit(p, pg, 4), EINVAL);
	CHECK_ERRNO(minherit(p, pg, -1), EINVAL);
	CHECK_ERRNO(mincore((void *)0x0001000000000000UL, pg, vec), ENOMEM);
	CHECK_ERRNO(mincore(p, pg, (char *)0xffff000000000000UL), EFAULT);
	CHECK_EQ(p[0], 0x5a);
	CHECK_OK(munmap(p, 2 * pg));
}

/* The placement flags: alignment, MAP_32BIT, MAP_STACK and the hints. */
static void
test_placement(void)
{
	const int rw = PROT_READ | PROT_WRITE;
	const int anon = MAP_PRIVATE | MAP_ANON;
	char *p;

	p = CHECK_MMAP(NULL, pg, rw, anon | MAP_ALIGNED(21), -1, 0);
	CHECK_EQ((uintptr_t)p & ((1UL << 21) - 1), 0);
	CHECK_WRITABLE(p);
	CHECK_OK(munmap(p, pg));

	p = CHECK_MMAP(NULL, 2 * pg, rw, anon | MAP_ALIGNED_SUPER, -1, 0);
	CHECK_WRITABLE(p + pg);
	CHECK_OK(munmap(p, 2 * pg));

	/* MAP_32BIT: below 2 GiB (MAP_32BIT_MAX_ADDR). */
	p = CHECK_MMAP(NULL, pg, rw, anon | MAP_32BIT, -1, 0);
	CHECK((uintptr_t)p + pg <= 0x80000000UL);
	CHECK_WRITABLE(p);
	CHECK_OK(munmap(p, pg));

	p = CHECK_MMAP(NULL, 2 * pg, rw,
	    anon | MAP_PREFAULT_READ | MAP_NOCORE | MAP_NOSYNC, -1, 0);
	CHECK(all_zero(p, 2 * pg));
	CHECK_WRITABLE(p + pg);
	CHECK_OK(munmap(p, 2 * pg));

	/* A stack's top is ready to use (FreeBSD keeps a guard at its foot). */
	p = CHECK_MMAP(NULL, 4 * pg, rw, MAP_STACK, -1, 0);
	CHECK_WRITABLE(p + 4 * pg - 1);
	CHECK_WRITABLE(p + 3 * pg);
	CHECK_OK(munmap(p, 4 * pg));
}

/* munmap of part of a mapping keeps the rest, and unmapped pages fault. */
static void
test_munmap_split(void)
{
	char vec[8];
	char *p;

	p = CHECK_MAP_ANON(8 * pg);
	fill_pages(p, 8, 1);
	CHECK_OK(munmap(p + 2 * pg, 2 * pg));
	CHECK(pages_hold(p, 2, 1));
	CHECK(pages_hold(p + 4 * pg, 4, 5));
	CHECK_FAULT(p + 2 * pg, 0, SIGSEGV, SEGV_MAPERR);
	CHECK_FAULT(p + 4 * pg - 1, 1, SIGSEGV, SEGV_MAPERR);
	/* The head and the tail of what is left. */
	CHECK_OK(munmap(p, pg));
	CHECK_OK(munmap(p + 7 * pg, pg));
	CHECK_FAULT(p + 100, 0, SIGSEGV, SEGV_MAPERR);
	CHECK_FAULT(p + 7 * pg + 100, 0, SIGSEGV, SEGV_MAPERR);
	CHECK(pages_hold(p + pg, 1, 2));
	CHECK(pages_hold(p + 4 * pg, 3, 5));
	/* mincore wants the whole range mapped (kern_mincore()). */
	CHECK_ERRNO(mincore(p, 8 * pg, vec), ENOMEM);
	CHECK_OK(mincore(p + 4 * pg, 3 * pg, vec));
	/* Unmapping a hole, or a range with holes, is not an error. */
	CHECK_OK(munmap(p + 2 * pg, 2 * pg));
	CHECK_OK(munmap(p, 8 * pg));
	CHECK_FAULT(p + pg, 0, SIGSEGV, SEGV_MAPERR);
	CHECK_FAULT(p + 5 * pg, 0, SIGSEGV, SEGV_MAPERR);
	/* The range is free again: a fresh mapping there is zero. */
	p = CHECK_MMAP(p, 8 * pg, PROT_READ | PROT_WRITE,
	    MAP_FIXED | MAP_EXCL | MAP_PRIVATE | MAP_ANON, -1, 0);
	CHECK(all_zero(p, 8 * pg));
	CHECK_OK(munmap(p, 8 * pg));
}

/* mprotect of part of a mapping changes exactly those pages. */
static void
test_mprotect_split(void)
{
	char *p;

	p = CHECK_MAP_ANON(8 * pg);
	fill_pages(p, 8, 0x10);
	CHECK_OK(mprotect(p + 2 * pg, 3 * pg, PROT_READ));
	CHECK_WRITABLE(p + 2 * pg - 1);
	CHECK_FAULT(p + 2 * pg, 1, SIGSEGV, SEGV_ACCERR);
	CHECK_FAULT(p + 3 * pg + 17, 1, SIGSEGV, SEGV_ACCERR);
	CHECK_FAULT(p + 5 * pg - 1, 1, SIGSEGV, SEGV_ACCERR);
	CHECK_WRITABLE(p + 5 * pg);
	CHECK_EQ(p[3 * pg + 17], 0x13);

	/* A hole in the middle of the read-only part. */
	CHECK_OK(mprotect(p + 3 * pg, pg, PROT_NONE));
	CHECK_FAULT(p + 3 * pg + 1, 0, SIGSEGV, SEGV_ACCERR);
	CHECK_READABLE(p + 3 * pg - 1);
	CHECK_READABLE(p + 4 * pg);

	/* One call over all the pieces joins them again, data kept. */
	CHECK_OK(mprotect(p, 8 * pg, PROT_READ | PROT_WRITE));
	CHECK_EQ(p[3 * pg + 1], 0x13);
	CHECK_EQ(p[2 * pg - 1], 0x5a);
	CHECK_EQ(p[5 * pg], 0x5a);
	p[2 * pg - 1] = 0x11;
	p[5 * pg] = 0x15;
	CHECK(pages_hold(p, 8, 0x10));
	CHECK_OK(mprotect(p, 8 * pg, PROT_NONE));
	CHECK_FAULT(p + 7 * pg, 0, SIGSEGV, SEGV_ACCERR);
	CHECK_OK(mprotect(p, 8 * pg, PROT_READ));
	CHECK(pages_hold(p, 8, 0x10));
	CHECK_OK(munmap(p, 8 * pg));
}

/*
 * mincore: one byte per page of [trunc_page(addr), round_page(addr +
 * len)); MINCORE_INCORE only once a page was touched, since anonymous
 * memory is allocated on demand.
 */
static void
test_mincore(void)
{
	char vec[4];
	char *p;
	int i;

	p = CHECK_MAP_ANON(4 * pg);
	memset(vec, 0x7f, sizeof(vec));
	CHECK_OK(mincore(p, 4 * pg, vec));
	for (i = 0; i < 4; i++)
		CHECK_EQ(vec[i] & MINCORE_INCORE, 0);
	p[0] = 1;
	p[2 * pg + 5] = 1;
	CHECK_OK(mincore(p, 4 * pg, vec));
	CHECK(vec[0] & MINCORE_INCORE);
	CHECK_EQ(vec[1] & MINCORE_INCORE, 0);
	CHECK(vec[2] & MINCORE_INCORE);
	CHECK_EQ(vec[3] & MINCORE_INCORE, 0);
	vec[0] = 0;
	CHECK_OK(mincore(p + 2 * pg + 100, 1, vec));
	CHECK(vec[0] & MINCORE_INCORE);

	/* A fresh mapping over it holds nothing resident, and zeros. */
	CHECK_MMAP(p, 4 * pg, PROT_READ | PROT_WRITE,
	    MAP_FIXED | MAP_PRIVATE | MAP_ANON, -1, 0);
	CHECK_OK(mincore(p, 4 * pg, vec));
	for (i = 0; i < 4; i++)
		CHECK_EQ(vec[i] & MINCORE_INCORE, 0);
	CHECK(all_zero(p, 4 * pg));
	CHECK_OK(munmap(p + pg, pg));
	CHECK_ERRNO(mincore(p, 4 * pg, vec), ENOMEM);
	CHECK_ERRNO(mincore(p + pg, pg, vec), ENOMEM);
	CHECK_OK(mincore(p + 2 * pg, 2 * pg, vec));
	CHECK_OK(munmap(p, 4 * pg));
}

/*
 * madvise on private anonymous memory.  FreeBSD's MADV_DONTNEED only
 * lowers the pages' priority: the data stays (unlike Linux, which zeroes).
 * MADV_FREE lets the system drop pages: each one is then either kept whole
 * or reads as zero (docs/abi.md section 6); writing again makes it stick.
 */
static void
test_madvise(void)
{
	static const int keep[] = { MADV_NORMAL, MADV_RANDOM, MADV_SEQUENTIAL,
	    MADV_WILLNEED, MADV_DONTNEED, MADV_NOSYNC, MADV_AUTOSYNC,
	    MADV_NOCORE, MADV_CORE };
	char *p;
	size_t k;
	int i;

	p = CHECK_MAP_ANON(4 * pg);
	fill_pages(p, 4, 'm');
	for (k = 0; k < sizeof(keep) / sizeof(keep[0]); k++) {
		CHECK_OK(madvise(p, 4 * pg, keep[k]));
		CHECK(pages_hold(p, 4, 'm'));
	}
	/* Advice on part of a mapping, and on pages never touched. */
	CHECK_OK(madvise(p + pg, pg, MADV_DONTNEED));
	CHECK(pages_hold(p, 4, 'm'));

	CHECK_OK(madvise(p, 4 * pg, MADV_FREE));
	for (i = 0; i < 4; i++)
		CHECK(pages_hold(p + i * pg, 1, 'm' + i) ||
		    all_zero(p + i * pg, pg));
	fill_pages(p, 4, 'n');
	CHECK(pages_hold(p, 4, 'n'));
	CHECK_OK(munmap(p, 4 * pg));

	p = CHECK_MAP_ANON(2 * pg);
	CHECK_OK(madvise(p, 2 * pg, MADV_WILLNEED));
	CHECK_OK(madvise(p, 2 * pg, MADV_FREE));
	CHECK(all_zero(p, 2 * pg));
	CHECK_OK(munmap(p, 2 * pg));
}

/* minherit accepts each mode (inherit.c checks what fork then does). */
static void
test_minherit_modes(void)
{
	char *p;

	p = CHECK_MAP_ANON(4 * pg);
	CHECK_OK(minherit(p, pg, INHERIT_SHARE));
	CHECK_OK(minherit(p + pg, pg, INHERIT_COPY));
	CHECK_OK(minherit(p + 2 * pg, pg, INHERIT_NONE));
	CHECK_OK(minherit(p + 3 * pg, pg, INHERIT_ZERO));
	CHECK_OK(minherit(p, 4 * pg, INHERIT_COPY));
	CHECK_WRITABLE(p + 3 * pg);
	CHECK_OK(munmap(p, 4 * pg));
}

/*
 * Tagged addresses: munmap, mprotect, madvise, mincore and minherit
 * ignore bits 63:56 of the address, mmap those of its hint, and every
 * call taking a user pointer accepts a tagged one (docs/abi.md section 2.4).
 */
static void
test_tagged(void)
{
	char buf[64], back[64], vec[4];
	struct timespec ts;
	struct stat st;
	char *p, *q;
	int fds[2];

	p = CHECK_MAP_ANON(4 * pg);
	fill_pages(p, 4, 't');

	CHECK_OK(mprotect(TAGGED(p, 0x5a), pg, PROT_READ));
	CHECK_FAULT(p + 3, 1, SIGSEGV, SEGV_ACCERR);
	CHECK_WRITABLE(p + pg);
	p[pg] = 't' + 1;		/* CHECK_WRITABLE stored 0x5a there */
	CHECK_OK(mprotect(TAGGED(p, 0xf0), pg, PROT_READ | PROT_WRITE));
	CHECK_WRITABLE(p + 3);
	p[3] = 't';

	CHECK_OK(madvise(TAGGED(p, 0x0b), 4 * pg, MADV_WILLNEED));
	CHECK_OK(minherit(TAGGED(p + pg, 0xa5), pg, INHERIT_COPY));

	memset(vec, 0, sizeof(vec));
	CHECK_OK(mincore(TAGGED(p, 0x3c), 4 * pg, vec));
	CHECK(vec[0] & MINCORE_INCORE);
	CHECK(vec[3] & MINCORE_INCORE);
	memset(vec, 0, sizeof(vec));
	CHECK_OK(mincore(p, 4 * pg, TAGGED(vec, 0x07)));
	CHECK(vec[1] & MINCORE_INCORE);

	CHECK_OK(munmap(TAGGED(p + 2 * pg, 0xa5), pg));
	CHECK_FAULT(p + 2 * pg, 0, SIGSEGV, SEGV_MAPERR);
	CHECK(pages_hold(p, 2, 't'));
	CHECK(pages_hold(p + 3 * pg, 1, 't' + 3));
	CHECK_OK(munmap(TAGGED(p, 0x01), 4 * pg));
	CHECK_FAULT(p, 0, SIGSEGV, SEGV_MAPERR);

	/* The hint's tag is dropped: the mapping's address has none. */
	q = CHECK_MMAP(TAGGED(p, 0x5a), pg, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANON, -1, 0);
	CHECK_EQ((uintptr_t)q >> 56, 0);
	CHECK_WRITABLE(q);
	CHECK_OK(munmap(q, pg));

	/* Buffers of read(2), write(2) and friends may carry tags. */
	if (pipe2(TAGGED(fds, 0x0c), 0) != 0) {
		CHECK(!"pipe2 with a tagged array");
		return;
	}
	memset(buf, 'w', sizeof(buf));
	CHECK_EQ(write(fds[1], TAGGED(buf, 0x0b), sizeof(buf)), sizeof(buf));
	CHECK_EQ(write(fds[1], TAGGED(buf, 0xa7), sizeof(buf)), sizeof(buf));
	memset(back, 0, sizeof(back));
	CHECK_EQ(read(fds[0], TAGGED(back, 0x0e), sizeof(back)), sizeof(back));
	CHECK_EQ(memcmp(back, buf, sizeof(buf)), 0);
	memset(back, 0, sizeof(back));
	CHECK_EQ(read(fds[0], TAGGED(back, 0xe1), sizeof(back)), sizeof(back));
	CHECK_EQ(memcmp(back, buf, sizeof(buf)), 0);
	CHECK_OK(fstat(fds[0], TAGGED(&st, 0x09)));
	CHECK(S_ISFIFO(st.st_mode));
	CHECK_OK(clock_gettime(CLOCK_MONOTONIC, TAGGED(&ts, 0x04)));
	close(fds[0]);
	close(fds[1]);
}

int
main(void)
{

	pg = getpagesize();
	test_anon_private();
	test_anon_alone();
	test_fixed_replace();
	test_fixed_excl();
	test_guard();
	test_prot_max();
	test_bad_args();
	test_placement();
	test_munmap_split();
	test_mprotect_split();
	test_mincore();
	test_madvise();
	test_minherit_modes();
	test_tagged();
	return (check_done());
}
