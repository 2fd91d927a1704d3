/*
 * A 130-byte request in the 160-byte class: the slot past its last
 * granule (byte 144 on) is tagged apart from it.
 */
#include "malloc_bug.h"

BUG("overflow: 15 bytes past the end of a 130-byte chunk")
{
	char *p = opaque(malloc(130));

	p[144] = 1;
}
