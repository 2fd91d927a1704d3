/* err(3) and warn(3): "prog: message[: error]\n" on stderr, in one write. */
#include <err.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stdio/local.h"

/* The message, with strerror(code) appended unless code is -1. */
static void
report(int code, const char *fmt, va_list ap)
{
	struct __fd_sink fds;
	const char *s;

	__fd_sink_init(&fds, fileno(stderr));
	s = getprogname();
	__fd_sink_put(&fds, s, strlen(s));
	__fd_sink_put(&fds, ": ", 2);
	if (fmt != NULL) {
		__libc_format(&fds.fds_sink, fmt, ap);
		if (code != -1)
			__fd_sink_put(&fds, ": ", 2);
	}
	if (code != -1) {
		s = strerror(code);
		__fd_sink_put(&fds, s, strlen(s));
	}
	__fd_sink_put(&fds, "\n", 1);
	__fd_sink_flush(&fds);
}

/* Warn with errno's message. */
void
vwarn(const char *fmt, va_list ap)
{

	report(errno, fmt, ap);
}

/* As vwarn. */
void
warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report(errno, fmt, ap);
	va_end(ap);
}

/* Warn with the message of error code. */
void
warnc(int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report(code, fmt, ap);
	va_end(ap);
}

/* Warn without an error message. */
void
vwarnx(const char *fmt, va_list ap)
{

	report(-1, fmt, ap);
}

/* As vwarnx. */
void
warnx(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report(-1, fmt, ap);
	va_end(ap);
}

/* vwarn, then exit(status). */
void
verr(int status, const char *fmt, va_list ap)
{

	report(errno, fmt, ap);
	exit(status);
}

/* As verr. */
void
err(int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report(errno, fmt, ap);
	va_end(ap);
	exit(status);
}

/* warnc, then exit(status). */
void
errc(int status, int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report(code, fmt, ap);
	va_end(ap);
	exit(status);
}

/* vwarnx, then exit(status). */
void
verrx(int status, const char *fmt, va_list ap)
{

	report(-1, fmt, ap);
	exit(status);
}

/* As verrx. */
void
errx(int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report(-1, fmt, ap);
	va_end(ap);
	exit(status);
}
