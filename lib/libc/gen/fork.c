/* fork(2) with the library state a child must not inherit half-changed. */
#include <sys/types.h>
#include <unistd.h>

#include "libc_private.h"

/*
 * Returns the child's pid in the parent, 0 in the child, -1 with errno on
 * failure.  malloc's lock is held across the fork so the child never
 * starts with it taken by a thread it does not have.  The child's thread
 * has a new id, which it looks up when it needs it (pt_tid 0).
 */
pid_t
fork(void)
{
	pid_t pid;

	__malloc_prefork();
	pid = __sys_fork();
	__malloc_postfork();
	if (pid == 0)
		__curthread()->pt_tid = 0;
	return (pid);
}
