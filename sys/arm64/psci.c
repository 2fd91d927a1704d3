/*
 * PSCI calls.  The device tree's /psci "method" says whether they go to
 * EL2 (hvc, when the kernel was entered at EL1) or EL3 (smc, when QEMU
 * emulates PSCI for a guest entered at EL2).
 */
#include "sys/systm.h"
#include "sys/fdt.h"
#include "machine/psci.h"

#define PSCI_FN_VERSION		0x84000000
#define PSCI_FN_CPU_ON		0xc4000003	/* SMC64 */
#define PSCI_FN_SYSTEM_OFF	0x84000008

static bool psci_present;
static bool psci_use_smc;

/* Make a PSCI call; returns x0. */
static int64_t
psci_call(uint64_t fn, uint64_t a1, uint64_t a2, uint64_t a3)
{
	register uint64_t x0 __asm("x0") = fn;
	register uint64_t x1 __asm("x1") = a1;
	register uint64_t x2 __asm("x2") = a2;
	register uint64_t x3 __asm("x3") = a3;

	if (psci_use_smc)
		__asm __volatile("smc #0" : "+r" (x0), "+r" (x1), "+r" (x2),
		    "+r" (x3) : : "memory");
	else
		__asm __volatile("hvc #0" : "+r" (x0), "+r" (x1), "+r" (x2),
		    "+r" (x3) : : "memory");
	return ((int64_t)x0);
}

/* Find the PSCI conduit in the device tree; returns 0, or -1 if absent. */
int
psci_init(const void *dtb)
{
	const char *method;
	int node;

	node = fdt_find_compatible(dtb, -1, "arm,psci-1.0");
	if (node < 0)
		node = fdt_find_compatible(dtb, -1, "arm,psci-0.2");
	if (node < 0)
		node = fdt_find_path(dtb, "/psci");
	if (node < 0 || (method = fdt_prop_string(dtb, node, "method")) == NULL)
		return (-1);
	if (strcmp(method, "smc") == 0)
		psci_use_smc = true;
	else if (strcmp(method, "hvc") != 0)
		return (-1);
	psci_present = true;
	return (0);
}

/* Start the CPU with affinity mpidr at physical address entry, x0 = context. */
int
psci_cpu_on(uint64_t mpidr, vm_paddr_t entry, uint64_t context)
{
	if (!psci_present)
		return (-1);
	return ((int)psci_call(PSCI_FN_CPU_ON, mpidr, entry, context));
}

/* Power the machine off; returns only if PSCI is missing or refuses. */
void
psci_system_off(void)
{
	if (psci_present)
		psci_call(PSCI_FN_SYSTEM_OFF, 0, 0, 0);
}
