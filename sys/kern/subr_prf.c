/*
 * The kernel's printf engine.  kvprintf() formats into a caller-supplied
 * character sink, so the console, panic and ksnprintf() share one
 * implementation.  It follows C99 for the integer, string and character
 * conversions; there is no floating point (the kernel is built with
 * -mgeneral-regs-only) and no %n (a format string must not write memory).
 */
#include "sys/systm.h"

/*
 * One conversion specification, "%[flags][width][.prec][length]conv".
 * The length modifier is kept as one character: 0 for none, 'h', 'l',
 * 'z', 'j', 't' as written, 'H' for hh and 'L' for ll.
 */
struct fmt_spec {
	bool	left;	/* '-': pad on the right */
	bool	zero;	/* '0': pad numbers with zeros */
	bool	alt;	/* '#': 0x prefix, or a leading 0 for octal */
	char	sign;	/* '+' or ' ' before non-negative numbers, or 0 */
	int	width;	/* minimum field width */
	int	prec;	/* precision, -1 if none was given */
	char	len;	/* length modifier */
};

/* A sink plus the count of characters sent to it. */
struct fmt_out {
	void	(*put)(int c, void *arg);
	void	*arg;
	int	count;
};

/* Send one character to the sink. */
static void
fmt_putc(struct fmt_out *o, int c)
{
	o->put(c, o->arg);
	o->count++;
}

/* Send n copies of c. */
static void
fmt_pad(struct fmt_out *o, int c, int n)
{
	while (n-- > 0)
		fmt_putc(o, c);
}

/*
 * Fetch a signed integer argument of the size the length modifier names,
 * widened to intmax_t.  %hhd and %hd receive a promoted int, narrowed
 * back here as C requires.
 */
static intmax_t
fmt_arg_signed(const struct fmt_spec *s, va_list *ap)
{
	switch (s->len) {
	case 'H':
		return ((signed char)va_arg(*ap, int));
	case 'h':
		return ((short)va_arg(*ap, int));
	case 'l':
		return (va_arg(*ap, long));
	case 'L':
		return (va_arg(*ap, long long));
	case 'z':
		/* The signed type matching size_t has ptrdiff_t's width. */
		return ((ptrdiff_t)va_arg(*ap, size_t));
	case 'j':
		return (va_arg(*ap, intmax_t));
	case 't':
		return (va_arg(*ap, ptrdiff_t));
	default:
		return (va_arg(*ap, int));
	}
}

/* Like fmt_arg_signed() for the unsigned conversions. */
static uintmax_t
fmt_arg_unsigned(const struct fmt_spec *s, va_list *ap)
{
	switch (s->len) {
	case 'H':
		return ((unsigned char)va_arg(*ap, unsigned int));
	case 'h':
		return ((unsigned short)va_arg(*ap, unsigned int));
	case 'l':
		return (va_arg(*ap, unsigned long));
	case 'L':
		return (va_arg(*ap, unsigned long long));
	case 'z':
		return (va_arg(*ap, size_t));
	case 'j':
		return (va_arg(*ap, uintmax_t));
	case 't':
		return ((size_t)va_arg(*ap, ptrdiff_t));
	default:
		return (va_arg(*ap, unsigned int));
	}
}

/*
 * Emit one number as
 *	[spaces] [sign or 0x] [zeros] digits [spaces]
 * where the zeros come from the precision (minimum digit count) or, with
 * the '0' flag and no precision, from the field width.  C99 7.19.6.1:
 * precision 0 prints no digits for the value 0, except that %#o still
 * prints its leading zero.
 */
static void
fmt_number(struct fmt_out *o, const struct fmt_spec *s, uintmax_t mag,
    bool neg, int base, bool upper, const char *prefix)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char buf[24];		/* 22 octal digits hold 64 bits */
	int ndig, nzero, nprefix, prec, pad;

	ndig = 0;
	prec = s->prec < 0 ? 1 : s->prec;
	while (mag != 0) {
		buf[ndig++] = digits[mag % base];
		mag /= base;
	}
	if (ndig == 0 && prec > 0)
		buf[ndig++] = '0';
	if (base == 8 && s->alt && (ndig == 0 || buf[ndig - 1] != '0') &&
	    prec <= ndig)
		prec = ndig + 1;
	nzero = prec > ndig ? prec - ndig : 0;

	nprefix = 0;
	if (neg || s->sign != 0)
		nprefix = 1;
	else if (prefix != NULL)
		nprefix = 2;
	pad = s->width - (nprefix + nzero + ndig);
	if (s->zero && !s->left && s->prec < 0 && pad > 0) {
		nzero += pad;
		pad = 0;
	}

	if (!s->left)
		fmt_pad(o, ' ', pad);
	if (neg)
		fmt_putc(o, '-');
	else if (s->sign != 0)
		fmt_putc(o, s->sign);
	else if (prefix != NULL) {
		fmt_putc(o, prefix[0]);
		fmt_putc(o, prefix[1]);
	}
	fmt_pad(o, '0', nzero);
	while (ndig > 0)
		fmt_putc(o, buf[--ndig]);
	if (s->left)
		fmt_pad(o, ' ', pad);
}

/* Emit at most s->prec characters of str (all of it if no precision). */
static void
fmt_string(struct fmt_out *o, const struct fmt_spec *s, const char *str)
{
	int len, pad;

	if (str == NULL)
		str = "(null)";
	/* Never read past the precision: the string need not be terminated. */
	for (len = 0; (s->prec < 0 || len < s->prec) && str[len] != '\0'; len++)
		;
	pad = s->width - len;
	if (!s->left)
		fmt_pad(o, ' ', pad);
	while (len-- > 0)
		fmt_putc(o, *str++);
	if (s->left)
		fmt_pad(o, ' ', pad);
}

/*
 * Read a decimal field width or precision, saturating rather than
 * overflowing on absurd formats.
 */
static int
fmt_atoi(const char **fmt)
{
	int n = 0;

	while (**fmt >= '0' && **fmt <= '9') {
		if (n < __INT_MAX__ / 10 - 1)
			n = n * 10 + (**fmt - '0');
		(*fmt)++;
	}
	return (n);
}

/*
 * Parse the flags, width, precision and length modifier that follow a '%'
 * into *s; returns the format advanced to the conversion character.
 */
static const char *
fmt_parse(const char *fmt, struct fmt_spec *s, va_list *ap)
{
	*s = (struct fmt_spec){ .prec = -1 };
	for (;; fmt++) {
		if (*fmt == '-')
			s->left = true;
		else if (*fmt == '0')
			s->zero = true;
		else if (*fmt == '#')
			s->alt = true;
		else if (*fmt == '+')
			s->sign = '+';
		else if (*fmt == ' ') {
			if (s->sign == 0)
				s->sign = ' ';	/* '+' wins over ' ' */
		} else
			break;
	}

	if (*fmt == '*') {
		s->width = va_arg(*ap, int);
		if (s->width < 0) {
			/* A negative '*' width is a '-' flag plus a width. */
			s->left = true;
			s->width = s->width < -__INT_MAX__ ? __INT_MAX__ :
			    -s->width;
		}
		fmt++;
	} else
		s->width = fmt_atoi(&fmt);

	if (*fmt == '.') {
		fmt++;
		s->prec = 0;
		if (*fmt == '*') {
			/* A negative '*' precision counts as none. */
			s->prec = va_arg(*ap, int);
			if (s->prec < 0)
				s->prec = -1;
			fmt++;
		} else
			s->prec = fmt_atoi(&fmt);
	}

	if (fmt[0] == 'h' && fmt[1] == 'h') {
		s->len = 'H';
		fmt += 2;
	} else if (fmt[0] == 'l' && fmt[1] == 'l') {
		s->len = 'L';
		fmt += 2;
	} else if (*fmt == 'h' || *fmt == 'l' || *fmt == 'z' || *fmt == 'j' ||
	    *fmt == 't')
		s->len = *fmt++;
	return (fmt);
}

/*
 * Format fmt with the arguments in ap, handing each output character to
 * put(c, arg).  Returns the number of characters produced.  An unknown
 * conversion is copied to the output as written, so a bad format string
 * shows up in the text rather than consuming arguments.
 */
int
kvprintf(const char *fmt, void (*put)(int c, void *arg), void *arg,
    va_list ap)
{
	struct fmt_out o = { put, arg, 0 };
	struct fmt_spec s;
	const char *start;
	va_list aq;
	uintmax_t u;
	intmax_t v;
	char c;

	/* A copy, so helpers can advance it through a pointer portably. */
	va_copy(aq, ap);
	while (*fmt != '\0') {
		if (*fmt != '%') {
			fmt_putc(&o, *fmt++);
			continue;
		}
		start = fmt++;
		fmt = fmt_parse(fmt, &s, &aq);
		switch (c = *fmt) {
		case 'd':
		case 'i':
			v = fmt_arg_signed(&s, &aq);
			fmt_number(&o, &s, v < 0 ? -(uintmax_t)v : (uintmax_t)v,
			    v < 0, 10, false, NULL);
			break;
		case 'u':
			s.sign = 0;
			fmt_number(&o, &s, fmt_arg_unsigned(&s, &aq), false, 10,
			    false, NULL);
			break;
		case 'o':
			s.sign = 0;
			fmt_number(&o, &s, fmt_arg_unsigned(&s, &aq), false, 8,
			    false, NULL);
			break;
		case 'x':
		case 'X':
			s.sign = 0;
			u = fmt_arg_unsigned(&s, &aq);
			fmt_number(&o, &s, u, false, 16, c == 'X',
			    s.alt && u != 0 ? (c == 'X' ? "0X" : "0x") : NULL);
			break;
		case 'p':
			s.sign = 0;
			fmt_number(&o, &s, (uintptr_t)va_arg(aq, void *), false,
			    16, false, "0x");
			break;
		case 's':
			fmt_string(&o, &s, va_arg(aq, const char *));
			break;
		case 'c':
			fmt_pad(&o, ' ', s.left ? 0 : s.width - 1);
			fmt_putc(&o, (unsigned char)va_arg(aq, int));
			fmt_pad(&o, ' ', s.left ? s.width - 1 : 0);
			break;
		case '%':
			fmt_putc(&o, '%');
			break;
		default:
			while (start < fmt)
				fmt_putc(&o, *start++);
			if (c == '\0')
				continue;	/* a '%' ending the format */
			fmt_putc(&o, c);
			break;
		}
		fmt++;
	}
	va_end(aq);
	return (o.count);
}

/* Where kvsnprintf() is writing: buf[0..size-1], pos characters so far. */
struct snprintf_buf {
	char	*buf;
	size_t	size;
	size_t	pos;
};

/* kvprintf() sink that keeps the first size-1 characters. */
static void
snprintf_put(int c, void *arg)
{
	struct snprintf_buf *sb = arg;

	if (sb->pos + 1 < sb->size)
		sb->buf[sb->pos] = (char)c;
	sb->pos++;
}

/*
 * vsnprintf() with C99 semantics: writes at most size-1 characters and a
 * NUL into buf (nothing if size is 0) and returns the length the whole
 * output would have had.
 */
int
kvsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct snprintf_buf sb = { buf, size, 0 };
	int n;

	n = kvprintf(fmt, snprintf_put, &sb, ap);
	if (size > 0)
		buf[sb.pos < size ? sb.pos : size - 1] = '\0';
	return (n);
}

/* snprintf() with C99 semantics; see kvsnprintf(). */
int
ksnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = kvsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return (n);
}
