/*
 * sysctl [name ...]: print kernel variables as "name: value", like
 * FreeBSD's sysctl(8) without -a's tree walk: TagOS's kernel has no
 * enumeration, so this program knows the names (sys/kern/kern_sysctl.c).
 * A name that is a prefix of known names ("vm.reserv") prints them all;
 * no argument prints every known name.  Exit status 1 if a name is
 * unknown.
 */
#include <sys/types.h>
#include <sys/sysctl.h>
#include <stdio.h>
#include <string.h>

static const char *const names[] = {
	"hw.ncpu",
	"hw.pagesize",
	"hw.physmem",
	"vm.stats.vm.v_page_count",
	"vm.stats.vm.v_free_count",
	"vm.stats.vm.v_vm_faults",
	"vm.stats.vm.v_active_count",
	"vm.stats.vm.v_inactive_count",
	"vm.stats.vm.v_laundry_count",
	"vm.stats.vm.v_free_target",
	"vm.stats.vm.v_pdwakeups",
	"vm.stats.vm.v_pdscans",
	"vm.pageout.pages_written",
	"vm.pageout.pages_freed",
	"vm.pageout.write_errors",
	"vm.pageout.pageins",
	"vm.pageout.nomem",
	"vm.oom_kills",
	"vm.pmap.l2.mappings",
	"vm.pmap.l2.promotions",
	"vm.pmap.l2.demotions",
	"vm.pmap.l3c.promotions",
	"vm.pmap.l3c.demotions",
	"vm.pmap.pv_entry_count",
	"vm.pmap.pc_chunk_count",
	"vm.reserv.reserved",
	"vm.reserv.active",
	"vm.reserv.fullpop",
	"vm.reserv.freed",
	"vm.reserv.broken",
	"vm.reserv.reclaimed",
	"vm.reserv.free_pages",
	"vm.mte.tags_valid",
	"vm.mte.tags_initialised",
	"vm.mte.tags_zeroed",
	"vm.mte.tags_copied",
	"vm.mte.tags_freed",
	"vm.mte.tag_init_runs",
	"vm.stats.vm.v_swappgsout",
	"vm.stats.vm.v_swappgsin",
	"vm.swap_total",
	"vm.swap_used",
	"vm.mte.swap_tagged_out",
	"vm.mte.swap_tag_bytes_out",
	"vm.mte.swap_tagged_in",
};

/* Print one variable, an unsigned int or unsigned long; -1 if unknown. */
static int
print_one(const char *name)
{
	unsigned long v = 0;
	unsigned int v32;
	size_t len = sizeof(v);

	if (sysctlbyname(name, &v, &len, NULL, 0) != 0) {
		printf("sysctl: unknown oid '%s'\n", name);
		return (-1);
	}
	if (len == sizeof(v32)) {
		memcpy(&v32, &v, sizeof(v32));
		v = v32;
	}
	printf("%s: %lu\n", name, v);
	return (0);
}

/* Print every known name starting with prefix (a whole component). */
static int
print_prefix(const char *prefix)
{
	size_t i, n = strlen(prefix);
	int found = 0;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (n == 0 || (strncmp(names[i], prefix, n) == 0 &&
		    (names[i][n] == '\0' || names[i][n] == '.'))) {
			found = 1;
			print_one(names[i]);
		}
	return (found ? 0 : print_one(prefix));
}

int
main(int argc, char **argv)
{
	int i, status = 0;

	if (argc < 2)
		return (print_prefix("") != 0);
	for (i = 1; i < argc; i++)
		if (print_prefix(argv[i]) != 0)
			status = 1;
	return (status);
}
