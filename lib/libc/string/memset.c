/* memset(3), eight bytes at a time once aligned. */
#include <stdint.h>
#include <string.h>

/* Fill n bytes at dst with (unsigned char)c.  Returns dst. */
void *
memset(void *dst, int c, size_t n)
{
	unsigned char *d = dst;
	uint64_t w;

	for (; n > 0 && ((uintptr_t)d & 7) != 0; n--)
		*d++ = (unsigned char)c;
	w = (unsigned char)c * 0x0101010101010101ULL;
	for (; n >= 8; n -= 8, d += 8)
		*(uint64_t *)d = w;
	for (; n > 0; n--)
		*d++ = (unsigned char)c;
	return (dst);
}
