/* Overflow by a page: p[4096 + 4096] of a 4096-byte chunk. */
#include "malloc_bug.h"

BUG("overflow: 4097 bytes past the end of a 4096-byte chunk")
{
	char *p = opaque(malloc(4096));
	char *q = opaque(malloc(4096));

	(void)q;
	p[8192] = 1;
}
