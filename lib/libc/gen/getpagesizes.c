/* getpagesizes(3), FreeBSD's: the page sizes from the hw.pagesizes sysctl. */
#include <sys/types.h>
#include <sys/mman.h>
#include <sys/param.h>
#include <sys/sysctl.h>
#include <errno.h>

/*
 * With pagesize NULL and nelem 0, the number of page sizes; else store up
 * to nelem of them, smallest first, and return how many.  -1 with errno
 * EINVAL for a bad combination of arguments.
 */
int
getpagesizes(size_t pagesize[], int nelem)
{
	static u_long sizes[MAXPAGESIZES];
	static int count;
	size_t len;
	int i;

	if (nelem < 0 || (pagesize == NULL && nelem != 0)) {
		errno = EINVAL;
		return (-1);
	}
	if (count == 0) {
		len = sizeof(sizes);
		if (sysctlbyname("hw.pagesizes", sizes, &len, NULL, 0) != 0)
			return (-1);
		for (i = 0; i < MAXPAGESIZES && (size_t)i * sizeof(u_long) <
		    len && sizes[i] != 0; i++)
			;
		count = i;
	}
	if (pagesize == NULL)
		return (count);
	for (i = 0; i < nelem && i < count; i++)
		pagesize[i] = sizes[i];
	return (i);
}
