/* getprogname(3). */
#include <stdlib.h>

#include "libc_private.h"

/* The program's name: the last component of argv[0], or "". */
const char *
getprogname(void)
{

	return (__libc_progname);
}
