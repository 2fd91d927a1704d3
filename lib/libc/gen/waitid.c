/* waitid(2), as FreeBSD's: wait6(2) without status or resource usage. */
#include <sys/types.h>
#include <sys/wait.h>
#include <signal.h>
#include <stddef.h>

/*
 * Wait for a child matching (idtype, id) per flags; the details land in
 * *info (si_pid 0 if WNOHANG found nothing).  0, or -1 with errno.
 */
int
waitid(idtype_t idtype, id_t id, siginfo_t *info, int flags)
{
	int status;

	if (wait6(idtype, id, &status, flags, NULL, info) < 0)
		return (-1);
	return (0);
}
