/* memcpy of 40 bytes into a 32-byte chunk. */
#include "malloc_bug.h"

BUG("overflow")
{
	static char src[40];
	char *p = opaque(malloc(32));

	memcpy(p, src, sizeof(src));
}
