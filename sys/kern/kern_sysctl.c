/*
 * __sysctlbyname: a handful of FreeBSD's read-only kernel variables by
 * name, enough for programs to learn the CPU count and page size, for
 * tests to check that memory comes back (vm.stats.vm.v_free_count, and
 * TagOS's vm.stats.object_count, vm.stats.kmalloc_live and
 * vm.stats.kmalloc_pages), and the VM's event counters (faults,
 * superpages, reservations, tags), which bin/sysctl prints.
 */
#include "sys/systm.h"
#include "sys/errno.h"
#include "sys/param.h"
#include "sys/pcpu.h"
#include "sys/proc.h"
#include "sys/malloc.h"
#include "vm/pmap.h"
#include "vm/vm_fault.h"
#include "vm/vm_object.h"
#include "vm/vm_page_tags.h"
#include "vm/vm_phys.h"
#include "vm/vm_reserv.h"

#define SYSCTL_NAME_MAX	64

/*
 * The event counters, each an unsigned long (FreeBSD's counter(9) values
 * read as u_long).  The names are FreeBSD's where FreeBSD has the counter
 * (vm.pmap.l2.*, vm.pmap.l3c.*, vm.reserv.*, v_vm_faults); the tag
 * counters are TagOS's own, under vm.mte.
 */
static const struct sysctl_counter {
	const char	*name;
	const u_long	*counter;
} sysctl_counters[] = {
	{ "vm.stats.vm.v_vm_faults", &vm_fault_counters.faults },
	{ "vm.pmap.l2.mappings", &pmap_superpage_counters.l2_mappings },
	{ "vm.pmap.l2.promotions", &pmap_superpage_counters.l2_promotions },
	{ "vm.pmap.l2.demotions", &pmap_superpage_counters.l2_demotions },
	{ "vm.pmap.l3c.promotions", &pmap_superpage_counters.l3c_promotions },
	{ "vm.pmap.l3c.demotions", &pmap_superpage_counters.l3c_demotions },
	{ "vm.reserv.reserved", &vm_reserv_counters.reserved },
	{ "vm.reserv.active", &vm_reserv_counters.active },
	{ "vm.reserv.fullpop", &vm_reserv_counters.fullpop },
	{ "vm.reserv.freed", &vm_reserv_counters.freed },
	{ "vm.reserv.broken", &vm_reserv_counters.broken },
	{ "vm.reserv.reclaimed", &vm_reserv_counters.reclaimed },
	{ "vm.mte.tags_valid", &vm_page_tag_counters.valid },
	{ "vm.mte.tags_initialised", &vm_page_tag_counters.initialised },
	{ "vm.mte.tags_zeroed", &vm_page_tag_counters.zeroed },
	{ "vm.mte.tags_copied", &vm_page_tag_counters.copied },
	{ "vm.mte.tags_freed", &vm_page_tag_counters.freed },
	{ "vm.mte.tag_init_runs", &vm_page_tag_counters.init_runs },
};

/* The value of a known name, its size in *size; false if unknown. */
static bool
sysctl_value(const char *name, uint64_t *val, size_t *size)
{
	size_t i;

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
	else if (strcmp(name, "vm.reserv.free_pages") == 0) {
		*size = sizeof(u_long);
		*val = vm_reserv_free_count();
	} else {
		for (i = 0; i < nitems(sysctl_counters); i++)
			if (strcmp(name, sysctl_counters[i].name) == 0)
				break;
		if (i == nitems(sysctl_counters))
			return (false);
		*size = sizeof(u_long);
		*val = __atomic_load_n(sysctl_counters[i].counter,
		    __ATOMIC_RELAXED);
	}
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
		if ((error = copyout(size == sizeof(v32) ? (void *)&v32 :
		    (void *)&val, (void *)args[2], size)) != 0)
			return (error);
	}
	return (copyout(&size, (void *)args[3], sizeof(size)));
}
