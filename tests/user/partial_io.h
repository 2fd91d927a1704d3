/*
 * The checks of a partial copy, shared by copy_partial (the buffer runs
 * into an unmapped or read-only page) and mte_copy_partial (into a
 * granule whose tag does not match): read(2) and write(2) through a
 * buffer whose first `before' bytes the caller may use and whose next
 * byte it may not move exactly those bytes and return their count, or
 * fail with EFAULT when there are none (docs/abi.md row 19 for the tagged
 * case).  The pipe is partial_fds, O_NONBLOCK at both ends; the caller
 * opens it.  Included by one source file of a test program, after
 * check.h.
 */
#ifndef _TESTS_USER_PARTIAL_IO_H_
#define	_TESTS_USER_PARTIAL_IO_H_

/*
 * The most bytes partial_check_write and partial_check_read move: a
 * caller asserts its largest before + after fits.
 */
#define	PARTIAL_MAXLEN	512

static int partial_fds[2];	/* a pipe, O_NONBLOCK at both ends */

/* The byte i of the data copied: differs at every offset (13 is odd). */
static unsigned char
partial_pattern(size_t i)
{
	return ((unsigned char)(i * 13 + 5));
}

/* Empty the pipe; returns how many bytes it held. */
static long
partial_drain(void)
{
	char tmp[PARTIAL_MAXLEN];
	long n = 0, r;

	while ((r = read(partial_fds[0], tmp, sizeof(tmp))) > 0)
		n += r;
	return (n);
}

/* The first len bytes of got are the pattern: one check, at the first miss. */
static void
partial_check_pattern(const char *got, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if ((unsigned char)got[i] != partial_pattern(i)) {
			CHECK_EQ((unsigned char)got[i], partial_pattern(i));
			break;
		}
	}
}

/*
 * write(2) of before + after bytes from p, whose byte p[before] the
 * caller may not read: the before bytes, and exactly those, are queued
 * (EFAULT and nothing queued when before is 0).
 */
static void
partial_check_write(char *p, size_t before, size_t after)
{
	char tmp[PARTIAL_MAXLEN];
	size_t i;
	long r;

	for (i = 0; i < before; i++)
		p[i] = partial_pattern(i);
	errno = 0;
	r = write(partial_fds[1], p, before + after);
	if (before == 0) {
		CHECK_EQ(r, -1);
		CHECK_EQ(errno, EFAULT);
		CHECK_EQ(partial_drain(), 0);
		return;
	}
	CHECK_EQ(r, (long)before);
	CHECK_EQ(read(partial_fds[0], tmp, sizeof(tmp)), (long)before);
	partial_check_pattern(tmp, before);
	CHECK_EQ(partial_drain(), 0);
}

/*
 * read(2) of before + after queued bytes into p, whose byte p[before]
 * the caller may not write: exactly the before bytes are filled and the
 * rest stay queued (EFAULT and all of them queued when before is 0).
 */
static void
partial_check_read(char *p, size_t before, size_t after)
{
	char tmp[PARTIAL_MAXLEN];
	size_t i, len = before + after;
	long r;

	for (i = 0; i < len; i++)
		tmp[i] = partial_pattern(i);
	CHECK_EQ(write(partial_fds[1], tmp, len), (long)len);
	errno = 0;
	r = read(partial_fds[0], p, len);
	if (before == 0) {
		CHECK_EQ(r, -1);
		CHECK_EQ(errno, EFAULT);
		CHECK_EQ(partial_drain(), (long)len);
		return;
	}
	CHECK_EQ(r, (long)before);
	partial_check_pattern(p, before);
	CHECK_EQ(partial_drain(), (long)after);
}

#endif /* !_TESTS_USER_PARTIAL_IO_H_ */
