/* realloc of a freed pointer. */
#include "malloc_bug.h"

BUG("realloc of a freed pointer")
{
	char *p = opaque(malloc(16));

	free(p);
	p = opaque(realloc(p, 64));
}
