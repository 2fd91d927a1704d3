/* strdup(3) and strndup(3). */
#include <stdlib.h>
#include <string.h>

/* A malloc'ed copy of s, or NULL with errno ENOMEM. */
char *
strdup(const char *s)
{

	return (strndup(s, (size_t)-1));
}

/* A malloc'ed copy of at most n bytes of s, NUL-terminated, or NULL. */
char *
strndup(const char *s, size_t n)
{
	char *p;

	n = strnlen(s, n);
	if ((p = malloc(n + 1)) == NULL)
		return (NULL);
	memcpy(p, s, n);
	p[n] = '\0';
	return (p);
}
