/*
 * __sysctlbyname: a handful of FreeBSD's kernel variables by name, enough
 * for programs to learn the CPU count and page sizes, for tests to check
 * that memory comes back (vm.stats.vm.v_free_count, and TagOS's
 * vm.stats.object_count, vm.stats.kmalloc_live and vm.stats.kmalloc_pages),
 * the VM's event counters (faults, superpages, reservations, tags), which
 * bin/sysctl prints, and the one setting a program may change,
 * security.bsd.map_at_zero.
 */
#include "sys/systm.h"
#include "sys/errno.h"
#include "sys/param.h"
#include "sys/pcpu.h"
#include "sys/proc.h"
#include "sys/malloc.h"
#include "vm/pmap.h"
#include "vm/swap_pager.h"
#include "vm/vm_fault.h"
#include "vm/vm_map.h"
#include "vm/vm_object.h"
#include "vm/vm_page_tags.h"
#include "vm/vm_page.h"
#include "vm/vm_pagequeue.h"
#include "vm/vm_pageout.h"
#include "vm/vm_phys.h"
#include "vm/vm_reserv.h"
#include "machine/machdep.h"

#define SYSCTL_NAME_MAX	64
#define SYSCTL_VALUE_MAX 4		/* the most words a value has */

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
	{ "vm.pmap.pv_entry_count", &pmap_superpage_counters.pv_entries },
	{ "vm.pmap.pc_chunk_count", &pmap_superpage_counters.pv_chunks },
	{ "vm.reserv.reserved", &vm_reserv_counters.reserved },
	{ "vm.reserv.active", &vm_reserv_counters.active },
	{ "vm.reserv.fullpop", &vm_reserv_counters.fullpop },
	{ "vm.reserv.freed", &vm_reserv_counters.freed },
	{ "vm.reserv.broken", &vm_reserv_counters.broken },
	{ "vm.reserv.reclaimed", &vm_reserv_counters.reclaimed },
	{ "vm.mte.tags_initialised", &vm_page_tag_counters.initialised },
	{ "vm.mte.tags_zeroed", &vm_page_tag_counters.zeroed },
	{ "vm.mte.tags_copied", &vm_page_tag_counters.copied },
	{ "vm.mte.tags_freed", &vm_page_tag_counters.freed },
	{ "vm.mte.tag_init_runs", &vm_page_tag_counters.init_runs },
	{ "vm.stats.vm.v_pdwakeups", &vm_pageout_counters.pdwakeups },
	{ "vm.stats.vm.v_pdscans", &vm_pageout_counters.scans },
	{ "vm.pageout.pages_written", &vm_pageout_counters.pages_written },
	{ "vm.pageout.pages_freed", &vm_pageout_counters.pages_freed },
	{ "vm.pageout.write_errors", &vm_pageout_counters.write_errors },
	{ "vm.pageout.pageins", &vm_pageout_counters.pageins },
	{ "vm.pageout.nomem", &vm_pageout_counters.nomem },
	{ "vm.oom_kills", &vm_pageout_counters.oom_kills },
	{ "kern.sched.idle_ticks", &sched_idle_ticks },
	{ "vm.stats.vm.v_swappgsout", &swap_pager_counters.pgsout },
	{ "vm.stats.vm.v_swappgsin", &swap_pager_counters.pgsin },
	{ "vm.mte.swap_tagged_out", &swap_pager_counters.tagged_out },
	{ "vm.mte.swap_tag_bytes_out", &swap_pager_counters.tag_bytes_out },
	{ "vm.mte.swap_tagged_in", &swap_pager_counters.tagged_in },
};

/* One variable's value: count words of size bytes each. */
struct sysctl_value {
	uint64_t	words[SYSCTL_VALUE_MAX];
	u_int		count;
	size_t		size;		/* sizeof(u_int) or sizeof(u_long) */
	bool		writable;	/* an int setting */
};

/* The value of a known name; false if unknown. */
static bool
sysctl_lookup(const char *name, struct sysctl_value *v)
{
	size_t i;

	memset(v, 0, sizeof(*v));
	v->count = 1;
	v->size = sizeof(u_int);
	if (strcmp(name, "hw.ncpu") == 0)
		v->words[0] = mp_ncpus;
	else if (strcmp(name, "hw.pagesize") == 0)
		v->words[0] = PAGE_SIZE;
	else if (strcmp(name, "hw.physmem") == 0) {
		v->size = sizeof(u_long);	/* bytes of RAM, as FreeBSD */
		v->words[0] = physmem;
	} else if (strcmp(name, "hw.pagesizes") == 0) {
		/* FreeBSD's u_long array: base page, then superpages. */
		v->size = sizeof(u_long);
		v->count = 2;
		v->words[0] = PAGE_SIZE;
		v->words[1] = VM_MAP_SUPERPAGE_SIZE;
	} else if (strcmp(name, "vm.stats.vm.v_free_count") == 0)
		v->words[0] = vm_phys_free_count();
	else if (strcmp(name, "vm.stats.vm.v_page_count") == 0)
		v->words[0] = vm_phys_total_count();
	else if (strcmp(name, "vm.stats.vm.v_active_count") == 0)
		v->words[0] = vm_pagequeue_count(PQ_ACTIVE);
	else if (strcmp(name, "vm.stats.vm.v_inactive_count") == 0)
		v->words[0] = vm_pagequeue_count(PQ_INACTIVE);
	else if (strcmp(name, "vm.stats.vm.v_laundry_count") == 0)
		v->words[0] = vm_pagequeue_count(PQ_LAUNDRY);
	else if (strcmp(name, "vm.stats.vm.v_free_target") == 0)
		v->words[0] = vm_pageout_free_target();
	else if (strcmp(name, "vm.oom_kill") == 0)	/* TagOS's own */
		v->words[0] = vm_pageout_oom_enabled();
	/* TagOS's own, for leak checks (tests/fuzz). */
	else if (strcmp(name, "vm.stats.object_count") == 0)
		v->words[0] = vm_object_count();
	else if (strcmp(name, "vm.stats.kmalloc_live") == 0)
		v->words[0] = kmalloc_live_count();
	else if (strcmp(name, "vm.stats.kmalloc_pages") == 0)
		v->words[0] = kmalloc_page_count();
	else if (strcmp(name, "vm.reserv.free_pages") == 0) {
		v->size = sizeof(u_long);
		v->words[0] = vm_reserv_free_count();
	} else if (strcmp(name, "vm.mte.tags_valid") == 0) {
		v->size = sizeof(u_long);
		v->words[0] = vm_page_tag_valid_count();
	} else if (strcmp(name, "vm.swap_total") == 0) {
		v->size = sizeof(u_long);	/* bytes, as FreeBSD */
		v->words[0] = swap_pager_total();
	} else if (strcmp(name, "vm.swap_used") == 0) {
		v->size = sizeof(u_long);
		v->words[0] = swap_pager_used();
	} else if (strcmp(name, "security.bsd.map_at_zero") == 0) {
		v->words[0] = exec_map_at_zero;
		v->writable = true;
	} else {
		for (i = 0; i < nitems(sysctl_counters); i++)
			if (strcmp(name, sysctl_counters[i].name) == 0)
				break;
		if (i == nitems(sysctl_counters))
			return (false);
		v->size = sizeof(u_long);
		v->words[0] = __atomic_load_n(sysctl_counters[i].counter,
		    __ATOMIC_RELAXED);
	}
	return (true);
}

/* Store a new value of a writable variable (an int, as FreeBSD's). */
static int
sysctl_store(const char *name, const void *newp, size_t newlen)
{
	int val, error;

	if (newlen != sizeof(int))
		return (EINVAL);
	if ((error = copyin(newp, &val, sizeof(val))) != 0)
		return (error);
	if (strcmp(name, "security.bsd.map_at_zero") == 0)
		exec_map_at_zero = val != 0;	/* new images only */
	return (0);
}

/*
 * __sysctlbyname(name, namelen, oldp, oldlenp, newp, newlen): read a
 * variable, then set it if newp is given (ENOENT if unknown; EPERM if it
 * is read-only; EINVAL for a new value of the wrong size).  With oldp
 * NULL only the size is reported; a too-small buffer is ENOMEM, as on
 * FreeBSD.  Every process may set what may be set: there are no users.
 */
int
sys___sysctlbyname(struct thread *td, const uint64_t *args, uint64_t *rv)
{
	char name[SYSCTL_NAME_MAX];
	struct sysctl_value v;
	size_t size, oldlen;
	u_int v32[SYSCTL_VALUE_MAX];
	const void *out;
	u_int i;
	int error;

	if (args[1] == 0 || args[1] >= sizeof(name))
		return (ENOENT);
	if ((error = copyin((void *)args[0], name, args[1])) != 0)
		return (error);
	name[args[1]] = '\0';
	if (!sysctl_lookup(name, &v))
		return (ENOENT);
	if (args[4] != 0 && !v.writable)
		return (EPERM);
	size = v.size * v.count;
	if (args[3] != 0 && args[2] != 0) {
		if ((error = copyin((void *)args[3], &oldlen,
		    sizeof(oldlen))) != 0)
			return (error);
		if (oldlen < size)
			return (ENOMEM);
		for (i = 0; i < v.count; i++)
			v32[i] = (u_int)v.words[i];
		out = v.size == sizeof(u_int) ? (const void *)v32 :
		    (const void *)v.words;
		if ((error = copyout(out, (void *)args[2], size)) != 0)
			return (error);
	}
	if (args[3] != 0 &&
	    (error = copyout(&size, (void *)args[3], sizeof(size))) != 0)
		return (error);
	if (args[4] != 0)
		return (sysctl_store(name, (const void *)args[4], args[5]));
	return (0);
}
