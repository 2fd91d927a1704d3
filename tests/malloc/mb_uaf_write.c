/* Write after free, at an offset. */
#include "malloc_bug.h"

BUG("use after free: 40 bytes into a freed 64-byte chunk")
{
	char *p = opaque(malloc(64));

	free(p);
	p[40] = 1;
}
