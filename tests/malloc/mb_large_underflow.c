/* Underflow of a large chunk into its header. */
#include "malloc_bug.h"

BUG("underflow: 1 byte before a 50000-byte chunk")
{
	char *p = opaque(malloc(50000));

	p[-1] = 1;
}
