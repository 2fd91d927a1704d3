/* free of a local variable. */
#include "malloc_bug.h"

BUG("invalid free")
{
	char buf[32];

	free(opaque(buf));
}
