/* Underflow by one byte: p[-1]. */
#include "malloc_bug.h"

BUG("underflow: 1 byte before a 16-byte chunk")
{
	char *p = opaque(malloc(16));

	p[-1] = 1;
}
