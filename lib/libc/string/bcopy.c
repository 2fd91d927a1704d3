/* The BSD byte-string calls: bcopy, bzero, bcmp, and ffs. */
#include <string.h>
#include <strings.h>

/* memmove with the arguments swapped. */
void
bcopy(const void *src, void *dst, size_t n)
{

	memmove(dst, src, n);
}

/* Zero n bytes at dst. */
void
bzero(void *dst, size_t n)
{

	memset(dst, 0, n);
}

/* 0 if the n bytes at a and b are equal, non-zero if not. */
int
bcmp(const void *a, const void *b, size_t n)
{

	return (memcmp(a, b, n));
}

/* The 1-based index of the lowest set bit of i, or 0 if none. */
int
ffs(int i)
{

	return (__builtin_ffs(i));
}
