/* String comparison: strcmp, strncmp, strcasecmp, strncasecmp. */
#include <ctype.h>
#include <string.h>
#include <strings.h>

/* <0, 0 or >0 as a sorts before, with or after b (bytes unsigned). */
int
strcmp(const char *a, const char *b)
{

	for (; *a == *b; a++, b++)
		if (*a == '\0')
			return (0);
	return ((unsigned char)*a - (unsigned char)*b);
}

/* strcmp of at most the first n bytes. */
int
strncmp(const char *a, const char *b, size_t n)
{

	for (; n > 0; n--, a++, b++) {
		if (*a != *b)
			return ((unsigned char)*a - (unsigned char)*b);
		if (*a == '\0')
			break;
	}
	return (0);
}

/* strcmp ignoring ASCII case. */
int
strcasecmp(const char *a, const char *b)
{

	return (strncasecmp(a, b, (size_t)-1));
}

/* strncmp ignoring ASCII case. */
int
strncasecmp(const char *a, const char *b, size_t n)
{
	int ca, cb;

	for (; n > 0; n--, a++, b++) {
		ca = tolower((unsigned char)*a);
		cb = tolower((unsigned char)*b);
		if (ca != cb)
			return (ca - cb);
		if (ca == '\0')
			break;
	}
	return (0);
}
