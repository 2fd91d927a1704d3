/* An int array written one element too far. */
#include "malloc_bug.h"

BUG("overflow: 1 byte past the end of a 48-byte chunk")
{
	int *v = opaque(malloc(12 * sizeof(int)));

	v[12] = 7;
}
