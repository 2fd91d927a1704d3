/* Read after free. */
#include "malloc_bug.h"

BUG("use after free: 0 bytes into a freed 16-byte chunk")
{
	volatile char *p = opaque(malloc(16));

	free((void *)p);
	(void)p[0];
}
