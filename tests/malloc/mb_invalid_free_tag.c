/* free of a pointer to a chunk carrying another tag. */
#include "malloc_bug.h"

BUG("invalid free")
{
	char *p = opaque(malloc(32));
	unsigned int t = ((uintptr_t)p >> 56) & 0xf;

	t = t == 15 ? 14 : t + 1;
	free((void *)(((uintptr_t)p & ~(0xfUL << 56)) | (uintptr_t)t << 56));
}
