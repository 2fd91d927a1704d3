/*
 * GICv3 (Arm IHI 0069): a distributor (GICD) for SPIs, one redistributor
 * (GICR) per CPU for its SGIs and PPIs, and a CPU interface reached
 * through ICC_* system registers.  SPIs are routed by affinity; SGIs name
 * their target by MPIDR affinity in ICC_SGI1R_EL1.
 */
#include "sys/systm.h"
#include "sys/fdt.h"
#include "sys/param.h"
#include "sys/pcpu.h"
#include "machine/armreg.h"
#include "machine/cpufunc.h"
#include "machine/intr.h"
#include "machine/pmap.h"

#define GICD_CTLR		0x0000
#define GICD_CTLR_RWP		(1u << 31)
#define GICD_CTLR_ARE		(1u << 4)
#define GICD_CTLR_G1		(1u << 1)
#define GICD_IGROUPR(n)		(0x0080 + 4 * ((n) / 32))
#define GICD_ISENABLER(n)	(0x0100 + 4 * ((n) / 32))
#define GICD_IPRIORITYR(n)	(0x0400 + (n))
#define GICD_IROUTER(n)		(0x6000 + 8 * (n))

#define GICR_FRAME_SIZE		0x20000		/* RD_base + SGI_base */
#define GICR_TYPER		0x0008
#define GICR_TYPER_LAST		(1u << 4)
#define GICR_WAKER		0x0014
#define GICR_WAKER_PSLEEP	(1u << 1)
#define GICR_WAKER_CASLEEP	(1u << 2)
#define GICR_SGI		0x10000		/* SGI_base within a frame */
#define GICR_IGROUPR0		(GICR_SGI + 0x0080)
#define GICR_ISENABLER0		(GICR_SGI + 0x0100)
#define GICR_IPRIORITYR(n)	(GICR_SGI + 0x0400 + (n))

static vm_offset_t gicd, gicr_base;
static vm_size_t gicr_size;
static vm_offset_t gicr_cpu[MAXCPU];	/* (C) each CPU's redistributor */

static inline uint32_t rd32(vm_offset_t a) { return (*(volatile uint32_t *)a); }
static inline uint64_t rd64(vm_offset_t a) { return (*(volatile uint64_t *)a); }
static inline void wr32(vm_offset_t a, uint32_t v) { *(volatile uint32_t *)a = v; }
static inline void wr64(vm_offset_t a, uint64_t v) { *(volatile uint64_t *)a = v; }
static inline void wr8(vm_offset_t a, uint8_t v) { *(volatile uint8_t *)a = v; }

/* MPIDR affinity as GICR_TYPER and GICD_IROUTER spell it: Aff3.Aff2.Aff1.Aff0. */
static uint32_t
mpidr_aff32(uint64_t mpidr)
{
	return ((uint32_t)(MPIDR_AFF(mpidr, 3) << 24 | MPIDR_AFF(mpidr, 2) << 16 |
	    MPIDR_AFF(mpidr, 1) << 8 | MPIDR_AFF(mpidr, 0)));
}

/* Find this CPU's redistributor, wake it, enable SGIs and the CPU interface. */
static void
gic_v3_init_cpu(void)
{
	uint64_t mpidr = READ_SPECIALREG(mpidr_el1);
	vm_offset_t rd;
	uint64_t typer;

	for (rd = gicr_base; rd < gicr_base + gicr_size; rd += GICR_FRAME_SIZE) {
		typer = rd64(rd + GICR_TYPER);
		if ((uint32_t)(typer >> 32) == mpidr_aff32(mpidr))
			break;
		if (typer & GICR_TYPER_LAST)
			panic("gic_v3: no redistributor for MPIDR %#lx", mpidr);
	}
	KASSERT(rd < gicr_base + gicr_size,
	    ("gic_v3: no redistributor for MPIDR %#lx", mpidr));
	gicr_cpu[curcpu_id()] = rd;
	wr32(rd + GICR_WAKER, rd32(rd + GICR_WAKER) & ~GICR_WAKER_PSLEEP);
	while (rd32(rd + GICR_WAKER) & GICR_WAKER_CASLEEP)
		cpu_spinwait();
	wr32(rd + GICR_IGROUPR0, 0xffffffff);
	wr32(rd + GICR_ISENABLER0, 0xffff);		/* SGIs */

	WRITE_SPECIALREG(S3_0_C12_C12_5, READ_SPECIALREG(S3_0_C12_C12_5) |
	    ICC_SRE_EL1_SRE);				/* ICC_SRE_EL1 */
	isb();
	WRITE_SPECIALREG(S3_0_C4_C6_0, ICC_PMR_ALL);	/* ICC_PMR_EL1 */
	WRITE_SPECIALREG(S3_0_C12_C12_3, 0);		/* ICC_BPR1_EL1 */
	WRITE_SPECIALREG(S3_0_C12_C12_7, ICC_IGRPEN1_EN); /* ICC_IGRPEN1_EL1 */
	isb();
}

static void
gic_v3_enable(u_int irq)
{
	vm_offset_t rd = gicr_cpu[curcpu_id()];

	if (irq < 32) {
		wr8(rd + GICR_IPRIORITYR(irq), 0x80);
		wr32(rd + GICR_ISENABLER0, 1u << irq);
		return;
	}
	wr32(gicd + GICD_IGROUPR(irq), rd32(gicd + GICD_IGROUPR(irq)) |
	    1u << (irq % 32));
	wr8(gicd + GICD_IPRIORITYR(irq), 0x80);
	wr64(gicd + GICD_IROUTER(irq), mpidr_aff32(pcpu_array[0].pc_mpidr) &
	    0xffffff);
	wr32(gicd + GICD_ISENABLER(irq), 1u << (irq % 32));
}

static u_int
gic_v3_ack(void)
{
	u_int irq = READ_SPECIALREG(S3_0_C12_C12_0) &	/* ICC_IAR1_EL1 */
	    ICC_IAR_INTID_MASK;

	dsb(sy);
	return (irq);
}

static void
gic_v3_eoi(u_int irq)
{
	WRITE_SPECIALREG(S3_0_C12_C12_1, irq);		/* ICC_EOIR1_EL1 */
	isb();
}

/* Send SGI sgi to cpu through ICC_SGI1R_EL1 (fields in machine/armreg.h). */
static void
gic_v3_send_sgi(u_int cpu, u_int sgi)
{
	uint64_t mpidr = pcpu_array[cpu].pc_mpidr;

	dsb(ishst);
	WRITE_SPECIALREG(S3_0_C12_C11_5,
	    MPIDR_AFF(mpidr, 3) << ICC_SGI1R_AFF3_SHIFT |
	    MPIDR_AFF(mpidr, 2) << ICC_SGI1R_AFF2_SHIFT |
	    (uint64_t)sgi << ICC_SGI1R_INTID_SHIFT |
	    MPIDR_AFF(mpidr, 1) << ICC_SGI1R_AFF1_SHIFT |
	    1UL << (MPIDR_AFF(mpidr, 0) & ICC_SGI1R_TARGET_AFF0_MASK));
	isb();
}

static const struct gic_ops gic_v3_ops = {
	.name = "GICv3",
	.init_cpu = gic_v3_init_cpu,
	.enable = gic_v3_enable,
	.ack = gic_v3_ack,
	.eoi = gic_v3_eoi,
	.send_sgi = gic_v3_send_sgi,
};

/* Map and enable a GICv3 distributor if the device tree has one; 0 if so. */
int
gic_v3_probe(const void *dtb, const struct gic_ops **ops)
{
	uint64_t daddr, dsize, raddr;
	int node;

	node = fdt_find_compatible(dtb, -1, "arm,gic-v3");
	if (node < 0 || fdt_get_reg(dtb, node, 0, &daddr, &dsize) != 0 ||
	    fdt_get_reg(dtb, node, 1, &raddr, &gicr_size) != 0)
		return (-1);
	gicd = pmap_mapdev(daddr, dsize);
	gicr_base = pmap_mapdev(raddr, gicr_size);
	wr32(gicd + GICD_CTLR, GICD_CTLR_ARE | GICD_CTLR_G1);
	while (rd32(gicd + GICD_CTLR) & GICD_CTLR_RWP)
		cpu_spinwait();
	*ops = &gic_v3_ops;
	return (0);
}
