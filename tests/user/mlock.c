/*
 * mlock, munlock, mlockall, munlockall (docs/abi.md section 4.5): locked
 * pages are resident at once and counted against RLIMIT_MEMLOCK, a page
 * locked twice counts once, munlock and munmap give the count back, a
 * fork's child inherits no lock, MADV_FREE leaves locked pages alone,
 * and FreeBSD's errors for bad input.  Each part runs in a child, so the
 * limits it sets go with it.
 */
#include <sys/types.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "check.h"

static size_t pg;

/* Set RLIMIT_MEMLOCK to pages pages. */
static void
set_memlock(size_t pages)
{
	struct rlimit rl;

	rl.rlim_cur = rl.rlim_max = pages * pg;
	CHECK_OK(setrlimit(RLIMIT_MEMLOCK, &rl));
}

/* Accounting against the limit; residency; munmap returns the count. */
static void
test_accounting(void)
{
	char *a, vec[8];
	int i;

	set_memlock(4);
	a = CHECK_MAP_ANON(8 * pg);
	CHECK_OK(mincore(a, 8 * pg, vec));
	CHECK_EQ(vec[0] & MINCORE_INCORE, 0);
	CHECK_OK(mlock(a, 4 * pg));
	CHECK_OK(mincore(a, 8 * pg, vec));
	for (i = 0; i < 4; i++)
		CHECK(vec[i] & MINCORE_INCORE);	/* faulted in by mlock */
	CHECK_EQ(vec[4] & MINCORE_INCORE, 0);
	CHECK_ERRNO(mlock(a + 4 * pg, pg), ENOMEM);	/* over the limit */
	CHECK_OK(mlock(a, 4 * pg));			/* counted once */
	CHECK_OK(mlock(a + pg, 2 * pg));
	/* An unaligned range covers every page it touches. */
	CHECK_OK(munlock(a + 2 * pg + 1, pg));		/* pages 2 and 3 */
	CHECK_OK(mlock(a + 4 * pg, 2 * pg));		/* 0, 1, 4, 5 */
	CHECK_ERRNO(mlock(a + 6 * pg, pg), ENOMEM);
	/* munmap of locked pages gives their share back. */
	CHECK_OK(munmap(a + 4 * pg, 2 * pg));
	CHECK_OK(mlock(a + 6 * pg, 2 * pg));		/* 0, 1, 6, 7 */
	/* Locked data is data: writes stay, MADV_FREE keeps it. */
	memset(a, 0x5a, pg);
	CHECK_OK(madvise(a, pg, MADV_FREE));
	CHECK_EQ(a[10], 0x5a);
	/* The child of fork holds no lock: it may lock 4 pages itself. */
	pid_t pid = CHECK_FORK();
	if (pid == 0) {
		CHECK_OK(mlock(a + 2 * pg, 2 * pg));
		CHECK_OK(mlock(a + 6 * pg, 2 * pg));
		CHECK_ERRNO(mlock(a, pg), ENOMEM);
		check_child_exit();
	}
	CHECK_WAIT_EXIT(pid, 0);
	CHECK_OK(munlockall());
	CHECK_OK(mlock(a + 2 * pg, 2 * pg));
	CHECK_OK(mlock(a + 6 * pg, 2 * pg));
}

/* FreeBSD's errors. */
static void
test_errors(void)
{
	char *a = CHECK_MAP_ANON(2 * pg);

	CHECK_OK(munmap(a + pg, pg));
	CHECK_ERRNO(mlock(a, 2 * pg), ENOMEM);		/* a hole */
	CHECK_ERRNO(munlock(a, 2 * pg), ENOMEM);
	CHECK_ERRNO(mlock(a, SIZE_MAX), EINVAL);	/* wraps */
	CHECK_ERRNO(munlock(a, SIZE_MAX - pg), EINVAL);
	CHECK_OK(mlock(a, 0));
	CHECK_ERRNO(mlockall(0), EINVAL);
	CHECK_ERRNO(mlockall(4), EINVAL);
	set_memlock(1);
	CHECK_ERRNO(mlockall(MCL_CURRENT), ENOMEM);
}

/* mlockall(MCL_FUTURE): later mappings are locked and counted. */
static void
test_future(void)
{
	char vec[2];
	char *b;

	set_memlock(3);
	CHECK_OK(mlockall(MCL_FUTURE));
	b = CHECK_MAP_ANON(2 * pg);
	CHECK_OK(mincore(b, 2 * pg, vec));
	CHECK(vec[0] & MINCORE_INCORE);
	CHECK(vec[1] & MINCORE_INCORE);
	CHECK_ERRNO(mmap(NULL, 2 * pg, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANON, -1, 0), ENOMEM);
	CHECK_OK(munlockall());
	b = CHECK_MAP_ANON(2 * pg);
	CHECK_OK(mincore(b, 2 * pg, vec));
	CHECK_EQ(vec[0] & MINCORE_INCORE, 0);
}

int
main(void)
{
	void (*parts[])(void) = { test_accounting, test_errors, test_future };
	size_t i;
	pid_t pid;

	pg = getpagesize();
	for (i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
		if ((pid = CHECK_FORK()) == 0) {
			parts[i]();
			check_child_exit();
		}
		CHECK_WAIT_EXIT(pid, 0);
	}
	return (check_done());
}
