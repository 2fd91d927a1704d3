/* The printf family on descriptors: printf, fprintf, dprintf, v forms. */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>

#include "stdio/local.h"

/*
 * Format to fd, in one write(2) when the result fits 512 bytes.  Returns
 * the number of bytes written, or -1 with errno on a write error or
 * (EOVERFLOW) a result longer than INT_MAX.
 */
int
vdprintf(int fd, const char *fmt, va_list ap)
{
	struct __fd_sink fds;
	size_t n;

	__fd_sink_init(&fds, fd);
	n = __libc_format(&fds.fds_sink, fmt, ap);
	if (__fd_sink_flush(&fds) != 0)
		return (-1);
	if (n > INT_MAX) {
		errno = EOVERFLOW;
		return (-1);
	}
	return ((int)n);
}

/* vdprintf to fp's descriptor, marking fp on error. */
int
vfprintf(FILE *fp, const char *fmt, va_list ap)
{
	int r;

	if ((r = vdprintf(fp->_file, fmt, ap)) < 0)
		fp->_flags |= __SERR;
	return (r);
}

/* vfprintf to stdout. */
int
vprintf(const char *fmt, va_list ap)
{

	return (vfprintf(stdout, fmt, ap));
}

/* As vdprintf. */
int
dprintf(int fd, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vdprintf(fd, fmt, ap);
	va_end(ap);
	return (r);
}

/* As vfprintf. */
int
fprintf(FILE *fp, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vfprintf(fp, fmt, ap);
	va_end(ap);
	return (r);
}

/* As vprintf. */
int
printf(const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vfprintf(stdout, fmt, ap);
	va_end(ap);
	return (r);
}
