/* A 13-byte request: p[16] is past the granule its tail shares. */
#include "malloc_bug.h"

BUG("overflow: 4 bytes past the end of a 13-byte chunk")
{
	char *p = opaque(malloc(13));

	p[16] = 1;
}
