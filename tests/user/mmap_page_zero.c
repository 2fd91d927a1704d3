/*
 * Page zero is never mapped (docs/abi.md row 21): MAP_FIXED there is EINVAL, and
 * no mmap without MAP_FIXED returns it, MAP_32BIT included (found by
 * tests/fuzz/seqfuzz: mmap(NULL, len, PROT_NONE, MAP_32BIT|MAP_ANON)
 * returned 0).  A MAP_32BIT mapping lies below 2 GiB; one of a shared
 * memory object that cannot fit is ENOMEM and leaves the object usable.
 */
#include <sys/mman.h>
#include <fcntl.h>
#include <stdint.h>

#include "check.h"

int
main(void)
{
	size_t pg = getpagesize();
	char *p[8], *q;
	int i, fd;

	CHECK_ERRNO(mmap(NULL, pg, PROT_READ, MAP_FIXED | MAP_PRIVATE |
	    MAP_ANON, -1, 0), EINVAL);
	CHECK_ERRNO(mmap(NULL, pg, PROT_READ, MAP_FIXED | MAP_EXCL |
	    MAP_PRIVATE | MAP_ANON, -1, 0), EINVAL);
	for (i = 0; i < 8; i++) {
		p[i] = mmap(NULL, (i + 1) * pg, i % 2 ? PROT_NONE : PROT_READ,
		    MAP_32BIT | MAP_PRIVATE | MAP_ANON, -1, 0);
		CHECK(p[i] != MAP_FAILED);
		CHECK((uintptr_t)p[i] >= pg);
		CHECK((uintptr_t)p[i] + (i + 1) * pg <= 0x80000000UL);
	}
	for (i = 0; i < 8; i++)
		if (p[i] != MAP_FAILED)
			CHECK_OK(munmap(p[i], (i + 1) * pg));
	/* A hint of NULL without MAP_32BIT stays clear of page zero too. */
	q = CHECK_MMAP(NULL, pg, PROT_READ, MAP_PRIVATE | MAP_ANON, -1, 0);
	CHECK((uintptr_t)q >= pg);
	CHECK_OK(munmap(q, pg));
	/* Too big for the low 2 GiB: ENOMEM, and the object lives on. */
	fd = shm_open2(SHM_ANON, O_RDWR, 0600, 0, NULL);
	CHECK(fd >= 0);
	CHECK_OK(ftruncate(fd, pg));
	CHECK_ERRNO(mmap(NULL, 0x80000000UL, PROT_READ, MAP_32BIT | MAP_SHARED,
	    fd, 0), ENOMEM);
	q = CHECK_MMAP(NULL, pg, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	q[0] = 'z';
	CHECK_EQ(q[0], 'z');
	CHECK_OK(munmap(q, pg));
	CHECK_OK(close(fd));
	return (check_done());
}
