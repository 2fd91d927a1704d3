/* execv(3): execve(2) with the current environment. */
#include <unistd.h>

/* Returns only on failure: -1 with errno. */
int
execv(const char *path, char * const *argv)
{

	return (execve(path, argv, environ));
}
