/* sigaction(2), with malloc's SIGSEGV handler kept in front (malloc_tag.c). */
#include <signal.h>

#include "libc_private.h"

int	__sys_sigaction(int, const struct sigaction *, struct sigaction *);

/*
 * Install act for sig, old action in oact.  0, or -1 with errno.  While
 * the tagged heap's handler owns SIGSEGV, the program's action is kept
 * for it to chain to.
 */
int
sigaction(int sig, const struct sigaction *act, struct sigaction *oact)
{

	if (__malloc_sigaction(sig, act, oact))
		return (0);
	return (__sys_sigaction(sig, act, oact));
}
