/* calloc(4, 8): p[32] is past it. */
#include "malloc_bug.h"

BUG("overflow: 1 byte past the end of a 32-byte chunk")
{
	char *p = opaque(calloc(4, 8));

	p[32] = 1;
}
