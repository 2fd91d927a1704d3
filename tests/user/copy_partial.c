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

#define	MAXBEFORE	200	/* bytes before the bad page tried */

static size_t pg;	/* the page size */
static int fds[2];	/* a pipe, O_NONBLOCK at both ends */

/* The byte i of the data written: differs at every offset. */
static unsigned char
pattern(size_t i)
{
	return ((unsigned char)(i * 13 + 5));
}

/* Empty the pipe; returns how many bytes it held. */
static long
drain(void)
{
	char tmp[512];
	long n = 0, r;

	while ((r = read(fds[0], tmp, sizeof(tmp))) > 0)
		n += r;
	return (n);
}

/*
 * write(2) of before + after bytes from before bytes below the unmapped
 * page that follows good: the before bytes, and exactly those, are queued.
 */
static void
check_write(char *good, size_t before, size_t after)
{
	char *p = good + pg - before, tmp[MAXBEFORE];
	size_t i;
	long r;

	for (i = 0; i < before; i++)
		p[i] = pattern(i);
	errno = 0;
	r = write(fds[1], p, before + after);
	if (before == 0) {
		CHECK_EQ(r, -1);
		CHECK_EQ(errno, EFAULT);
		CHECK_EQ(drain(), 0);
		return;
	}
	CHECK_EQ(r, (long)before);
	CHECK_EQ(read(fds[0], tmp, sizeof(tmp)), (long)before);
	for (i = 0; i < before; i++) {
		if ((unsigned char)tmp[i] != pattern(i)) {
			CHECK_EQ((unsigned char)tmp[i], pattern(i));
			break;
		}
	}
	CHECK_EQ(drain(), 0);
}

/*
 * read(2) of before + after queued bytes into before bytes below the
 * unreadable or read-only page that follows good: exactly the before
 * bytes are filled (the byte below them untouched) and the rest stay
 * queued.
 */
static void
check_read(char *good, size_t before, size_t after)
{
	char *p = good + pg - before, tmp[MAXBEFORE + 64];
	size_t i, len = before + after;
	long r;

	for (i = 0; i < len; i++)
		tmp[i] = pattern(i);
	CHECK_EQ(write(fds[1], tmp, len), (long)len);
	memset(good, 0, pg);
	errno = 0;
	r = read(fds[0], p, len);
	if (before == 0) {
		CHECK_EQ(r, -1);
		CHECK_EQ(errno, EFAULT);
		CHECK_EQ(drain(), (long)len);
		return;
	}
	CHECK_EQ(r, (long)before);
	for (i = 0; i < before; i++) {
		if ((unsigned char)p[i] != pattern(i)) {
			CHECK_EQ((unsigned char)p[i], pattern(i));
			break;
		}
	}
	if (before < pg)
		CHECK_EQ(p[-1], 0);
	CHECK_EQ(drain(), (long)after);
}

/* Every start before the page, with short and long copies past it. */
static void
check_all(char *good, int with_write)
{
	static const size_t afters[] = { 1, 7, 8, 64, 65 };
	size_t before, k;

	for (before = 0; before <= MAXBEFORE; before++) {
		for (k = 0; k < sizeof(afters) / sizeof(afters[0]); k++) {
			if (with_write)
				check_write(good, before, afters[k]);
			check_read(good, before, afters[k]);
		}
	}
}

int
main(void)
{
	char *p;

	pg = getpagesize();
	CHECK_OK(pipe2(fds, O_NONBLOCK));

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
