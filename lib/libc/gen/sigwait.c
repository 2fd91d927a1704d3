/* sigwait(3): the system call, retried when another signal interrupts it. */
#include <errno.h>
#include <signal.h>

int	__sys_sigwait(const sigset_t *, int *);

/*
 * Wait for a signal of set and store its number in *sig.  Returns 0 or an
 * error number (EINVAL, EFAULT), never EINTR, and leaves errno alone.
 */
int
sigwait(const sigset_t *set, int *sig)
{
	int error;

	do
		error = __sys_sigwait(set, sig);
	while (error == EINTR);
	return (error);
}
