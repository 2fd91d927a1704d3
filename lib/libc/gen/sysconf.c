/*
 * Page size and CPU count.  Both come from the auxiliary vector: the page
 * size is the kernel's choice, not a constant of the ABI.
 */
#include <sys/types.h>
#include <sys/auxv.h>
#include <errno.h>
#include <unistd.h>

/* The base page size (AT_PAGESZ), or 4096 if the kernel gave none. */
int
getpagesize(void)
{
	static int pagesize;	/* 0 until first asked; racy but idempotent */
	int v;

	if (pagesize == 0) {
		if (elf_aux_info(AT_PAGESZ, &v, sizeof(v)) != 0)
			v = 4096;
		pagesize = v;
	}
	return (pagesize);
}

/*
 * sysconf(3) for _SC_PAGESIZE and the CPU counts (AT_NCPUS, 1 if absent).
 * Other names: -1 with errno EINVAL.
 */
long
sysconf(int name)
{
	int ncpus;

	switch (name) {
	case _SC_PAGESIZE:
		return (getpagesize());
	case _SC_NPROCESSORS_CONF:
	case _SC_NPROCESSORS_ONLN:
		if (elf_aux_info(AT_NCPUS, &ncpus, sizeof(ncpus)) != 0)
			ncpus = 1;
		return (ncpus);
	default:
		errno = EINVAL;
		return (-1);
	}
}
