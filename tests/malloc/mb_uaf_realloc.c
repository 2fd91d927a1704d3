/* The old pointer used after realloc moved the chunk. */
#include "malloc_bug.h"

BUG("use after free: 0 bytes into a freed 16-byte chunk")
{
	char *p = opaque(malloc(16));
	char *q = opaque(realloc(p, 1000));

	(void)q;
	p[0] = 1;
}
