/*
 * arm64 system register fields the kernel programs.  Usable from C and
 * from assembly.  Bit positions are from the Arm ARM (DDI 0487), section
 * D19 (AArch64 system register descriptions).
 */
#ifndef _MACHINE_ARMREG_H_
#define _MACHINE_ARMREG_H_

#ifdef __ASSEMBLY__
#define UL(x)	x
#else
#define UL(x)	x##UL
#endif

/* CurrentEL: EL in bits 3:2. */
#define CURRENTEL_EL_SHIFT	2

/* HCR_EL2: what EL2 traps or allows for EL1 and EL0. */
#define HCR_RW			(UL(1) << 31)	/* EL1 is AArch64 */
#define HCR_ATA			(UL(1) << 56)	/* EL1/EL0 may use MTE tags */

/*
 * CPTR_EL2 (HCR_EL2.E2H = 0): its RES1 bits (13:12, 9:0) with TFP, TTA,
 * TAM and TCPAC clear, so EL2 traps nothing (FP/SIMD included).
 */
#define CPTR_EL2_TRAP_NONE	UL(0x33ff)

/*
 * The GICv3 CPU interface system registers (Arm IHI 0069, chapter 12,
 * "GIC system register descriptions").
 */
/* ICC_SRE_EL1: use the system-register interface. */
#define ICC_SRE_EL1_SRE		(UL(1) << 0)
/* ICC_PMR_EL1: priority mask; 0xff lets every priority through. */
#define ICC_PMR_ALL		UL(0xff)
/* ICC_IGRPEN1_EL1: Group 1 interrupts enabled. */
#define ICC_IGRPEN1_EN		(UL(1) << 0)
/* ICC_IAR1_EL1: INTID in bits 23:0. */
#define ICC_IAR_INTID_MASK	UL(0xffffff)
/*
 * ICC_SGI1R_EL1: Aff3 55:48, Aff2 39:32, INTID 27:24, Aff1 23:16, and a
 * target list (bit n: the CPU with Aff0 = n) in 15:0.
 */
#define ICC_SGI1R_AFF3_SHIFT	48
#define ICC_SGI1R_AFF2_SHIFT	32
#define ICC_SGI1R_INTID_SHIFT	24
#define ICC_SGI1R_AFF1_SHIFT	16
#define ICC_SGI1R_TARGET_AFF0_MASK UL(0xf)	/* Aff0 that fits the list */

/* ICC_SRE_EL2: EL1 may use the GICv3 system-register CPU interface. */
#define ICC_SRE_EL2_SRE		(UL(1) << 0)
#define ICC_SRE_EL2_ENABLE	(UL(1) << 3)

/* CNTHCTL_EL2: let EL1 read the physical counter and timer. */
#define CNTHCTL_EL1PCTEN	(UL(1) << 0)
#define CNTHCTL_EL1PCEN		(UL(1) << 1)

/* SPSR / PSTATE. */
#define PSR_M_EL0t		UL(0x0)
#define PSR_M_EL1h		UL(0x5)
#define PSR_M_MASK		UL(0xf)
#define PSR_M_32		(UL(1) << 4)	/* AArch32 state */
#define PSR_F			(UL(1) << 6)
#define PSR_I			(UL(1) << 7)
#define PSR_A			(UL(1) << 8)
#define PSR_D			(UL(1) << 9)
#define PSR_DAIF		(PSR_D | PSR_A | PSR_I | PSR_F)
#define PSR_SS_SHIFT		21
#define PSR_SS			(UL(1) << PSR_SS_SHIFT)	/* software step */
#define PSR_PAN			(UL(1) << 22)	/* privileged access never */
#define PSR_TCO			(UL(1) << 25)	/* tag check override */
#define PSR_C			(UL(1) << 29)	/* carry: system call failed */

/* The immediate of MSR DAIFSet/DAIFClr (C5.2.3): D 8, A 4, I 2, F 1. */
#define DAIF_I_IMM		0x2
#define DAIF_F_IMM		0x1
#define DAIF_INTR_IMM		(DAIF_I_IMM | DAIF_F_IMM)	/* IRQ and FIQ */

/*
 * MPIDR_EL1 (D19.2.90): the CPU's affinity, Aff3 in bits 39:32 and Aff2,
 * Aff1, Aff0 in bits 23:0; the device tree's cpu reg values use the same
 * fields.
 */
#define MPIDR_AFF_MASK		UL(0xff00ffffff)
#define MPIDR_AFF_FIELD_MASK	UL(0xff)	/* each AffN is 8 bits */
#define MPIDR_AFF0_SHIFT	0
#define MPIDR_AFF1_SHIFT	8
#define MPIDR_AFF2_SHIFT	16
#define MPIDR_AFF3_SHIFT	32
#define MPIDR_AFF(mpidr, n)	(((mpidr) >> MPIDR_AFF##n##_SHIFT) & MPIDR_AFF_FIELD_MASK)

/* CPACR_EL1: FP/SIMD not trapped at EL0 or EL1. */
#define CPACR_FPEN_NOTRAP	(UL(3) << 20)

/* CNTKCTL_EL1: EL0 may read CNTVCT_EL0 (and so CNTFRQ_EL0). */
#define CNTKCTL_EL0VCTEN	(UL(1) << 1)

/*
 * DCZID_EL0: DC ZVA zeroes 4 << BS bytes (BS: log2 of the block size in
 * 4-byte words), unless DZP says it is prohibited.
 */
#define DCZID_BS_MASK		UL(0xf)
#define DCZID_DZP		(UL(1) << 4)

/*
 * SCTLR_EL1.  RES1 bits 29, 28, 22, 20 and 11 are set (LSMAOE, nTLSMD, EIS,
 * TSCXT, EOS); SPAN (bit 23) is clear so every exception to EL1 sets PAN.
 */
#define SCTLR_M			(UL(1) << 0)	/* MMU on */
#define SCTLR_A			(UL(1) << 1)
#define SCTLR_C			(UL(1) << 2)	/* data cacheable */
#define SCTLR_SA		(UL(1) << 3)	/* EL1 stack alignment check */
#define SCTLR_SA0		(UL(1) << 4)	/* EL0 stack alignment check */
#define SCTLR_I			(UL(1) << 12)	/* instruction cacheable */
#define SCTLR_DZE		(UL(1) << 14)	/* EL0 may use DC ZVA */
#define SCTLR_UCT		(UL(1) << 15)	/* EL0 may read CTR_EL0 */
#define SCTLR_nTWI		(UL(1) << 16)
#define SCTLR_nTWE		(UL(1) << 18)
#define SCTLR_WXN		(UL(1) << 19)	/* writable implies XN */
#define SCTLR_SPAN		(UL(1) << 23)
#define SCTLR_ITFSB		(UL(1) << 37)	/* sync async tag faults on entry */
#define SCTLR_TCF0_SHIFT	38		/* EL0 tag check mode */
#define SCTLR_TCF0_MASK		(UL(3) << 38)
#define SCTLR_TCF_SHIFT		40		/* EL1 tag check mode */
#define SCTLR_TCF_MASK		(UL(3) << 40)
#define SCTLR_ATA0		(UL(1) << 42)	/* EL0 tag access */
#define SCTLR_ATA		(UL(1) << 43)	/* EL1 tag access */
#define SCTLR_RES1		(UL(0x30500800))
/* WXN comes later (cpu_harden): locore's boot maps are writable and run code. */
#define SCTLR_BOOT		(SCTLR_RES1 | SCTLR_M | SCTLR_C | SCTLR_SA | SCTLR_SA0 | \
				 SCTLR_I | SCTLR_UCT | SCTLR_DZE)

/*
 * MAIR_EL1 attribute indexes, used in AttrIndx of every descriptor.
 * VM_MEMATTR_TAGGED starts out as plain write-back memory and becomes
 * 0xF0 (Tagged Normal) only when FEAT_MTE2 is present (mte.c).
 */
#define VM_MEMATTR_DEVICE	0	/* Device-nGnRnE */
#define VM_MEMATTR_WRITE_BACK	1	/* Normal, inner/outer WB */
#define VM_MEMATTR_TAGGED	2	/* Normal WB, Tagged (MTE) */
#define VM_MEMATTR_UNCACHEABLE	3	/* Normal non-cacheable */
#define MAIR_ATTR_TAGGED	UL(0xf0)
/* MAIR_EL1 (D19.2.85): attribute n is the byte at bits 8n+7:8n. */
#define MAIR_ATTR_MASK		UL(0xff)
#define MAIR_ATTR_SHIFT(n)	(8 * (n))
#define MAIR_BOOT		UL(0x44ffff00)

/*
 * TCR_EL1: 48-bit VA in both halves (T0SZ = T1SZ = 16), 4 KiB granules,
 * inner-shareable write-back walks, 16-bit ASIDs taken from TTBR0, and the
 * top byte of user addresses ignored (TBI0) so tagged pointers work.
 * IPS is filled in from ID_AA64MMFR0_EL1.PARange at boot.
 */
#define TCR_T0SZ_48		UL(16)
#define TCR_T1SZ_48		(UL(16) << 16)
#define TCR_IRGN0_WB		(UL(1) << 8)
#define TCR_ORGN0_WB		(UL(1) << 10)
#define TCR_SH0_IS		(UL(3) << 12)
#define TCR_TG0_4K		(UL(0) << 14)
#define TCR_IRGN1_WB		(UL(1) << 24)
#define TCR_ORGN1_WB		(UL(1) << 26)
#define TCR_SH1_IS		(UL(3) << 28)
#define TCR_TG1_4K		(UL(2) << 30)
#define TCR_IPS_SHIFT		32
#define TCR_IPS_WIDTH		3
#define TCR_AS			(UL(1) << 36)
#define TCR_TBI0		(UL(1) << 37)
#define TCR_HA			(UL(1) << 39)	/* hardware sets AF */
#define TCR_BOOT		(TCR_T0SZ_48 | TCR_T1SZ_48 | TCR_IRGN0_WB | \
				 TCR_ORGN0_WB | TCR_SH0_IS | TCR_TG0_4K | \
				 TCR_IRGN1_WB | TCR_ORGN1_WB | TCR_SH1_IS | \
				 TCR_TG1_4K | TCR_AS | TCR_TBI0)

/*
 * TTBR0_EL1 holds the address space's ASID in bits 63:48 (16-bit ASIDs,
 * TCR_EL1.AS); so does the operand of the TLBI ...E1IS forms that take an
 * ASID, whose bits 43:0 hold the virtual page number (VA >> 12).
 */
#define TTBR_ASID_SHIFT		48
#define TLBI_ASID_SHIFT		48
#define TLBI_VA_SHIFT		12

/* ID register fields are 4 bits wide. */
#define ID_FIELD_WIDTH		4
#define ID_FIELD_MASK		UL(0xf)
/* ID_AA64MMFR0_EL1.PARange (bits 3:0); values 0-6 fit TCR_EL1.IPS (3 bits). */
#define ID_AA64MMFR0_PARANGE_MASK UL(0x7)
/* ID_AA64MMFR1_EL1.HAFDBS (bits 3:0): hardware access (and dirty) flags. */
#define ID_AA64MMFR1_HAFDBS_MASK UL(0xf)
/* ID_AA64PFR0_EL1.GIC (bits 27:24): GICv3 system registers present. */
#define ID_AA64PFR0_GIC_SHIFT	24
/* ID_AA64PFR1_EL1.MTE (bits 11:8): 1 EL0 insns only, 2 MTE2, 3 MTE3. */
#define ID_AA64PFR1_MTE_SHIFT	8

/*
 * ESR_ELx, the syndrome of a synchronous exception (Arm ARM D19.2.46):
 *
 *   63     32 31    26 25  24                                       0
 *  +---------+--------+----+------------------------------------------+
 *  |  RES0   |   EC   | IL |                   ISS                    |
 *  +---------+--------+----+------------------------------------------+
 *
 * EC is the exception class; IL is set for a 32-bit instruction; ISS
 * depends on EC.  For SVC and BRK it holds the instruction's 16-bit
 * immediate.  For an instruction or data abort, bits 5:0 are the fault
 * status code (IFSC/DFSC) and, for a data abort, bit 6 (WnR) says a write
 * faulted.
 */
#define ESR_EC_SHIFT		26
#define ESR_EC_MASK		UL(0x3f)
#define ESR_IL			(UL(1) << 25)
#define ESR_ISS_MASK		UL(0x1ffffff)
#define EXCP_UNKNOWN		0x00
#define EXCP_WFI_WFE		0x01
#define EXCP_FP_SIMD		0x07
#define EXCP_ILL_STATE		0x0e
#define EXCP_SVC64		0x15
#define EXCP_MSR		0x18
#define EXCP_INSN_ABORT_L	0x20
#define EXCP_INSN_ABORT		0x21
#define EXCP_PC_ALIGN		0x22
#define EXCP_DATA_ABORT_L	0x24
#define EXCP_DATA_ABORT		0x25
#define EXCP_SP_ALIGN		0x26
#define EXCP_SERROR		0x2f
#define EXCP_BRKPT_EL0		0x30	/* hardware breakpoint, lower EL */
#define EXCP_BRKPT_EL1		0x31
#define EXCP_SOFTSTP_EL0	0x32	/* software step */
#define EXCP_SOFTSTP_EL1	0x33
#define EXCP_WATCHPT_EL0	0x34	/* watchpoint */
#define EXCP_WATCHPT_EL1	0x35
#define EXCP_BRK		0x3c
#define ISS_IMM16_MASK		UL(0xffff)	/* SVC/BRK immediate */
#define ISS_DATA_WnR		(UL(1) << 6)
#define ISS_FSC_MASK		UL(0x3f)	/* DFSC or IFSC */

/*
 * Fault status codes (DFSC/IFSC).  The first four kinds come with the
 * translation level in bits 1:0 (ISS_FSC_LEVEL_MASK) and are told apart
 * by bits 5:2 (ISS_FSC_TYPE_MASK).
 */
#define ISS_FSC_TYPE_MASK	UL(0x3c)
#define ISS_FSC_LEVEL_MASK	UL(0x03)
#define ISS_FSC_ADDR_SIZE	0x00	/* address size fault, level 0-3 */
#define ISS_FSC_TRANSLATION	0x04	/* translation fault, level 0-3 */
#define ISS_FSC_ACCESS_FLAG	0x08	/* access flag fault, level 0-3 */
#define ISS_FSC_PERMISSION	0x0c	/* permission fault, level 0-3 */
#define ISS_FSC_EXTERNAL	0x10	/* synchronous external abort */
#define ISS_FSC_TAG_CHECK	0x11	/* synchronous tag check fault (MTE) */
#define ISS_FSC_ALIGNMENT	0x21
#define ISS_FSC_TLB_CONFLICT	0x30

/* GCR_EL1 (D19.2.51): the tags IRG must not produce (bits 15:0), random source. */
#define GCR_EXCLUDE_MASK	UL(0xffff)	/* bit n set: IRG never gives tag n */
#define GCR_RRND		(UL(1) << 16)

/* GMID_EL1 (D19.2.52): LDGM/STGM move 4 << BS bytes' tags (BS in bits 3:0). */
#define GMID_BS_MASK		UL(0xf)

/* TFSR_EL1 / TFSRE0_EL1: asynchronous tag check fault happened. */
#define TFSR_TF0		(UL(1) << 0)
#define TFSR_TF1		(UL(1) << 1)

/*
 * MDSCR_EL1, the debug control: SS enables software step (Arm ARM "Software
 * Step exceptions"): with it set, an ERET to EL0 with SPSR.SS set runs one
 * instruction and then takes a Software Step exception.  KDE (debug
 * exceptions at EL1) stays clear, so the kernel is never stepped.
 */
#define MDSCR_SS		(UL(1) << 0)
#define MDSCR_KDE		(UL(1) << 13)

#endif /* !_MACHINE_ARMREG_H_ */
