/*
 * A system call copying user memory stops at the exact byte where the
 * user's own access would fault, and counts the bytes before it (the
 * kernel's copyin_partial/copyout_partial, which move 64 bytes per step):
 * write(2) from a buffer running into an unmapped page returns the bytes
 * before the page, EFAULT if there are none; read(2) into a buffer running
 * into an unmapped or a read-only page fills and returns exactly the bytes
 * before it, and leaves the rest in the pipe.  Every start from 0 to 200
 * bytes before the page, every alignment, short and long copies.
 */
#include <sys/types.h>
#include <sys/mman.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "partial_io.h"

#define	MAXBEFORE	200	/* bytes before the bad page tried */
#define	MAXAFTER	65	/* bytes past it, at the most */

static const size_t afters[] = { 1, 7, 8, 64, MAXAFTER };

_Static_assert(MAXBEFORE + MAXAFTER <= PARTIAL_MAXLEN,
    "the copies fit partial_io.h's buffers");

static size_t pg;	/* the page size */

/*
 * Every start before the page that follows good, with short and long
 * copies past it: write(2) (if with_write) queues exactly the bytes
 * before the page, read(2) fills exactly those, the byte below them
 * untouched.
 */
static void
check_all(char *good, int with_write)
{
	size_t before, k;
	char *p;

	for (before = 0; before <= MAXBEFORE; before++) {
		p = good + pg - before;
		for (k = 0; k < sizeof(afters) / sizeof(afters[0]); k++) {
			if (with_write)
				partial_check_write(p, before, afters[k]);
			memset(good, 0, pg);
			partial_check_read(p, before, afters[k]);
			if (before > 0 && before < pg)
				CHECK_EQ(p[-1], 0);
		}
	}
}

int
main(void)
{
	char *p;

	pg = getpagesize();
	CHECK_OK(pipe2(partial_fds, O_NONBLOCK));

	/* The page after the buffer is unmapped. */
	p = CHECK_MAP_ANON(2 * pg);
	CHECK_OK(munmap(p + pg, pg));
	check_all(p, 1);

	/* The page after the buffer is read-only: read(2) stops there. */
	CHECK_MMAP(p + pg, pg, PROT_READ, MAP_PRIVATE | MAP_ANON | MAP_FIXED,
	    -1, 0);
	check_all(p, 0);
	CHECK_OK(munmap(p, 2 * pg));
	return (check_done());
}
