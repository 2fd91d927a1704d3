/* Copying and appending: strcpy, strncpy, strcat, strncat, strlcpy, strlcat. */
#include <string.h>

/* Copy src and its NUL to dst.  Returns dst. */
char *
strcpy(char *dst, const char *src)
{
	char *d = dst;

	while ((*d++ = *src++) != '\0')
		continue;
	return (dst);
}

/*
 * Copy at most n bytes of src to dst and pad with NULs to n bytes; dst is
 * not NUL-terminated if src is n bytes or longer.  Returns dst.
 */
char *
strncpy(char *dst, const char *src, size_t n)
{
	size_t i;

	for (i = 0; i < n && src[i] != '\0'; i++)
		dst[i] = src[i];
	for (; i < n; i++)
		dst[i] = '\0';
	return (dst);
}

/* Append src to dst.  Returns dst. */
char *
strcat(char *dst, const char *src)
{

	strcpy(dst + strlen(dst), src);
	return (dst);
}

/* Append at most n bytes of src, and a NUL, to dst.  Returns dst. */
char *
strncat(char *dst, const char *src, size_t n)
{
	char *d;

	for (d = dst + strlen(dst); n > 0 && *src != '\0'; n--)
		*d++ = *src++;
	*d = '\0';
	return (dst);
}

/*
 * Copy src into the size-byte buffer dst, cutting it to fit and always
 * NUL-terminating (if size > 0).  Returns strlen(src): >= size means cut.
 */
size_t
strlcpy(char *dst, const char *src, size_t size)
{
	size_t len;

	len = strlen(src);
	if (size != 0) {
		size = len < size ? len : size - 1;
		memcpy(dst, src, size);
		dst[size] = '\0';
	}
	return (len);
}

/*
 * Append src to the string in the size-byte buffer dst, cutting to fit.
 * Returns the length the whole result would have: >= size means cut.
 */
size_t
strlcat(char *dst, const char *src, size_t size)
{
	size_t dlen;

	dlen = strnlen(dst, size);
	if (dlen == size)
		return (size + strlen(src));
	return (dlen + strlcpy(dst + dlen, src, size - dlen));
}
