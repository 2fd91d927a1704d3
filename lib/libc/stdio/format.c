/*
 * The printf engine (see format.h).  A directive is parsed into a struct
 * spec, its argument fetched by length modifier, and one of fmt_int,
 * fmt_str or fmt_float writes it padded to the field width.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "format.h"

#define	F_LEFT		0x01	/* '-': pad on the right */
#define	F_PLUS		0x02	/* '+': always show a sign */
#define	F_SPACE		0x04	/* ' ': space where a '+' would go */
#define	F_ALT		0x08	/* '#': alternate form */
#define	F_ZERO		0x10	/* '0': pad numbers with zeros */

enum length { LEN_INT, LEN_CHAR, LEN_SHORT, LEN_LONG, LEN_LLONG, LEN_MAX,
    LEN_SIZE, LEN_PTRDIFF };

struct spec {
	int	flags;		/* F_* */
	int	width;		/* minimum field width; 0 for none */
	int	prec;		/* precision; -1 for none */
	char	conv;		/* the conversion character */
};

struct out {
	struct __fmt_sink *sink;
	size_t	total;		/* bytes produced so far */
};

/* Pass n bytes to the sink and count them. */
static void
emit(struct out *o, const char *s, size_t n)
{

	if (n != 0) {
		o->sink->fs_put(o->sink, s, n);
		o->total += n;
	}
}

/* n copies of c. */
static void
emit_fill(struct out *o, char c, int n)
{
	char buf[32];
	int i, k;

	for (i = 0; i < (int)sizeof(buf); i++)
		buf[i] = c;
	for (; n > 0; n -= k) {
		k = n < (int)sizeof(buf) ? n : (int)sizeof(buf);
		emit(o, buf, k);
	}
}

/*
 * Write a field whose body is prefix, zeros '0's, then body (len bytes),
 * padding it to the field width: with spaces on the left or (F_LEFT) the
 * right, or with zeros after the prefix when zero_pad is set.
 */
static void
emit_field(struct out *o, const struct spec *sp, const char *prefix,
    int zeros, const char *body, size_t len, bool zero_pad)
{
	size_t plen, total;
	int pad;

	for (plen = 0; prefix[plen] != '\0'; plen++)
		continue;
	total = plen + zeros + len;
	pad = (size_t)sp->width > total ? sp->width - (int)total : 0;
	if (zero_pad && (sp->flags & F_LEFT) == 0) {
		zeros += pad;
		pad = 0;
	}
	if ((sp->flags & F_LEFT) == 0)
		emit_fill(o, ' ', pad);
	emit(o, prefix, plen);
	emit_fill(o, '0', zeros);
	emit(o, body, len);
	if (sp->flags & F_LEFT)
		emit_fill(o, ' ', pad);
}

/* The sign prefix of a signed conversion: "-", "+", " " or "". */
static const char *
sign_prefix(const struct spec *sp, bool neg)
{

	if (neg)
		return ("-");
	if (sp->flags & F_PLUS)
		return ("+");
	if (sp->flags & F_SPACE)
		return (" ");
	return ("");
}

/* d i u o x X p: v is the magnitude, neg its sign for d and i. */
static void
fmt_int(struct out *o, const struct spec *sp, uintmax_t v, bool neg)
{
	const char *digits, *prefix;
	char buf[24];		/* 22 octal digits hold 64 bits */
	unsigned int base;
	int n, prec;

	digits = sp->conv == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
	base = sp->conv == 'o' ? 8 : (sp->conv == 'x' || sp->conv == 'X' ||
	    sp->conv == 'p') ? 16 : 10;
	prefix = "";
	if (sp->conv == 'd' || sp->conv == 'i')
		prefix = sign_prefix(sp, neg);
	else if (sp->conv == 'p' ||
	    ((sp->flags & F_ALT) && v != 0 && base == 16))
		prefix = sp->conv == 'X' ? "0X" : "0x";

	n = 0;
	for (; v != 0; v /= base)
		buf[sizeof(buf) - ++n] = digits[v % base];
	/* The default precision is 1: zero prints as "0" unless it is ".0". */
	prec = sp->prec < 0 ? 1 : sp->prec;
	/* '#' with o makes the first digit a zero. */
	if (sp->conv == 'o' && (sp->flags & F_ALT) && prec <= n)
		prec = n + 1;
	emit_field(o, sp, prefix, prec > n ? prec - n : 0,
	    buf + sizeof(buf) - n, n,
	    (sp->flags & F_ZERO) && sp->prec < 0);
}

/* s and c: len bytes of s. */
static void
fmt_str(struct out *o, const struct spec *sp, const char *s, size_t len)
{

	emit_field(o, sp, "", 0, s, len, false);
}

/*
 * The exact decimal expansion of a positive finite double, to DEC_DIGITS
 * significant digits: value = d[0].d[1]d[2]... x 10^exp, with no trailing
 * zeros in d; n == 0 means zero.  more is set if non-zero digits follow
 * the stored ones.  DEC_DIGITS covers every digit a conversion can print:
 * at most 513 for %e and %g (the precision is capped at 512), and for %f
 * at most 16 integer digits plus 512 fraction digits when there is a
 * fraction at all (a double >= 2^53 has none).
 */
#define	DEC_DIGITS	530

struct decimal {
	char	d[DEC_DIGITS];
	int	n;
	int	exp;
	bool	more;
};

/* Append digit c to dec, or note that more non-zero digits follow. */
static void
put_digit(struct decimal *dec, int c)
{

	if (dec->n < DEC_DIGITS)
		dec->d[dec->n++] = '0' + c;
	else if (c != 0)
		dec->more = true;
}

/*
 * Expand v > 0 exactly.  v = mant * 2^e.  The integer part is built in
 * base 10^9 limbs by doubling (29 bits at a time, so no limb overflows);
 * the fraction, at most 1074 bits, is kept as 32-bit words after the
 * binary point and multiplied by 10 to yield each next digit.
 */
static void
to_decimal(double v, struct decimal *dec)
{
	uint32_t limbs[40];	/* integer part, base 10^9, least first */
	uint32_t frac[34];	/* fraction, most significant word first */
	uint64_t bits, mant, t, carry, f;
	int e, i, j, k, nl, nw, sh;
	char buf[9];

	__builtin_memcpy(&bits, &v, sizeof(bits));
	mant = bits & ((1ULL << 52) - 1);
	e = (int)(bits >> 52) & 0x7ff;
	if (e == 0)
		e = -1074;			/* subnormal */
	else {
		mant |= 1ULL << 52;
		e -= 1075;
	}

	/* The integer part: mant << e, or mant >> -e. */
	t = e >= 0 ? mant : -e < 64 ? mant >> -e : 0;
	for (nl = 0; t != 0; t /= 1000000000)
		limbs[nl++] = t % 1000000000;
	for (i = e; i > 0; i -= k) {
		k = i < 29 ? i : 29;
		carry = 0;
		for (j = 0; j < nl; j++) {
			t = ((uint64_t)limbs[j] << k) + carry;
			limbs[j] = t % 1000000000;
			carry = t / 1000000000;
		}
		for (; carry != 0; carry /= 1000000000)
			limbs[nl++] = carry % 1000000000;
	}

	/*
	 * The fraction: the low -e bits f of mant, shifted left by sh so the
	 * binary point sits just above frac[0]; f << sh spans at most the
	 * three lowest words.
	 */
	nw = 0;
	if (e < 0) {
		f = -e < 64 ? mant & ((1ULL << -e) - 1) : mant;
		nw = (-e + 31) / 32;
		sh = nw * 32 + e;
		for (i = 0; i < nw; i++)
			frac[i] = 0;
		frac[nw - 1] = (uint32_t)(f << sh);
		if (nw >= 2)
			frac[nw - 2] = (uint32_t)(f >> (32 - sh));
		if (nw >= 3 && sh != 0)
			frac[nw - 3] = (uint32_t)(f >> (64 - sh));
	}

	dec->n = 0;
	dec->more = false;
	dec->exp = -1;		/* the first fraction digit's place */
	if (nl > 0) {
		for (t = limbs[nl - 1], dec->exp = (nl - 1) * 9 - 1; t != 0;
		    t /= 10)
			dec->exp++;
		for (i = nl - 1; i >= 0; i--) {
			for (k = 8, t = limbs[i]; k >= 0; k--, t /= 10)
				buf[k] = '0' + t % 10;
			/* The top limb's leading zeros are not digits. */
			for (k = i == nl - 1 ? 8 - dec->exp % 9 : 0; k < 9; k++)
				put_digit(dec, buf[k] - '0');
		}
	}
	while (nw > 0) {
		if (dec->n == DEC_DIGITS) {
			dec->more = true;	/* frac is not zero yet */
			break;
		}
		carry = 0;
		for (i = nw - 1; i >= 0; i--) {
			t = (uint64_t)frac[i] * 10 + carry;
			frac[i] = (uint32_t)t;
			carry = t >> 32;
		}
		if (dec->n > 0 || carry != 0)
			put_digit(dec, (int)carry);
		else
			dec->exp--;		/* a leading zero of the fraction */
		while (nw > 0 && frac[nw - 1] == 0)
			nw--;			/* zero low words stay zero */
	}
	while (dec->n > 0 && dec->d[dec->n - 1] == '0')
		dec->n--;
}

/*
 * Round dec to n significant digits, to nearest with ties to even as the
 * host's printf does in the default rounding mode; n <= 0 may round to
 * zero.
 */
static void
round_decimal(struct decimal *dec, int n)
{
	bool up;
	char c;
	int i;

	if (n >= dec->n)
		return;
	c = n >= 0 ? dec->d[n] : '0';
	up = c > '5' || (c == '5' && (dec->more || n + 1 < dec->n ||
	    (n > 0 && (dec->d[n - 1] - '0') % 2 == 1)));
	if (n < 0)
		n = 0;
	dec->n = n;
	dec->more = false;
	if (up) {
		for (i = n - 1; i >= 0 && dec->d[i] == '9'; i--)
			continue;
		if (i < 0) {
			dec->d[0] = '1';
			dec->n = 1;
			dec->exp++;
		} else {
			dec->d[i]++;
			dec->n = i + 1;
		}
	}
	while (dec->n > 0 && dec->d[dec->n - 1] == '0')
		dec->n--;
	if (dec->n == 0)
		dec->exp = 0;
}

/* The digit of dec for 10^pos. */
static char
digit_at(const struct decimal *dec, int pos)
{
	int i;

	i = dec->exp - pos;
	return (i >= 0 && i < dec->n ? dec->d[i] : '0');
}

/*
 * dec in %f style with prec fraction digits (and a point if prec > 0 or
 * point) into buf, which must hold 310 + prec bytes.  Returns the length.
 */
static size_t
render_fixed(char *buf, const struct decimal *dec, int prec, bool point)
{
	size_t len;
	int pos;

	len = 0;
	for (pos = dec->exp > 0 ? dec->exp : 0; pos >= 0; pos--)
		buf[len++] = digit_at(dec, pos);
	if (prec > 0 || point)
		buf[len++] = '.';
	for (pos = -1; pos >= -prec; pos--)
		buf[len++] = digit_at(dec, pos);
	return (len);
}

/*
 * dec in %e style, d.ddde+XX with prec fraction digits, into buf (prec +
 * 8 bytes).  Returns the length.
 */
static size_t
render_exp(char *buf, const struct decimal *dec, int prec, bool point,
    bool upper)
{
	size_t len;
	int e, pos;

	len = 0;
	buf[len++] = digit_at(dec, dec->exp);
	if (prec > 0 || point)
		buf[len++] = '.';
	for (pos = 1; pos <= prec; pos++)
		buf[len++] = digit_at(dec, dec->exp - pos);
	buf[len++] = upper ? 'E' : 'e';
	e = dec->exp;
	buf[len++] = e < 0 ? '-' : '+';
	if (e < 0)
		e = -e;
	if (e >= 100)
		buf[len++] = '0' + e / 100;
	buf[len++] = '0' + e / 10 % 10;
	buf[len++] = '0' + e % 10;
	return (len);
}

/*
 * f F e E g G.  Precision is capped at 512 fraction digits, far past the
 * 17 significant ones a double has.
 */
static void
fmt_float(struct out *o, const struct spec *sp, double v)
{
	char buf[330 + 512];	/* 309 integer digits, '.', 512 fraction digits */
	struct decimal dec;
	const char *prefix;
	bool alt, neg, upper;
	size_t len;
	int prec, p, x;
	char c;

	c = sp->conv;
	upper = c == 'F' || c == 'E' || c == 'G';
	alt = (sp->flags & F_ALT) != 0;
	neg = __builtin_signbit(v) != 0;
	prefix = sign_prefix(sp, neg);
	if (v != v || v - v != 0) {	/* NaN, or infinite */
		emit_field(o, sp, prefix, 0, v != v ? (upper ? "NAN" : "nan") :
		    (upper ? "INF" : "inf"), 3, false);
		return;
	}
	if (neg)
		v = -v;
	prec = sp->prec < 0 ? 6 : sp->prec > 512 ? 512 : sp->prec;
	dec.n = 0;
	dec.exp = 0;
	dec.more = false;
	if (v != 0)
		to_decimal(v, &dec);

	if (c == 'g' || c == 'G') {
		/*
		 * p significant digits, in %e style if the exponent is below
		 * -4 or at least p, else in %f style; without '#', trailing
		 * zeros of the fraction are dropped.
		 */
		p = prec == 0 ? 1 : prec;
		round_decimal(&dec, p);
		x = dec.exp;
		if (x >= -4 && x < p) {
			prec = p - 1 - x;
			if (!alt && prec > dec.n - 1 - x)
				prec = dec.n - 1 - x > 0 ? dec.n - 1 - x : 0;
			c = 'f';
		} else {
			prec = p - 1;
			if (!alt && prec > dec.n - 1)
				prec = dec.n - 1 > 0 ? dec.n - 1 : 0;
			c = 'e';
		}
	}
	if (c == 'f' || c == 'F') {
		round_decimal(&dec, dec.exp + 1 + prec);
		len = render_fixed(buf, &dec, prec, alt);
	} else {
		round_decimal(&dec, prec + 1);
		len = render_exp(buf, &dec, prec, alt, upper);
	}
	emit_field(o, sp, prefix, 0, buf, len, (sp->flags & F_ZERO) != 0);
}

/* The signed integer argument of length len. */
static intmax_t
arg_int(va_list *ap, enum length len)
{

	switch (len) {
	case LEN_CHAR:
		return ((signed char)va_arg(*ap, int));
	case LEN_SHORT:
		return ((short)va_arg(*ap, int));
	case LEN_LONG:
		return (va_arg(*ap, long));
	case LEN_LLONG:
		return (va_arg(*ap, long long));
	case LEN_MAX:
		return (va_arg(*ap, intmax_t));
	case LEN_SIZE:
		return (va_arg(*ap, ptrdiff_t));  /* signed size_t */
	case LEN_PTRDIFF:
		return (va_arg(*ap, ptrdiff_t));
	default:
		return (va_arg(*ap, int));
	}
}

/* The unsigned integer argument of length len. */
static uintmax_t
arg_uint(va_list *ap, enum length len)
{

	switch (len) {
	case LEN_CHAR:
		return ((unsigned char)va_arg(*ap, unsigned int));
	case LEN_SHORT:
		return ((unsigned short)va_arg(*ap, unsigned int));
	case LEN_LONG:
		return (va_arg(*ap, unsigned long));
	case LEN_LLONG:
		return (va_arg(*ap, unsigned long long));
	case LEN_MAX:
		return (va_arg(*ap, uintmax_t));
	case LEN_SIZE:
		return (va_arg(*ap, size_t));
	case LEN_PTRDIFF:
		return ((uintmax_t)va_arg(*ap, ptrdiff_t));
	default:
		return (va_arg(*ap, unsigned int));
	}
}

/* The decimal number at *fmt (at most 9999999), advancing *fmt past it. */
static int
parse_num(const char **fmt)
{
	int n;

	for (n = 0; **fmt >= '0' && **fmt <= '9'; (*fmt)++)
		if (n < 9999999)
			n = n * 10 + (**fmt - '0');
	return (n);
}

/* The length modifier at *fmt, advancing *fmt past it. */
static enum length
parse_length(const char **fmt)
{

	switch (**fmt) {
	case 'h':
		if ((*fmt)[1] == 'h') {
			*fmt += 2;
			return (LEN_CHAR);
		}
		(*fmt)++;
		return (LEN_SHORT);
	case 'l':
		if ((*fmt)[1] == 'l') {
			*fmt += 2;
			return (LEN_LLONG);
		}
		(*fmt)++;
		return (LEN_LONG);
	case 'q':
		(*fmt)++;
		return (LEN_LLONG);
	case 'j':
		(*fmt)++;
		return (LEN_MAX);
	case 'z':
		(*fmt)++;
		return (LEN_SIZE);
	case 't':
		(*fmt)++;
		return (LEN_PTRDIFF);
	default:
		return (LEN_INT);
	}
}

/* Format into sink; see format.h. */
size_t
__libc_format(struct __fmt_sink *sink, const char *fmt, va_list ap0)
{
	struct out o;
	struct spec sp;
	const char *dir, *s;
	enum length len;
	va_list ap;
	intmax_t sv;
	size_t n;
	char c;

	o.sink = sink;
	o.total = 0;
	/* A copy, so helpers can take its address on every ABI. */
	va_copy(ap, ap0);
	for (;;) {
		for (s = fmt; *fmt != '\0' && *fmt != '%'; fmt++)
			continue;
		emit(&o, s, fmt - s);
		if (*fmt == '\0')
			break;
		dir = fmt++;

		sp.flags = 0;
		for (;; fmt++) {
			if (*fmt == '-')
				sp.flags |= F_LEFT;
			else if (*fmt == '+')
				sp.flags |= F_PLUS;
			else if (*fmt == ' ')
				sp.flags |= F_SPACE;
			else if (*fmt == '#')
				sp.flags |= F_ALT;
			else if (*fmt == '0')
				sp.flags |= F_ZERO;
			else
				break;
		}
		if (*fmt == '*') {
			fmt++;
			sp.width = va_arg(ap, int);
			if (sp.width < 0) {
				sp.flags |= F_LEFT;
				sp.width = sp.width < -9999999 ? 9999999 :
				    -sp.width;
			}
		} else
			sp.width = parse_num(&fmt);
		sp.prec = -1;
		if (*fmt == '.') {
			fmt++;
			if (*fmt == '*') {
				fmt++;
				sp.prec = va_arg(ap, int);
				if (sp.prec < 0)
					sp.prec = -1;
			} else
				sp.prec = parse_num(&fmt);
		}
		len = parse_length(&fmt);
		sp.conv = *fmt;
		if (sp.conv == '\0') {
			emit(&o, dir, fmt - dir);
			break;
		}
		fmt++;

		switch (sp.conv) {
		case 'd':
		case 'i':
			sv = arg_int(&ap, len);
			fmt_int(&o, &sp, sv < 0 ? -(uintmax_t)sv : (uintmax_t)sv,
			    sv < 0);
			break;
		case 'u':
		case 'o':
		case 'x':
		case 'X':
			fmt_int(&o, &sp, arg_uint(&ap, len), false);
			break;
		case 'p':
			fmt_int(&o, &sp, (uintptr_t)va_arg(ap, void *), false);
			break;
		case 'c':
			c = (char)va_arg(ap, int);
			fmt_str(&o, &sp, &c, 1);
			break;
		case 's':
			s = va_arg(ap, const char *);
			if (s == NULL)
				s = "(null)";
			/* Read no further than the precision allows. */
			for (n = 0; (sp.prec < 0 || n < (size_t)sp.prec) &&
			    s[n] != '\0'; n++)
				continue;
			fmt_str(&o, &sp, s, n);
			break;
		case 'f':
		case 'F':
		case 'e':
		case 'E':
		case 'g':
		case 'G':
			fmt_float(&o, &sp, va_arg(ap, double));
			break;
		case '%':
			emit(&o, "%", 1);
			break;
		default:
			emit(&o, dir, fmt - dir);
			break;
		}
	}
	va_end(ap);
	return (o.total);
}
