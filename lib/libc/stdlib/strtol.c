/*
 * String to integer: strtol, strtoul, strtoll, strtoull, atoi, atol,
 * atoll.  One parser, strtou64(), does the work; the callers clamp.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

/*
 * Parse [space][sign][0x|0]digits in base (0 or 2..36; 0 picks 8, 10 or
 * 16 from the prefix).  Sets *neg for a '-', *overflow if the magnitude
 * exceeds UINT64_MAX (then returns UINT64_MAX), *endp to just past the
 * number, or to s with *valid false and errno EINVAL if there is none
 * (FreeBSD's choice; C leaves errno alone there).
 */
static uint64_t
strtou64(const char *s, char **endp, int base, bool *neg, bool *overflow,
    bool *valid)
{
	const char *p;
	uint64_t v;
	int d;

	*neg = *overflow = *valid = false;
	if (base < 0 || base == 1 || base > 36) {
		if (endp != NULL)
			*endp = (char *)s;
		errno = EINVAL;
		return (0);
	}
	p = s;
	while (isspace((unsigned char)*p))
		p++;
	if (*p == '-' || *p == '+')
		*neg = *p++ == '-';
	/* "0x" counts as a prefix only if a hex digit follows it. */
	if ((base == 0 || base == 16) && p[0] == '0' &&
	    (p[1] == 'x' || p[1] == 'X') && isxdigit((unsigned char)p[2])) {
		p += 2;
		base = 16;
	} else if (base == 0)
		base = p[0] == '0' ? 8 : 10;

	v = 0;
	for (;; p++) {
		if (isdigit((unsigned char)*p))
			d = *p - '0';
		else if (isalpha((unsigned char)*p))
			d = tolower((unsigned char)*p) - 'a' + 10;
		else
			break;
		if (d >= base)
			break;
		*valid = true;
		if (v > (UINT64_MAX - d) / base)
			*overflow = true;
		else
			v = v * base + d;
	}
	if (endp != NULL)
		*endp = (char *)(*valid ? p : s);
	if (!*valid)
		errno = EINVAL;
	return (*overflow ? UINT64_MAX : v);
}

/*
 * The number at s as a long long; out of range gives LLONG_MIN or
 * LLONG_MAX and errno ERANGE, no number or a bad base 0 and errno EINVAL.
 */
long long
strtoll(const char *s, char **endp, int base)
{
	bool neg, overflow, valid;
	uint64_t v;

	v = strtou64(s, endp, base, &neg, &overflow, &valid);
	if (!neg && (overflow || v > (uint64_t)LLONG_MAX)) {
		errno = ERANGE;
		return (LLONG_MAX);
	}
	if (neg && (overflow || v > (uint64_t)LLONG_MAX + 1)) {
		errno = ERANGE;
		return (LLONG_MIN);
	}
	return (neg ? (long long)(0 - v) : (long long)v);
}

/* As strtoll, for long (the same size on LP64). */
long
strtol(const char *s, char **endp, int base)
{

	return (strtoll(s, endp, base));
}

/*
 * The number at s as an unsigned long long; a '-' negates it modulo 2^64
 * as C requires.  Out of range gives ULLONG_MAX and errno ERANGE.
 */
unsigned long long
strtoull(const char *s, char **endp, int base)
{
	bool neg, overflow, valid;
	uint64_t v;

	v = strtou64(s, endp, base, &neg, &overflow, &valid);
	if (overflow) {
		errno = ERANGE;
		return (ULLONG_MAX);
	}
	return (neg ? 0 - v : v);
}

/* As strtoull, for unsigned long. */
unsigned long
strtoul(const char *s, char **endp, int base)
{

	return (strtoull(s, endp, base));
}

/* strtol(s, NULL, 10) as an int (truncated, like FreeBSD's). */
int
atoi(const char *s)
{

	return ((int)strtol(s, NULL, 10));
}

/* strtol(s, NULL, 10). */
long
atol(const char *s)
{

	return (strtol(s, NULL, 10));
}

/* strtoll(s, NULL, 10). */
long long
atoll(const char *s)
{

	return (strtoll(s, NULL, 10));
}
