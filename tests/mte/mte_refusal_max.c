/*
 * A refused mprotect changes nothing, PROT_MAX included (docs/abi.md:
 * mprotect adding PROT_MTE to shared memory is EINVAL, nothing changed).
 * mprotect(PROT_MAX(RW|MTE) | RW|MTE) on MAP_SHARED memory, on private
 * memory minherit made INHERIT_SHARE, and on a shared memory object's
 * mapping is EINVAL; afterwards the old maximum still holds, so adding
 * PROT_EXEC works.  The kernel used to lower the maximum before finding
 * the PROT_MTE refusal, and the later mprotect failed with EACCES.
 */
#include <sys/types.h>
#include <sys/mman.h>
#include <fcntl.h>
#include <unistd.h>

#include "check.h"
#include "mte_util.h"

#define	RWX	(PROT_READ | PROT_WRITE | PROT_EXEC)

static size_t pg;	/* the page size */

/* Refuse the PROT_MAX change on p's two pages, then check nothing moved. */
static void
check_refusal_keeps_max(char *p, const char *what)
{
	p[0] = 'k';
	CHECK_ERRNO(mprotect(p, 2 * pg, PROT_MAX(MTE_RW) | MTE_RW), EINVAL);
	/* the second page only, and a range starting in private memory */
	CHECK_ERRNO(mprotect(p + pg, pg, PROT_MAX(MTE_RW) | MTE_RW), EINVAL);
	check_count++;
	if (mprotect(p, 2 * pg, RWX) != 0)
		check_fail(__FILE__, __LINE__, "%s: mprotect(RWX) after the "
		    "refusal: errno %d, the maximum was changed", what, errno);
	CHECK_EQ(p[0], 'k');
	CHECK_WRITABLE(p + pg);
}

int
main(void)
{
	char *p, *q;
	int fd;

	pg = getpagesize();
	p = CHECK_MMAP(NULL, 2 * pg, PROT_READ | PROT_WRITE, MAP_SHARED |
	    MAP_ANON, -1, 0);
	check_refusal_keeps_max(p, "MAP_SHARED|MAP_ANON");

	p = CHECK_MAP_ANON(2 * pg);
	CHECK_OK(minherit(p, 2 * pg, INHERIT_SHARE));
	check_refusal_keeps_max(p, "INHERIT_SHARE");

	fd = shm_open(SHM_ANON, O_RDWR, 0600);
	CHECK(fd >= 0);
	CHECK_OK(ftruncate(fd, 2 * pg));
	p = CHECK_MMAP(NULL, 2 * pg, PROT_READ | PROT_WRITE, MAP_SHARED, fd,
	    0);
	check_refusal_keeps_max(p, "shm_open MAP_SHARED");
	close(fd);

	/* private memory then shared memory in one range: neither changes */
	q = CHECK_MMAP(NULL, 3 * pg, PROT_NONE, MAP_GUARD, -1, 0);
	p = CHECK_MMAP(q, pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANON |
	    MAP_FIXED, -1, 0);
	CHECK_MMAP(q + pg, pg, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANON |
	    MAP_FIXED, -1, 0);
	CHECK_ERRNO(mprotect(q, 2 * pg, PROT_MAX(MTE_RW) | MTE_RW), EINVAL);
	CHECK_OK(mprotect(q, 2 * pg, RWX));

	if (!check_have_mte())
		mte_check_absent();
	return (check_done());
}
