/* memcmp(3) and memchr(3). */
#include <string.h>

/*
 * <0, 0 or >0 as the first differing byte of a is below or above b's
 * (compared unsigned), or 0 if the n bytes are equal.
 */
int
memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *p = a, *q = b;

	for (; n > 0; n--, p++, q++)
		if (*p != *q)
			return (*p - *q);
	return (0);
}

/* The first of n bytes at s equal to (unsigned char)c, or NULL. */
void *
memchr(const void *s, int c, size_t n)
{
	const unsigned char *p = s;

	for (; n > 0; n--, p++)
		if (*p == (unsigned char)c)
			return ((void *)p);
	return (NULL);
}
