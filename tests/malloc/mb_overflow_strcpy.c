/* strcpy of a 24-character string into 16 bytes. */
#include "malloc_bug.h"

BUG("overflow")
{
	char *p = opaque(malloc(16));

	strcpy(p, "twenty-four characters!");
}
