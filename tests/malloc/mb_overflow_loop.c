/* The classic off-by-one loop: i <= n. */
#include "malloc_bug.h"

BUG("overflow: 1 byte past the end of a 64-byte chunk")
{
	int n = 64, i;
	char *p = opaque(malloc(n));

	for (i = 0; i <= n; i++)
		((volatile char *)p)[i] = (char)i;
}
