/* The failure half of assert(3). */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>

/* Report a failed assertion in FreeBSD's words, then abort(). */
void
__assert(const char *func, const char *file, int line, const char *expr)
{

	fprintf(stderr, "Assertion failed: (%s), function %s, file %s, "
	    "line %d.\n", expr, func, file, line);
	abort();
}
