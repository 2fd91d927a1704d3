/* Character and string output: fputc, putc, putchar, fputs, puts. */
#include <stdio.h>
#include <string.h>

#include "stdio/local.h"

/* Write c as a byte to fp.  Returns it as an unsigned char, or EOF. */
int
fputc(int c, FILE *fp)
{
	struct __fd_sink fds;
	char b = (char)c;

	__fd_sink_init(&fds, fp->_file);
	__fd_sink_put(&fds, &b, 1);
	if (__fd_sink_flush(&fds) != 0) {
		fp->_flags |= __SERR;
		return (EOF);
	}
	return ((unsigned char)c);
}

/* As fputc. */
int
putc(int c, FILE *fp)
{

	return (fputc(c, fp));
}

/* fputc to stdout. */
int
putchar(int c)
{

	return (fputc(c, stdout));
}

/* Write s, plus a newline if nl, to fp in one piece.  0 or EOF. */
static int
put_string(const char *s, int nl, FILE *fp)
{
	struct __fd_sink fds;

	__fd_sink_init(&fds, fp->_file);
	__fd_sink_put(&fds, s, strlen(s));
	if (nl)
		__fd_sink_put(&fds, "\n", 1);
	if (__fd_sink_flush(&fds) != 0) {
		fp->_flags |= __SERR;
		return (EOF);
	}
	return (0);
}

/* Write s to fp.  0 or EOF. */
int
fputs(const char *s, FILE *fp)
{

	return (put_string(s, 0, fp));
}

/* Write s and a newline to stdout.  0 or EOF. */
int
puts(const char *s)
{

	return (put_string(s, 1, stdout));
}
