/*
 * memcpy(3) and memmove(3).  Copies go eight bytes at a time when source
 * and destination are equally aligned, else a byte at a time.
 */
#include <stdint.h>
#include <string.h>

/* Copy n bytes forwards; overlap is allowed if dst is below src. */
static void
copy_forward(unsigned char *d, const unsigned char *s, size_t n)
{

	if ((((uintptr_t)d ^ (uintptr_t)s) & 7) == 0) {
		for (; n > 0 && ((uintptr_t)d & 7) != 0; n--)
			*d++ = *s++;
		for (; n >= 8; n -= 8, d += 8, s += 8)
			*(uint64_t *)d = *(const uint64_t *)s;
	}
	for (; n > 0; n--)
		*d++ = *s++;
}

/* Copy n bytes backwards, for overlapping moves up. */
static void
copy_backward(unsigned char *d, const unsigned char *s, size_t n)
{

	d += n;
	s += n;
	if ((((uintptr_t)d ^ (uintptr_t)s) & 7) == 0) {
		for (; n > 0 && ((uintptr_t)d & 7) != 0; n--)
			*--d = *--s;
		for (; n >= 8; n -= 8) {
			d -= 8;
			s -= 8;
			*(uint64_t *)d = *(const uint64_t *)s;
		}
	}
	for (; n > 0; n--)
		*--d = *--s;
}

/* Copy n bytes from src to dst, which must not overlap.  Returns dst. */
void *
memcpy(void *dst, const void *src, size_t n)
{

	copy_forward(dst, src, n);
	return (dst);
}

/* Copy n bytes from src to dst, which may overlap.  Returns dst. */
void *
memmove(void *dst, const void *src, size_t n)
{

	if ((uintptr_t)dst - (uintptr_t)src >= n)
		copy_forward(dst, src, n);
	else
		copy_backward(dst, src, n);
	return (dst);
}
