/* Overflow by a page of a large chunk: into its guard page. */
#include "malloc_bug.h"

BUG("overflow: 4097 bytes past the end of a 100000-byte chunk")
{
	char *p = opaque(malloc(100000));

	p[100000 + 4096] = 1;
}
