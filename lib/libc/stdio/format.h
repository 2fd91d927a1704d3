/*
 * The printf engine shared by the printf family, err(3) and perror(3).  It
 * formats into a sink, a callback taking runs of bytes, so one engine
 * serves snprintf's buffer and printf's descriptor.  Host-testable: it
 * needs only the compiler's headers.
 */
#ifndef _LIBC_STDIO_FORMAT_H_
#define	_LIBC_STDIO_FORMAT_H_

#include <stdarg.h>
#include <stddef.h>

struct __fmt_sink {
	/* Take n bytes of output (not NUL-terminated; n may be large). */
	void	(*fs_put)(struct __fmt_sink *, const char *, size_t);
};

/*
 * Format fmt and its arguments into sink.  Returns the number of bytes
 * produced.  Conversions: d i u o x X p c s % and f F e E g G, with the
 * flags - + space # 0, field width and precision (also as *), and the
 * length modifiers hh h l ll j z t.  Anything else (%n, %a, %L...) is
 * copied to the output as written.  Floating point output is exact: the
 * digits of the double's exact value, rounded to nearest with ties to even,
 * as the host's printf prints them in the default rounding mode.
 */
size_t	__libc_format(struct __fmt_sink *, const char *, va_list);

#endif /* !_LIBC_STDIO_FORMAT_H_ */
