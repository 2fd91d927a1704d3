/*
 * Interrupt dispatch: a table of handlers by INTID, the IPIs, and the IRQ
 * exception handler.  The GIC specifics are in gic_v2.c and gic_v3.c.
 */
#include "sys/systm.h"
#include "sys/fdt.h"
#include "sys/pcpu.h"
#include "machine/armreg.h"
#include "machine/cpufunc.h"
#include "machine/frame.h"
#include "machine/intr.h"

struct intr_source {
	intr_handler_t	*is_fn;		/* (C) after intr_establish */
	void		*is_arg;
};

static const struct gic_ops *gic;
static struct intr_source intr_sources[INTR_NIRQ];

/* exception.S: the kernel's return from an exception, interrupts masked. */
extern char exception_return_el1[], exception_return_el1_end[];

static void
ipi_stop(void *arg)
{
	intr_disable();
	for (;;)
		cpu_idle_wait();
}


static void
ipi_wake(void *arg)
{
}

/* Find the GIC in the device tree and start it on the boot CPU. */
void
intr_init(const void *dtb)
{
	if (gic_v3_probe(dtb, &gic) != 0 && gic_v2_probe(dtb, &gic) != 0)
		panic("intr_init: no GICv2 or GICv3 in the device tree");
	printf("intr: %s\n", gic->name);
	intr_sources[IPI_STOP].is_fn = ipi_stop;
	intr_sources[IPI_WAKE].is_fn = ipi_wake;
	intr_init_cpu();
}

/* Start this CPU's interface to the GIC (every CPU, once). */
void
intr_init_cpu(void)
{
	gic->init_cpu();
}

/*
 * Install fn for irq.  An SPI is enabled and routed to CPU 0; a PPI is
 * enabled on the calling CPU only, so each CPU establishes its own.
 */
void
intr_establish(u_int irq, intr_handler_t *fn, void *arg)
{
	KASSERT(irq >= 16 && irq < INTR_NIRQ,
	    ("intr_establish: bad irq %u", irq));
	intr_sources[irq].is_fn = fn;
	intr_sources[irq].is_arg = arg;
	gic->enable(irq);
}

/* Install fn as the handler of an IPI (SGIs are always enabled). */
void
intr_establish_ipi(u_int ipi, intr_handler_t *fn, void *arg)
{
	KASSERT(ipi < 16, ("intr_establish_ipi: bad ipi %u", ipi));
	intr_sources[ipi].is_fn = fn;
	intr_sources[ipi].is_arg = arg;
}

/* Interrupt cpu with the given IPI. */
void
intr_ipi_send(u_int cpu, u_int ipi)
{
	gic->send_sgi(cpu, ipi);
}

/* Send an IPI to every other online CPU. */
void
intr_ipi_broadcast(u_int ipi)
{
	u_int cpu;

	if (gic == NULL)
		return;
	for (cpu = 0; cpu < mp_ncpus; cpu++)
		if (cpu != curcpu_id() && pcpu_array[cpu].pc_online)
			gic->send_sgi(cpu, ipi);
}

/*
 * The INTID of entry index of node's "interrupts" property, in the GIC's
 * three-cell form <type number flags> (type 0 SPI, 1 PPI).  0 if absent.
 */
u_int
intr_dt_irq(const void *dtb, int node, int index)
{
	uint32_t type, num;

	if (fdt_prop_cell(dtb, node, "interrupts", index * 3, &type) != 0 ||
	    fdt_prop_cell(dtb, node, "interrupts", index * 3 + 1, &num) != 0)
		return (0);
	return (type == 1 ? 16 + num : 32 + num);
}

/*
 * The IRQ exception: handle every pending interrupt, then return.  An IRQ
 * taken in the kernel never interrupts exception_return_el1 past its
 * masking of interrupts: it would have overwritten the ELR_EL1 and
 * SPSR_EL1 that sequence had just loaded.
 */
void
intr_irq_handler(struct trapframe *tf)
{
	struct intr_source *is;
	u_int irq;

	KASSERT((tf->tf_spsr & PSR_M_MASK) == PSR_M_EL0t ||
	    tf->tf_elr <= (uint64_t)exception_return_el1 ||
	    tf->tf_elr >= (uint64_t)exception_return_el1_end,
	    ("intr_irq_handler: IRQ inside the EL1 exception return at %#lx",
	    tf->tf_elr));
	for (;;) {
		irq = gic->ack();
		if (irq >= INTR_NIRQ)
			break;
		if (irq < 16)
			curpcpu()->pc_ipis++;
		is = &intr_sources[irq];
		if (is->is_fn != NULL)
			is->is_fn(is->is_arg);
		else
			printf("intr: stray interrupt %u on CPU %u\n", irq,
			    curcpu_id());
		gic->eoi(irq);
	}
}
