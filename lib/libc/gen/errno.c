/* errno is per thread (<errno.h>). */
#include <errno.h>

#include "libc_private.h"

/* The calling thread's errno. */
int *
__error(void)
{

	return (&__curthread()->pt_errno);
}
