/* Double free after the chunk was handed out again. */
#include "malloc_bug.h"

BUG("double free")
{
	char *p = opaque(malloc(16));
	char *q;

	free(p);
	q = opaque(malloc(16));
	(void)q;
	free(p);
}
