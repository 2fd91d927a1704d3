/* An array of structs indexed by its length. */
#include "malloc_bug.h"

struct point {
	long	x, y;
};

BUG("overflow: 1 byte past the end of a 160-byte chunk")
{
	int n = 10;
	struct point *pts = opaque(malloc(n * sizeof(*pts)));

	pts[n].x = 1;
}
