/*
 * Writing past the new end of a chunk realloc shrank in place (4096 to
 * 3600 bytes stays in the 4096-byte class, retagged).
 */
#include "malloc_bug.h"

BUG("overflow: 1 byte past the end of a 3600-byte chunk")
{
	char *p = opaque(malloc(4096));

	p = opaque(realloc(p, 3600));
	p[3600] = 1;
}
