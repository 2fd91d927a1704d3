/* free of a pointer into a chunk. */
#include "malloc_bug.h"

BUG("invalid free")
{
	char *p = opaque(malloc(64));

	free(p + 16);
}
