/* wait(2) and waitpid(2), both wait4(2) without resource usage. */
#include <sys/types.h>
#include <sys/wait.h>
#include <stddef.h>

/* Wait for any child; see wait4(2). */
pid_t
wait(int *status)
{

	return (wait4(WAIT_ANY, status, 0, NULL));
}

/* Wait for child pid (or any, or by group, as wait4(2)) with options. */
pid_t
waitpid(pid_t pid, int *status, int options)
{

	return (wait4(pid, status, options, NULL));
}
