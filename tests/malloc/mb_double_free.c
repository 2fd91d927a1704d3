/* Double free. */
#include "malloc_bug.h"

BUG("double free")
{
	char *p = opaque(malloc(16));

	free(p);
	free(p);
}
