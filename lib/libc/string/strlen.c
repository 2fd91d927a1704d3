/*
 * strlen(3) and strnlen(3), a byte at a time, so they never read a byte
 * past the NUL: nothing beyond the string can fault on an MTE tag or trip
 * the host tests' address sanitizer.
 */
#include <string.h>

/* The number of bytes before s's NUL. */
size_t
strlen(const char *s)
{
	const char *p;

	for (p = s; *p != '\0'; p++)
		continue;
	return (p - s);
}

/* strlen(s), but reading at most max bytes. */
size_t
strnlen(const char *s, size_t max)
{
	size_t n;

	for (n = 0; n < max && s[n] != '\0'; n++)
		continue;
	return (n);
}
