/*
 * The C string and memory functions the kernel uses, with their C99
 * contracts.  Byte loops, kept simple: the kernel copies pages with its own
 * routines, so these are not on a hot path.  The Makefile's -fno-builtin
 * keeps clang from turning the loops below back into calls to memset() and
 * memcpy(), which would recurse.
 */
#include "sys/systm.h"

/* Fill len bytes at b with (unsigned char)c; returns b. */
void *
memset(void *b, int c, size_t len)
{
	unsigned char *p = b;

	while (len-- > 0)
		*p++ = (unsigned char)c;
	return (b);
}

/* Copy len bytes from src to dst, which must not overlap; returns dst. */
void *
memcpy(void *dst, const void *src, size_t len)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	while (len-- > 0)
		*d++ = *s++;
	return (dst);
}

/*
 * Copy len bytes from src to dst, which may overlap; returns dst.  Copies
 * backwards when dst is above src so no byte is overwritten before it is
 * read.
 */
void *
memmove(void *dst, const void *src, size_t len)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if ((uintptr_t)d <= (uintptr_t)s ||
	    (uintptr_t)d >= (uintptr_t)s + len) {
		while (len-- > 0)
			*d++ = *s++;
	} else {
		d += len;
		s += len;
		while (len-- > 0)
			*--d = *--s;
	}
	return (dst);
}

/*
 * Compare len bytes as unsigned chars; returns <0, 0 or >0 as a sorts
 * before, equal to or after b.
 */
int
memcmp(const void *a, const void *b, size_t len)
{
	const unsigned char *p = a, *q = b;

	for (; len > 0; len--, p++, q++) {
		if (*p != *q)
			return (*p - *q);
	}
	return (0);
}

/* The number of characters before the terminating NUL of s. */
size_t
strlen(const char *s)
{
	const char *p = s;

	while (*p != '\0')
		p++;
	return (p - s);
}

/* Compare two strings as unsigned chars, like memcmp(). */
int
strcmp(const char *a, const char *b)
{
	while (*a != '\0' && *a == *b) {
		a++;
		b++;
	}
	return ((unsigned char)*a - (unsigned char)*b);
}

/* strcmp() of at most the first len characters. */
int
strncmp(const char *a, const char *b, size_t len)
{
	for (; len > 0; len--, a++, b++) {
		if (*a != *b || *a == '\0')
			return ((unsigned char)*a - (unsigned char)*b);
	}
	return (0);
}

/*
 * The first occurrence of (char)c in s, or NULL; c == '\0' finds the
 * terminator, as C99 says.
 */
char *
strchr(const char *s, int c)
{
	for (;; s++) {
		if (*s == (char)c)
			return ((char *)s);
		if (*s == '\0')
			return (NULL);
	}
}

/*
 * Copy src into dst of size bytes, always NUL-terminating when size > 0;
 * returns strlen(src), so truncation shows as a result >= size.
 */
size_t
strlcpy(char *dst, const char *src, size_t size)
{
	size_t len = strlen(src);

	if (size > 0) {
		size_t n = len < size - 1 ? len : size - 1;

		memcpy(dst, src, n);
		dst[n] = '\0';
	}
	return (len);
}

/* The last occurrence of c in s (c may be NUL), or NULL. */
char *
strrchr(const char *s, int c)
{
	const char *last = NULL;

	for (;; s++) {
		if (*s == (char)c)
			last = s;
		if (*s == '\0')
			return ((char *)last);
	}
}
