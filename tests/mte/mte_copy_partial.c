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
#include "partial_io.h"
#include "mte_util.h"

#define	BAD_AT		256	/* offset of the mismatched granule */
#define	MAXBEFORE	130	/* starts tried before it */
#define	MAXAFTER	100	/* bytes past it, at the most */
#define	GOOD		3
#define	BAD		9

static const size_t afters[] = { 1, 8, 16, 64, MAXAFTER };

_Static_assert(MAXBEFORE + MAXAFTER <= PARTIAL_MAXLEN,
    "the copies fit partial_io.h's buffers");

static char *buf;	/* a tagged page: GOOD, but BAD at BAD_AT */

/*
 * Every start before the bad granule, with short and long copies past
 * it: write(2) queues exactly the bytes before the granule; read(2) too
 * if reads_checked, which fills exactly those and leaves the mismatched
 * granule its zeroes.
 */
static void
check_all(int reads_checked)
{
	size_t before, k;
	char *p;

	for (before = 0; before <= MAXBEFORE; before++) {
		p = set_tag(buf + BAD_AT - before, GOOD);
		for (k = 0; k < sizeof(afters) / sizeof(afters[0]); k++) {
			partial_check_write(p, before, afters[k]);
			if (!reads_checked)
				continue;
			partial_check_read(p, before, afters[k]);
			if (before > 0)
				CHECK_EQ(first_byte_not(buf + BAD_AT,
				    MTE_GRANULE, 0), -1);
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
	CHECK_OK(pipe2(partial_fds, O_NONBLOCK));
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
