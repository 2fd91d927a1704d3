/* Overflow by one byte of a large (own mapping) chunk. */
#include "malloc_bug.h"

BUG("overflow: 1 byte past the end of a 100000-byte chunk")
{
	char *p = opaque(malloc(100000));

	p[100000] = 1;
}
