/*
 * docs/abi.md row 19, exactly: in SYNC mode (and ASYMM for the kernel's
 * reads of user memory) read(2) and write(2) through a pointer that meets a
 * mismatched granule stop at that granule's first byte and return the
 * count before it (EFAULT if none), though the kernel copies 64 bytes per
 * step: every start from 0 to 130 bytes before the granule, short and long
 * copies past it.  Without MTE there is nothing to test.
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

#define	BAD_AT		256	/* offset of the mismatched granule */
#define	MAXBEFORE	130	/* starts tried before it */
#define	GOOD		3
#define	BAD		9

static char *buf;	/* a tagged page: GOOD, but BAD at BAD_AT */
static int fds[2];	/* a pipe, O_NONBLOCK at both ends */

/* The byte i of the data copied. */
static unsigned char
pattern(size_t i)
{
	return ((unsigned char)(i * 11 + 3));
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

/* write(2) of before + after bytes starting before bytes below BAD_AT. */
static void
check_write(size_t before, size_t after)
{
	char *p = set_tag(buf + BAD_AT - before, GOOD), tmp[MAXBEFORE];
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

/* read(2) of before + after queued bytes into before bytes below BAD_AT. */
static void
check_read(size_t before, size_t after)
{
	char *p = set_tag(buf + BAD_AT - before, GOOD), tmp[MAXBEFORE + 64];
	size_t i, len = before + after;
	long r;

	for (i = 0; i < len; i++)
		tmp[i] = pattern(i);
	CHECK_EQ(write(fds[1], tmp, len), (long)len);
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
	CHECK_EQ(drain(), (long)after);
	/* The mismatched granule kept its zeroes. */
	CHECK_EQ(first_byte_not(buf + BAD_AT, MTE_GRANULE, 0), -1);
}

/* Every start before the bad granule; read(2) too if reads_checked. */
static void
check_all(int reads_checked)
{
	static const size_t afters[] = { 1, 8, 16, 64, 100 };
	size_t before, k;

	for (before = 0; before <= MAXBEFORE; before++) {
		for (k = 0; k < sizeof(afters) / sizeof(afters[0]); k++) {
			check_write(before, afters[k]);
			if (reads_checked)
				check_read(before, afters[k]);
		}
	}
}

int
main(void)
{
	size_t pg = getpagesize();

	mte_require();
	buf = MTE_MAP(pg);
	tag_range(buf, pg, GOOD);
	tag_range(buf + BAD_AT, MTE_GRANULE, BAD);
	CHECK_OK(pipe2(fds, O_NONBLOCK));
	MTE_SET_MODE(MTE_MODE_SYNC, MTE_ALL_TAGS);
	check_all(1);
	/* ASYMM: the kernel's reads of user memory are checked as SYNC. */
	if (mte_have_mte3()) {
		MTE_SET_MODE(MTE_MODE_ASYMM, MTE_ALL_TAGS);
		check_all(0);
	}
	MTE_SET_MODE(MTE_MODE_NONE, 0);
	CHECK_OK(munmap(buf, pg));
	return (check_done());
}
