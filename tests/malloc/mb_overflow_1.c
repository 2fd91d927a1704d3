/* Overflow by one byte: writing p[16] of a 16-byte chunk. */
#include "malloc_bug.h"

BUG("overflow: 1 byte past the end of a 16-byte chunk")
{
	char *p = opaque(malloc(16));

	p[16] = 1;
}
