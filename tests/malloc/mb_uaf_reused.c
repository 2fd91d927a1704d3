/* A stale pointer into a chunk that was freed and allocated again. */
#include "malloc_bug.h"

BUG("use after free")
{
	char *p = opaque(malloc(48));
	char *q;

	free(p);
	q = opaque(malloc(48));
	(void)q;
	p[0] = 1;
}
