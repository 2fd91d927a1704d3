/*
 * Character classes of the "C" locale.  Arguments outside 0..127 (EOF and
 * bytes with the top bit set) belong to no class.
 */
#include <ctype.h>

/* Decimal digit. */
int
isdigit(int c)
{

	return (c >= '0' && c <= '9');
}

/* Lower-case letter. */
int
islower(int c)
{

	return (c >= 'a' && c <= 'z');
}

/* Upper-case letter. */
int
isupper(int c)
{

	return (c >= 'A' && c <= 'Z');
}

/* Letter. */
int
isalpha(int c)
{

	return (islower(c) || isupper(c));
}

/* Letter or digit. */
int
isalnum(int c)
{

	return (isalpha(c) || isdigit(c));
}

/* Space or tab. */
int
isblank(int c)
{

	return (c == ' ' || c == '\t');
}

/* Control character: 0..31 and DEL. */
int
iscntrl(int c)
{

	return ((c >= 0 && c < ' ') || c == 0x7f);
}

/* Printing character other than space. */
int
isgraph(int c)
{

	return (c > ' ' && c < 0x7f);
}

/* Printing character, space included. */
int
isprint(int c)
{

	return (c >= ' ' && c < 0x7f);
}

/* Printing character that is neither a letter, a digit nor space. */
int
ispunct(int c)
{

	return (isgraph(c) && !isalnum(c));
}

/* White space: space, \t, \n, \v, \f, \r. */
int
isspace(int c)
{

	return (c == ' ' || (c >= '\t' && c <= '\r'));
}

/* Hexadecimal digit. */
int
isxdigit(int c)
{

	return (isdigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'));
}

/* The lower-case form of an upper-case letter; anything else unchanged. */
int
tolower(int c)
{

	return (isupper(c) ? c - 'A' + 'a' : c);
}

/* The upper-case form of a lower-case letter; anything else unchanged. */
int
toupper(int c)
{

	return (islower(c) ? c - 'a' + 'A' : c);
}
