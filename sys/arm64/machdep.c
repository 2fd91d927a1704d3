/*
 * arm64 start-up: from locore to the machine-independent kernel.  Nothing
 * about the machine is assumed that the device tree tells: RAM, console,
 * interrupt controller, timer, CPUs and boot arguments all come from it.
 */
#include "sys/systm.h"
#include "sys/cons.h"
#include "sys/fdt.h"
#include "sys/kernel.h"
#include "sys/param.h"
#include "sys/pcpu.h"
#include "vm/vm_phys.h"
#include "vm/vm_reserv.h"
#include "machine/armreg.h"
#include "machine/cpufunc.h"
#include "machine/intr.h"
#include "machine/machdep.h"
#include "machine/md.h"
#include "machine/mte.h"
#include "machine/pmap.h"
#include "machine/psci.h"
#include "machine/timer.h"
#include "machine/vmparam.h"

#define MAX_MEM_REGIONS	8
#define DTB_MAX_SIZE	(2UL << 20)

const void *boot_dtb;
const void *initramfs;
size_t initramfs_size;
uint64_t boot_counter_start;
uint64_t physmem;
static bool semihosting;

extern char __kernel_start[], __kernel_end[];

/* Stop with no console: nothing can be reported before it exists. */
static void __dead2
early_halt(void)
{
	for (;;)
		cpu_idle_wait();
}

/* Read /memory nodes into mr; returns how many regions were found. */
static int
dt_memory(const void *dtb, struct mem_region *mr)
{
	uint64_t addr, size;
	const char *type;
	int node, i, n = 0;

	for (node = fdt_first_child(dtb, fdt_root(dtb)); node >= 0;
	    node = fdt_next_sibling(dtb, node)) {
		type = fdt_prop_string(dtb, node, "device_type");
		if (type == NULL || strcmp(type, "memory") != 0 ||
		    !fdt_node_status_okay(dtb, node))
			continue;
		for (i = 0; n < MAX_MEM_REGIONS &&
		    fdt_get_reg(dtb, node, i, &addr, &size) == 0; i++) {
			if (size == 0)
				continue;
			mr[n].start = round_page(addr);
			mr[n].end = trunc_page(addr + size);
			n++;
		}
	}
	return (n);
}

/* Map the PL011 named by the device tree (stdout-path, else the first one). */
static void
dt_console(const void *dtb)
{
	uint64_t addr, size;
	int node;

	node = fdt_find_compatible(dtb, -1, "arm,pl011");
	if (node < 0 || fdt_get_reg(dtb, node, 0, &addr, &size) != 0)
		return;
	uart_pl011_attach(pmap_mapdev(addr, size));
}

/* Keep the allocator away from the DTB, the initrd and DT reservations. */
static void
dt_exclude(const void *dtb, vm_paddr_t dtb_pa)
{
	uint64_t addr, size;
	const void *p;
	int node, len, i;

	vm_phys_exclude(dtb_pa, dtb_pa + fdt_size(dtb));
	for (i = 0; fdt_get_mem_rsv(dtb, i, &addr, &size) == 0; i++)
		vm_phys_exclude(addr, addr + size);
	node = fdt_find_path(dtb, "/chosen");
	if (node < 0)
		return;
	p = fdt_getprop(dtb, node, "linux,initrd-start", &len);
	if (p == NULL || (len != 4 && len != 8))
		return;
	addr = fdt_read_cells(p, len / 4);
	p = fdt_getprop(dtb, node, "linux,initrd-end", &len);
	if (p == NULL || (len != 4 && len != 8))
		return;
	size = fdt_read_cells(p, len / 4) - addr;
	vm_phys_exclude(addr, addr + size);
	initramfs = (const void *)PHYS_TO_DMAP(addr);
	initramfs_size = size;
}

size_t cpu_zero_block_size;

/*
 * Learn the DC ZVA block size memset() zeroes whole blocks with; every CPU
 * of a system reports the same size in DCZID_EL0.
 */
static void
cpu_zero_init(void)
{
	uint64_t dczid = READ_SPECIALREG(dczid_el0);

	if ((dczid & DCZID_DZP) == 0)
		cpu_zero_block_size = (size_t)4 << (dczid & DCZID_BS_MASK);
}

/*
 * Called by locore on the boot CPU with the MMU on, the kernel at KERNBASE
 * and the DTB identity-mapped.  Brings up memory, console, interrupts and
 * timer, then enters the machine-independent kernel.
 */
void
initarm(vm_paddr_t dtb_pa, vm_paddr_t kernel_pa)
{
	struct mem_region mr[MAX_MEM_REGIONS];
	const void *dtb = (const void *)dtb_pa;
	const char *args;
	int nmr, i, chosen;

	boot_counter_start = cpu_counter();
	cpu_zero_init();
	pcpu_init(0, READ_SPECIALREG(mpidr_el1) & MPIDR_AFF_MASK);
	pcpu_array[0].pc_online = true;
	if (fdt_check(dtb, DTB_MAX_SIZE) != 0)
		early_halt();
	nmr = dt_memory(dtb, mr);
	if (nmr == 0)
		early_halt();
	mte_detect();
	mte_init_cpu();
	pmap_bootstrap(kernel_pa, mr, nmr);
	cpu_harden();

	boot_dtb = dtb = (const void *)PHYS_TO_DMAP(dtb_pa);
	dt_console(dtb);
	chosen = fdt_find_path(dtb, "/chosen");
	args = chosen < 0 ? NULL : fdt_prop_string(dtb, chosen, "bootargs");
	bootargs_init(args);
	pmap_init_cpu();		/* reads pmap.hw_af */
	semihosting = bootarg_present("semihosting");
	printf("\nTagOS: a small arm64 kernel with memory-tagged memory\n");
	printf("boot: kernel at %#lx (physical %#lx), DTB at %#lx, args \"%s\"\n",
	    (vm_offset_t)__kernel_start, kernel_pa, dtb_pa,
	    args != NULL ? args : "");
	printf("pmap: access flags set by %s\n", pmap_hw_af ?
	    "the hardware (FEAT_HAFDBS)" : "access flag faults");

	for (i = 0; i < nmr; i++) {
		printf("mem: %#lx-%#lx (%lu MiB)\n", mr[i].start, mr[i].end,
		    (mr[i].end - mr[i].start) >> 20);
		vm_phys_add_seg(mr[i].start, mr[i].end);
		physmem += mr[i].end - mr[i].start;
	}
	vm_phys_exclude(kernel_pa, kernel_pa +
	    (__kernel_end - __kernel_start));
	dt_exclude(dtb, dtb_pa);
	vm_page_startup();
	vm_reserv_init();
	pmap_init();
	printf("mem: %lu pages free of %lu\n", vm_phys_free_count(),
	    vm_phys_total_count());
	if (initramfs != NULL)
		printf("initramfs: %zu bytes\n", initramfs_size);

	if (psci_init(dtb) != 0)
		printf("psci: none in the device tree; one CPU only\n");
	intr_init(dtb);
	timer_init(dtb);
	mte_selfcheck();
	mi_startup();
}

/* Arm semihosting (AArch64: HLT #0xF000, operation in w0, argument in x1). */
#define SEMIHOST_SYS_EXIT		0x18
#define SEMIHOST_ADP_APPLICATION_EXIT	0x20026	/* ADP_Stopped_ApplicationExit */

/* Power off: a semihosting exit with status when asked for, else PSCI. */
void
cpu_poweroff(int status)
{
	uint64_t block[2] = { SEMIHOST_ADP_APPLICATION_EXIT, (uint64_t)status };
	register uint64_t x0 __asm("x0") = SEMIHOST_SYS_EXIT;
	register uint64_t x1 __asm("x1") = (uint64_t)block;

	intr_disable();
	if (semihosting)
		__asm __volatile("hlt #0xf000" : : "r" (x0), "r" (x1) : "memory");
	psci_system_off();
	early_halt();
}
