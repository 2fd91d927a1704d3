/*
 * __sysctlbyname: a handful of FreeBSD's read-only kernel variables by
 * name, enough for programs to learn the CPU count and page size and for
 * tests to check that memory comes back (vm.stats.vm.v_free_count, and
 * TagOS's vm.stats.object_count, vm.stats.kmalloc_live and
 * vm.stats.kmalloc_pages).
 */
#include "sys/systm.h"
#include "sys/errno.h"
#include "sys/param.h"
#include "sys/pcpu.h"
#include "sys/proc.h"
#include "sys/malloc.h"
#include "vm/vm_object.h"
#include "vm/vm_phys.h"

#define SYSCTL_NAME_MAX	64

/* The value of a known name, its size in *size; false if unknown. */
static bool
sysctl_value(const char *name, uint64_t *val, size_t *size)
{
	*size = sizeof(u_int);
	if (strcmp(name, "hw.ncpu") == 0)
		*val = mp_ncpus;
	else if (strcmp(name, "hw.pagesize") == 0)
		*val = PAGE_SIZE;
	else if (strcmp(name, "vm.stats.vm.v_free_count") == 0)
		*val = vm_phys_free_count();
	else if (strcmp(name, "vm.stats.vm.v_page_count") == 0)
		*val = vm_phys_total_count();
	/* TagOS's own, for leak checks (tests/fuzz). */
	else if (strcmp(name, "vm.stats.object_count") == 0)
		*val = vm_object_count();
	else if (strcmp(name, "vm.stats.kmalloc_live") == 0)
		*val = kmalloc_live_count();
	else if (strcmp(name, "vm.stats.kmalloc_pages") == 0)
		*val = kmalloc_page_count();
	else
		return (false);
	return (true);
}

/*
 * __sysctlbyname(name, namelen, oldp, oldlenp, newp, newlen): read a
 * variable (ENOENT if unknown; setting any is EPERM).  With oldp NULL only
 * the size is reported; a too-small buffer is ENOMEM, as on FreeBSD.
 */
int
sys___sysctlbyname(struct thread *td, const uint64_t *args, uint64_t *rv)
{
	char name[SYSCTL_NAME_MAX];
	uint64_t val;
	size_t size, oldlen;
	u_int v32;
	int error;

	if (args[1] == 0 || args[1] >= sizeof(name))
		return (ENOENT);
	if ((error = copyin((void *)args[0], name, args[1])) != 0)
		return (error);
	name[args[1]] = '\0';
	if (!sysctl_value(name, &val, &size))
		return (ENOENT);
	if (args[4] != 0)
		return (EPERM);
	if (args[3] == 0)
		return (0);
	if (args[2] != 0) {
		if ((error = copyin((void *)args[3], &oldlen,
		    sizeof(oldlen))) != 0)
			return (error);
		if (oldlen < size)
			return (ENOMEM);
		v32 = (u_int)val;
		if ((error = copyout(&v32, (void *)args[2], size)) != 0)
			return (error);
	}
	return (copyout(&size, (void *)args[3], sizeof(size)));
}
