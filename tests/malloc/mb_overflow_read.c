/* Overflow by one byte on a read: p[32] of a 32-byte chunk. */
#include "malloc_bug.h"

BUG("overflow: 1 byte past the end of a 32-byte chunk")
{
	volatile char *p = opaque(malloc(32));

	(void)p[32];
}
