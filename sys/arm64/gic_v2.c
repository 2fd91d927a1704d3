/*
 * GICv2 (Arm IHI 0048B): a memory-mapped distributor (GICD) shared by all
 * CPUs and a memory-mapped CPU interface (GICC) banked per CPU.  SGIs are
 * targeted by CPU interface number, which each CPU reads from its banked
 * GICD_ITARGETSR0.
 */
#include "sys/systm.h"
#include "sys/fdt.h"
#include "sys/param.h"
#include "sys/pcpu.h"
#include "machine/cpufunc.h"
#include "machine/intr.h"
#include "machine/pmap.h"

#define GICD_CTLR		0x000
#define GICD_TYPER		0x004
#define GICD_ISENABLER(n)	(0x100 + 4 * ((n) / 32))
#define GICD_IPRIORITYR(n)	(0x400 + (n))
#define GICD_ITARGETSR(n)	(0x800 + (n))
#define GICD_SGIR		0xf00
#define GICC_CTLR		0x000
#define GICC_PMR		0x004
#define GICC_IAR		0x00c
#define GICC_EOIR		0x010

static vm_offset_t gicd, gicc;
static uint8_t gic_v2_cpu_mask[MAXCPU];	/* (C) CPU interface bit per CPU */

static inline uint32_t rd32(vm_offset_t a) { return (*(volatile uint32_t *)a); }
static inline void wr32(vm_offset_t a, uint32_t v) { *(volatile uint32_t *)a = v; }
static inline void wr8(vm_offset_t a, uint8_t v) { *(volatile uint8_t *)a = v; }

static void
gic_v2_init_cpu(void)
{
	gic_v2_cpu_mask[curcpu_id()] = rd32(gicd + GICD_ITARGETSR(0)) & 0xff;
	wr32(gicd + GICD_ISENABLER(0), 0xffff);		/* SGIs */
	wr32(gicc + GICC_PMR, 0xff);
	wr32(gicc + GICC_CTLR, 1);
}

static void
gic_v2_enable(u_int irq)
{
	wr8(gicd + GICD_IPRIORITYR(irq), 0x80);
	if (irq >= 32)
		wr8(gicd + GICD_ITARGETSR(irq), gic_v2_cpu_mask[0]);
	wr32(gicd + GICD_ISENABLER(irq), 1u << (irq % 32));
}

static u_int
gic_v2_ack(void)
{
	return (rd32(gicc + GICC_IAR) & 0x3ff);
}

static void
gic_v2_eoi(u_int irq)
{
	wr32(gicc + GICC_EOIR, irq);
}

static void
gic_v2_send_sgi(u_int cpu, u_int sgi)
{
	dsb(ishst);
	wr32(gicd + GICD_SGIR, ((uint32_t)gic_v2_cpu_mask[cpu] << 16) | sgi);
}

static const struct gic_ops gic_v2_ops = {
	.name = "GICv2",
	.init_cpu = gic_v2_init_cpu,
	.enable = gic_v2_enable,
	.ack = gic_v2_ack,
	.eoi = gic_v2_eoi,
	.send_sgi = gic_v2_send_sgi,
};

/* Map and enable a GICv2 distributor if the device tree has one; 0 if so. */
int
gic_v2_probe(const void *dtb, const struct gic_ops **ops)
{
	uint64_t daddr, dsize, caddr, csize;
	int node;

	node = fdt_find_compatible(dtb, -1, "arm,cortex-a15-gic");
	if (node < 0)
		node = fdt_find_compatible(dtb, -1, "arm,gic-400");
	if (node < 0 || fdt_get_reg(dtb, node, 0, &daddr, &dsize) != 0 ||
	    fdt_get_reg(dtb, node, 1, &caddr, &csize) != 0)
		return (-1);
	gicd = pmap_mapdev(daddr, dsize);
	gicc = pmap_mapdev(caddr, csize);
	wr32(gicd + GICD_CTLR, 1);
	*ops = &gic_v2_ops;
	return (0);
}
