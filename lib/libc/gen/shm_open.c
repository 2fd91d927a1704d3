/* shm_open(2), which FreeBSD implements as shm_open2(2). */
#include <sys/types.h>
#include <sys/mman.h>
#include <fcntl.h>
#include <stddef.h>

/*
 * Open or create shared memory object path (or SHM_ANON) with open flags
 * and mode; the descriptor is close-on-exec.  Returns it, or -1 with errno.
 */
int
shm_open(const char *path, int flags, mode_t mode)
{

	return (shm_open2(path, flags | O_CLOEXEC, mode, 0, NULL));
}
