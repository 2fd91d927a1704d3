/* A read before the start: p[-8] as a long. */
#include "malloc_bug.h"

BUG("underflow: 8 bytes before a 64-byte chunk")
{
	volatile long *p = opaque(malloc(64));

	(void)p[-1];
}
