/* memset of 17 bytes over a 16-byte chunk. */
#include "malloc_bug.h"

BUG("overflow")
{
	char *p = opaque(malloc(16));

	memset(p, 0, 17);
}
