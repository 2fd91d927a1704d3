/* Overflow by one granule: p[48] of a 32-byte chunk lands in the next one. */
#include "malloc_bug.h"

BUG("overflow: 17 bytes past the end of a 32-byte chunk")
{
	char *p = opaque(malloc(32));
	char *q = opaque(malloc(32));

	(void)q;
	p[48] = 1;
}
