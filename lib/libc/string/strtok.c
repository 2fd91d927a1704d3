/* Splitting strings: strsep, strtok_r, strtok. */
#include <string.h>

/*
 * Cut the next token off *sp at the first byte in delim, which becomes a
 * NUL; *sp moves past it, or to NULL after the last token.  Empty tokens
 * are returned.  NULL once *sp is NULL.
 */
char *
strsep(char **sp, const char *delim)
{
	char *tok, *end;

	if ((tok = *sp) == NULL)
		return (NULL);
	end = tok + strcspn(tok, delim);
	if (*end == '\0')
		*sp = NULL;
	else {
		*end = '\0';
		*sp = end + 1;
	}
	return (tok);
}

/*
 * The next non-empty token of s (or, if s is NULL, of the string being
 * split, kept in *last), with the delimiter after it made a NUL.  NULL
 * when no tokens remain.
 */
char *
strtok_r(char *s, const char *delim, char **last)
{
	char *end;

	if (s == NULL && (s = *last) == NULL)
		return (NULL);
	s += strspn(s, delim);
	if (*s == '\0') {
		*last = NULL;
		return (NULL);
	}
	end = s + strcspn(s, delim);
	if (*end == '\0')
		*last = NULL;
	else {
		*end = '\0';
		*last = end + 1;
	}
	return (s);
}

/* strtok_r with its state in a static: not thread-safe. */
char *
strtok(char *s, const char *delim)
{
	static char *last;

	return (strtok_r(s, delim, &last));
}
