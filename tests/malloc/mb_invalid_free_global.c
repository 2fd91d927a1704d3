/* free of a global array. */
#include "malloc_bug.h"

static char global[64] __attribute__((aligned(16)));

BUG("invalid free")
{

	free(opaque(global));
}
