/*
 * The per-CPU generic timer (Arm ARM D11).  Each CPU runs its virtual timer
 * (CNTV_*, the third interrupt of the device tree's "arm,armv8-timer") as a
 * periodic HZ tick.  CNTVCT_EL0 is the system counter; under QEMU's
 * -icount shift=0 it advances once per instruction.
 */
#include "sys/systm.h"
#include "sys/fdt.h"
#include "sys/kernel.h"
#include "sys/pcpu.h"
#include "machine/armreg.h"
#include "machine/cpufunc.h"
#include "machine/intr.h"
#include "machine/md.h"
#include "machine/timer.h"

#define CNTV_CTL_ENABLE		(1u << 0)

static u_int timer_irq;			/* (C) INTID of the virtual timer */
static uint64_t timer_interval;		/* (C) counter ticks per HZ tick */

/* The system counter (CNTVCT_EL0). */
uint64_t
cpu_counter(void)
{
	isb();
	return (READ_SPECIALREG(cntvct_el0));
}

/* The system counter's frequency in Hz (CNTFRQ_EL0). */
uint64_t
cpu_counter_freq(void)
{
	return (READ_SPECIALREG(cntfrq_el0));
}

static void
timer_intr(void *arg)
{
	WRITE_SPECIALREG(cntv_tval_el0, timer_interval);
	isb();
	curpcpu()->pc_ticks++;
	hardclock();
}

/* Find the timer's interrupt in the device tree and start it on this CPU. */
void
timer_init(const void *dtb)
{
	int node;

	node = fdt_find_compatible(dtb, -1, "arm,armv8-timer");
	if (node < 0 || (timer_irq = intr_dt_irq(dtb, node, 2)) == 0)
		panic("timer_init: no arm,armv8-timer in the device tree");
	timer_interval = cpu_counter_freq() / HZ;
	printf("timer: %lu Hz counter, tick %d Hz, irq %u\n",
	    cpu_counter_freq(), HZ, timer_irq);
	timer_init_cpu();
}

/* Start the periodic tick on the calling CPU. */
void
timer_init_cpu(void)
{
	intr_establish(timer_irq, timer_intr, NULL);
	WRITE_SPECIALREG(cntv_tval_el0, timer_interval);
	WRITE_SPECIALREG(cntv_ctl_el0, CNTV_CTL_ENABLE);
	/*
	 * User code may read the virtual counter and its frequency (libc's
	 * clock_gettime, benchmarks), as on Linux and FreeBSD; not the
	 * physical counter, and no timer.
	 */
	WRITE_SPECIALREG(cntkctl_el1, CNTKCTL_EL0VCTEN);
	isb();
}
