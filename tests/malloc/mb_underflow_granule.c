/* Underflow into the chunk before: p[-17] of the second of two. */
#include "malloc_bug.h"

BUG("underflow: 17 bytes before a 16-byte chunk")
{
	char *q = opaque(malloc(16));
	char *p = opaque(malloc(16));

	(void)q;
	p[-17] = 1;
}
