/*
 * Starting the secondary CPUs.  Every CPU node of the device tree gets a
 * logical number (the boot CPU is 0) and a struct pcpu; the others are
 * powered on with PSCI CPU_ON at locore's mpentry, which enables the MMU
 * with the tables left in ap_boot_ttbr0/1 and calls init_secondary().
 */
#include "sys/systm.h"
#include "sys/fdt.h"
#include "sys/param.h"
#include "sys/pcpu.h"
#include "sys/proc.h"
#include "machine/armreg.h"
#include "machine/cpufunc.h"
#include "machine/intr.h"
#include "machine/machdep.h"
#include "machine/md.h"
#include "machine/mte.h"
#include "machine/pmap.h"
#include "machine/psci.h"
#include "machine/timer.h"

#define AP_STACK_SIZE	16384
#define AP_START_WAIT	100		/* ms to wait for a CPU to come up */

struct pcpu pcpu_array[MAXCPU];
u_int mp_ncpus = 1;

/* Read by mpentry with the MMU off (so cleaned to memory first). */
uint64_t ap_boot_ttbr0;			/* set by locore: identity map */
uint64_t ap_boot_ttbr1;
vm_offset_t ap_boot_stack[MAXCPU];

static char ap_stacks[MAXCPU][AP_STACK_SIZE] __aligned(16);
static struct thread ap_idle_threads[MAXCPU];	/* each CPU's boot context */
static char overflow_stacks[MAXCPU][8192] __aligned(16);
static intr_handler_t ipi_call;
extern char mpentry[];

/* Write a variable back to memory, for a CPU whose MMU and caches are off. */
static void
cache_clean(const void *p, size_t len)
{
	uintptr_t a;

	for (a = (uintptr_t)p & ~63UL; a < (uintptr_t)p + len; a += 64)
		__asm __volatile("dc cvac, %0" : : "r" (a) : "memory");
	dsb(ish);
}

/* Point TPIDR_EL1 at the CPU's pcpu (every CPU, first thing). */
void
pcpu_init(u_int cpuid, uint64_t mpidr)
{
	struct pcpu *pc = &pcpu_array[cpuid];

	pc->pc_cpuid = cpuid;
	pc->pc_mpidr = mpidr;
	pc->pc_overflow_stack = (vm_offset_t)overflow_stacks[cpuid] +
	    sizeof(overflow_stacks[cpuid]);
	WRITE_SPECIALREG(tpidr_el1, pc);
}

/*
 * Once the CPU runs on the final kernel map: writable memory is never
 * executable (SCTLR_EL1.WXN), PAN keeps the kernel out of user memory
 * except through copyin/copyout, and the kernel takes no debug exceptions.
 */
void
cpu_harden(void)
{
	/*
	 * Debug: no debug exceptions at EL1 (MDSCR_EL1 zero), and the OS
	 * lock, set at reset, released so that a user program's single step
	 * (PSR_SS in a signal context, userret) raises its exception.
	 */
	WRITE_SPECIALREG(mdscr_el1, 0);
	WRITE_SPECIALREG(oslar_el1, 0);
	WRITE_SPECIALREG(sctlr_el1, READ_SPECIALREG(sctlr_el1) | SCTLR_WXN);
	__asm __volatile("msr pan, #1" ::: "memory");
	isb();
	__asm __volatile("tlbi vmalle1" ::: "memory");
	dsb(nsh);
	isb();
}

/* Power on one CPU and wait for it to report; true if it came up. */
static bool
cpu_start(u_int cpuid, uint64_t mpidr)
{
	uint64_t deadline;
	int error;

	pcpu_array[cpuid].pc_mpidr = mpidr;
	pcpu_array[cpuid].pc_cpuid = cpuid;
	ap_boot_stack[cpuid] = (vm_offset_t)ap_stacks[cpuid] + AP_STACK_SIZE;
	pcpu_array[cpuid].pc_stack_top = ap_boot_stack[cpuid];
	cache_clean(&ap_boot_stack[cpuid], sizeof(ap_boot_stack[cpuid]));
	error = psci_cpu_on(mpidr, pmap_kextract((vm_offset_t)mpentry), cpuid);
	if (error != PSCI_SUCCESS) {
		printf("mp: CPU_ON of MPIDR %#lx failed: %d\n", mpidr, error);
		return (false);
	}
	deadline = cpu_counter() + cpu_counter_freq() / 1000 * AP_START_WAIT;
	while (!__atomic_load_n(&pcpu_array[cpuid].pc_online, __ATOMIC_ACQUIRE))
		if (cpu_counter() > deadline) {
			printf("mp: CPU with MPIDR %#lx did not start\n", mpidr);
			return (false);
		}
	return (true);
}

/* Start every CPU the device tree lists, up to MAXCPU. */
void
cpu_mp_start(const void *dtb)
{
	uint64_t boot_mpidr = READ_SPECIALREG(mpidr_el1) & MPIDR_AFF_MASK;
	uint64_t mpidr, size;
	const char *type;
	int cpus, node;

	ap_boot_ttbr1 = kernel_l0_pa;
	cache_clean(&ap_boot_ttbr1, sizeof(ap_boot_ttbr1));
	cpus = fdt_find_path(dtb, "/cpus");
	for (node = cpus < 0 ? -1 : fdt_first_child(dtb, cpus); node >= 0;
	    node = fdt_next_sibling(dtb, node)) {
		type = fdt_prop_string(dtb, node, "device_type");
		if (type == NULL || strcmp(type, "cpu") != 0 ||
		    fdt_get_reg(dtb, node, 0, &mpidr, &size) != 0 ||
		    !fdt_node_status_okay(dtb, node))
			continue;
		if ((mpidr & MPIDR_AFF_MASK) == boot_mpidr)
			continue;
		if (mp_ncpus == MAXCPU) {
			printf("mp: more than %d CPUs, ignoring the rest\n",
			    MAXCPU);
			break;
		}
		if (cpu_start(mp_ncpus, mpidr & MPIDR_AFF_MASK))
			mp_ncpus++;
	}
	intr_establish_ipi(IPI_CALL, ipi_call, NULL);
	printf("mp: %u CPU%s online\n", mp_ncpus, mp_ncpus == 1 ? "" : "s");
}

/* A secondary CPU's first C code: set up its state, then run threads. */
void
init_secondary(u_int cpuid)
{
	pcpu_init(cpuid, pcpu_array[cpuid].pc_mpidr);
	cpu_harden();
	mte_init_cpu();
	pmap_init_cpu();
	intr_init_cpu();
	timer_init_cpu();
	printf("cpu%u: online, MPIDR %#lx\n", cpuid, pcpu_array[cpuid].pc_mpidr);
	sched_init_cpu(&ap_idle_threads[cpuid]);
	__atomic_store_n(&pcpu_array[cpuid].pc_online, true, __ATOMIC_RELEASE);
	intr_enable();
	sched_idle_loop();
}

/*
 * smp_call_others: one caller at a time posts a function, IPIs every
 * other online CPU, and waits until each has run it.  The caller takes
 * smp_call_busy with interrupts enabled, so a CPU waiting for its turn
 * still answers the current caller's IPI.
 */
static u_int smp_call_busy;			/* (A) a call is in progress */
static smp_call_func_t *smp_call_fn;		/* (smp_call_busy) */
static void *smp_call_arg;			/* (smp_call_busy) */
static u_int smp_call_pending;			/* (A) CPUs yet to finish */

static void
ipi_call(void *arg)
{
	smp_call_fn(smp_call_arg);
	__atomic_sub_fetch(&smp_call_pending, 1, __ATOMIC_RELEASE);
}

/* Run fn(arg) on every other online CPU; returns when all have run it. */
void
smp_call_others(smp_call_func_t *fn, void *arg)
{
	u_int cpu, n = 0;

	while (__atomic_exchange_n(&smp_call_busy, 1, __ATOMIC_ACQUIRE) != 0)
		cpu_spinwait();
	smp_call_fn = fn;
	smp_call_arg = arg;
	for (cpu = 0; cpu < mp_ncpus; cpu++)
		if (cpu != curcpu_id() && pcpu_array[cpu].pc_online)
			n++;
	__atomic_store_n(&smp_call_pending, n, __ATOMIC_RELEASE);
	intr_ipi_broadcast(IPI_CALL);
	while (__atomic_load_n(&smp_call_pending, __ATOMIC_ACQUIRE) != 0)
		cpu_spinwait();
	__atomic_store_n(&smp_call_busy, 0, __ATOMIC_RELEASE);
}

/* Stop every other CPU (panic): they halt with interrupts masked. */
void
cpu_stop_others(void)
{
	intr_ipi_broadcast(IPI_STOP);
}
