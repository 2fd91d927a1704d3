/* A large chunk used after free: its mapping is gone. */
#include "malloc_bug.h"

BUG("use after free: 0 bytes into a freed 100000-byte chunk")
{
	char *p = opaque(malloc(100000));

	free(p);
	p[0] = 1;
}
