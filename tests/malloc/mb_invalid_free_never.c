/* free of a heap address malloc never handed out. */
#include "malloc_bug.h"

BUG("invalid free")
{
	char *p = opaque(malloc(16));

	/* Far along its slab, where no chunk was cut yet. */
	free(p + 64 * 32);
}
