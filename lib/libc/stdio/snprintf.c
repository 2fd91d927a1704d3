/* The printf family into memory: snprintf, sprintf and their v forms. */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "stdio/format.h"

/* Keeps the first size - 1 bytes; counts them all. */
struct buf_sink {
	struct __fmt_sink bs_sink;
	char		*bs_buf;
	size_t		bs_size;	/* buffer size, NUL included */
	size_t		bs_len;		/* bytes produced so far */
};

/* Copy what still fits before the NUL's place; count everything. */
static void
buf_put(struct __fmt_sink *fs, const char *s, size_t n)
{
	struct buf_sink *bs = (struct buf_sink *)fs;
	size_t room;

	if (bs->bs_len < bs->bs_size) {
		room = bs->bs_size - 1 - bs->bs_len;
		memcpy(bs->bs_buf + bs->bs_len, s, n < room ? n : room);
	}
	bs->bs_len += n;
}

/*
 * Format into buf, keeping at most size - 1 bytes and a NUL (nothing if
 * size is 0).  Returns the length the whole result has, which is
 * >= size when it was cut; -1 with errno EOVERFLOW beyond INT_MAX.
 */
int
vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct buf_sink bs;

	bs.bs_sink.fs_put = buf_put;
	bs.bs_buf = buf;
	bs.bs_size = size;
	bs.bs_len = 0;
	__libc_format(&bs.bs_sink, fmt, ap);
	if (size != 0)
		buf[bs.bs_len < size ? bs.bs_len : size - 1] = '\0';
	if (bs.bs_len > INT_MAX) {
		errno = EOVERFLOW;
		return (-1);
	}
	return ((int)bs.bs_len);
}

/* As vsnprintf. */
int
snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return (r);
}

/* vsnprintf with no limit: buf must be big enough. */
int
vsprintf(char *buf, const char *fmt, va_list ap)
{

	return (vsnprintf(buf, SIZE_MAX, fmt, ap));
}

/* As vsprintf. */
int
sprintf(char *buf, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vsnprintf(buf, SIZE_MAX, fmt, ap);
	va_end(ap);
	return (r);
}
