/* sysctlbyname(3) on the __sysctlbyname system call, as FreeBSD's libc. */
#include <string.h>
#include <sys/sysctl.h>

int
sysctlbyname(const char *name, void *oldp, size_t *oldlenp, const void *newp,
    size_t newlen)
{
	return (__sysctlbyname(name, strlen(name), oldp, oldlenp, newp,
	    newlen));
}
