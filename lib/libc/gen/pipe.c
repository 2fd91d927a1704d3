/*
 * pipe(2).  System call 42 is FreeBSD 10 compatibility, so this is
 * pipe2(2) (docs/abi.md section 2.1).
 */
#include <unistd.h>

/* fds[0] becomes the read end, fds[1] the write end.  0 or -1 with errno. */
int
pipe(int *fds)
{

	return (pipe2(fds, 0));
}
