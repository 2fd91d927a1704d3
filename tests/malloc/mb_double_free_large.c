/* Double free of a large chunk. */
#include "malloc_bug.h"

BUG("double free")
{
	char *p = opaque(malloc(65536));

	free(p);
	free(p);
}
