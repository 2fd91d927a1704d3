/* Searching: strchr, strrchr, strstr, strspn, strcspn, strpbrk. */
#include <string.h>

/* The first c in s (c may be NUL), or NULL. */
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

/* The last c in s (c may be NUL), or NULL. */
char *
strrchr(const char *s, int c)
{
	const char *last;

	for (last = NULL;; s++) {
		if (*s == (char)c)
			last = s;
		if (*s == '\0')
			return ((char *)last);
	}
}

/* The first occurrence of needle in haystack, or NULL; "" is found at once. */
char *
strstr(const char *haystack, const char *needle)
{
	size_t n;

	n = strlen(needle);
	for (; *haystack != '\0' || n == 0; haystack++)
		if (strncmp(haystack, needle, n) == 0)
			return ((char *)haystack);
	return (NULL);
}

/* The length of s's prefix made of bytes in accept. */
size_t
strspn(const char *s, const char *accept)
{
	size_t n;

	for (n = 0; s[n] != '\0' && strchr(accept, s[n]) != NULL; n++)
		continue;
	return (n);
}

/* The length of s's prefix made of bytes not in reject. */
size_t
strcspn(const char *s, const char *reject)
{
	size_t n;

	for (n = 0; s[n] != '\0' && strchr(reject, s[n]) == NULL; n++)
		continue;
	return (n);
}

/* The first byte of s that is in accept, or NULL. */
char *
strpbrk(const char *s, const char *accept)
{

	s += strcspn(s, accept);
	return (*s != '\0' ? (char *)s : NULL);
}
