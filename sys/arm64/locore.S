/*
 * The first instructions: QEMU enters _start at the physical load address
 * with the MMU off and the DTB's physical address in x0, at EL1 or EL2.
 * locore drops to EL1, clears .bss, maps the kernel image at KERNBASE
 * (2 MiB blocks) and identity-maps the 1 GiB blocks holding the kernel and
 * the DTB, turns the MMU on and calls initarm() at the kernel's link
 * address.  pmap_bootstrap() then replaces these coarse tables.
 *
 * Secondary CPUs enter at mpentry (PSCI CPU_ON) with their CPU number in
 * x0 and take the tables the boot CPU left in ap_boot_ttbr0/1.
 */
#include "machine/armreg.h"
#include "machine/pte.h"

#define BOOT_BLOCK_ATTR	(ATTR_AF | ATTR_SH_IS | ATTR_IDX(VM_MEMATTR_WRITE_BACK))

/* Load the physical address of a symbol (PC-relative, so right with the MMU off). */
.macro	adr_pa reg, sym
	adrp	\reg, \sym
	add	\reg, \reg, :lo12:\sym
.endm

/*
 * The arm64 Linux image header (Documentation/arch/arm64/booting.rst), so
 * QEMU loads the kernel as a Linux Image: 2 MiB aligned, with the DTB's
 * address in x0 and, with virtualization=on, entered at EL2.
 */
	.section .text.boot, "ax"
	.globl	_head
_head:
	b	_start				/* code0 */
	.long	0				/* code1 */
	.quad	0x200000			/* text_offset from a 2 MiB base */
	.quad	__kernel_size			/* image size including .bss */
	.quad	0xa				/* LE, 4 KiB pages, anywhere */
	.quad	0, 0, 0
	.ascii	"ARM\x64"			/* magic */
	.long	0

	.globl	_start
_start:
	mov	x19, x0				/* DTB physical address */
	bl	drop_to_el1
	adr	x20, _head			/* physical load address */

	/* Clear .bss (page tables live there). */
	adr_pa	x0, __bss_start
	adr_pa	x1, __bss_end
1:	cmp	x0, x1
	b.hs	2f
	stp	xzr, xzr, [x0], #16
	b	1b
2:
	/*
	 * TTBR1: L0 -> L1 -> L2, with 2 MiB blocks for the image.  KERNBASE
	 * is the start of the upper half, so each table's index 0 is used.
	 */
	adr_pa	x0, boot_l0_ttbr1
	adr_pa	x1, boot_l1_ttbr1
	orr	x2, x1, #L0_TABLE
	str	x2, [x0]
	adr_pa	x0, boot_l2_ttbr1
	orr	x2, x0, #L1_TABLE
	str	x2, [x1]
	adr_pa	x3, __kernel_end
	sub	x3, x3, x20			/* image size */
	mov	x4, x20				/* next PA to map */
	mov	x5, #(BOOT_BLOCK_ATTR | L2_BLOCK)
3:	orr	x2, x4, x5
	str	x2, [x0], #8
	add	x4, x4, #L2_SIZE
	sub	x6, x4, x20
	cmp	x6, x3
	b.lo	3b

	/* TTBR0: identity map of the kernel's and the DTB's 1 GiB blocks. */
	adr_pa	x0, boot_l0_ttbr0
	adr_pa	x1, boot_l1_ttbr0
	orr	x2, x1, #L0_TABLE
	str	x2, [x0]
	mov	x0, x20
	bl	identity_map_gib
	mov	x0, x19
	bl	identity_map_gib

	adr_pa	x0, boot_l0_ttbr0
	adr_pa	x1, boot_l0_ttbr1
	adr_pa	x2, ap_boot_ttbr0
	str	x0, [x2]
	bl	enable_mmu

	ldr	x0, =virt_start
	br	x0
virt_start:
	ldr	x0, =boot_stack_top
	mov	sp, x0
	mov	x29, xzr
	ldr	x0, =exception_vectors
	msr	vbar_el1, x0
	isb
	mov	x0, x19
	mov	x1, x20
	bl	initarm
	b	.

/*
 * identity_map_gib(x0 = PA): map the 1 GiB block holding x0 at VA == PA
 * in boot_l1_ttbr0.  Physical addresses below 512 GiB only (one L0 slot).
 */
identity_map_gib:
	adr_pa	x1, boot_l1_ttbr0
	ubfx	x2, x0, #L1_SHIFT, #Ln_ENTRIES_SHIFT
	lsr	x3, x0, #L1_SHIFT
	lsl	x3, x3, #L1_SHIFT
	mov	x4, #(BOOT_BLOCK_ATTR | L1_BLOCK)
	orr	x3, x3, x4
	str	x3, [x1, x2, lsl #3]
	ret

/*
 * drop_to_el1: if entered at EL2, let EL1 run AArch64 with tags, timers and
 * FP untrapped, then eret to EL1 at the caller's return address.
 */
drop_to_el1:
	mrs	x0, CurrentEL
	lsr	x0, x0, #CURRENTEL_EL_SHIFT
	cmp	x0, #2
	b.ne	1f
	ldr	x0, =(HCR_RW | HCR_ATA)
	msr	hcr_el2, x0
	mov	x0, #(CNTHCTL_EL1PCTEN | CNTHCTL_EL1PCEN)
	msr	cnthctl_el2, x0
	msr	cntvoff_el2, xzr
	mov	x0, #CPTR_EL2_TRAP_NONE
	msr	cptr_el2, x0
	msr	hstr_el2, xzr
	msr	vttbr_el2, xzr
	mrs	x0, midr_el1
	msr	vpidr_el2, x0
	mrs	x0, mpidr_el1
	msr	vmpidr_el2, x0
	/* With GICv3, let EL1 use the system-register CPU interface. */
	mrs	x0, id_aa64pfr0_el1
	ubfx	x0, x0, #ID_AA64PFR0_GIC_SHIFT, #ID_FIELD_WIDTH
	cbz	x0, 2f
	mrs	x0, S3_4_C12_C9_5		/* ICC_SRE_EL2 */
	mov	x1, #(ICC_SRE_EL2_ENABLE | ICC_SRE_EL2_SRE)
	orr	x0, x0, x1
	msr	S3_4_C12_C9_5, x0
	isb
2:	ldr	x0, =SCTLR_RES1
	msr	sctlr_el1, x0
	mov	x0, #(PSR_DAIF | PSR_M_EL1h)
	msr	spsr_el2, x0
	msr	elr_el2, x30
	isb
	eret
1:	ret

/*
 * enable_mmu(x0 = TTBR0 PA, x1 = TTBR1 PA): program MAIR, TCR and SCTLR and
 * turn translation on.  Clobbers x0-x3.
 */
enable_mmu:
	msr	ttbr0_el1, x0
	msr	ttbr1_el1, x1
	ldr	x0, =MAIR_BOOT
	msr	mair_el1, x0
	ldr	x0, =TCR_BOOT
	mrs	x1, id_aa64mmfr0_el1
	and	x1, x1, #ID_AA64MMFR0_PARANGE_MASK
	bfi	x0, x1, #TCR_IPS_SHIFT, #TCR_IPS_WIDTH
	msr	tcr_el1, x0
	ldr	x0, =CPACR_FPEN_NOTRAP
	msr	cpacr_el1, x0
	isb
	tlbi	vmalle1
	dsb	nsh
	isb
	ldr	x0, =SCTLR_BOOT
	msr	sctlr_el1, x0
	isb
	ret

/* Secondary CPU entry from PSCI CPU_ON: x0 = CPU number. */
	.globl	mpentry
mpentry:
	mov	x19, x0
	bl	drop_to_el1
	adr_pa	x2, ap_boot_ttbr0
	ldr	x0, [x2]
	adr_pa	x2, ap_boot_ttbr1
	ldr	x1, [x2]
	bl	enable_mmu
	ldr	x0, =mp_virt_start
	br	x0
mp_virt_start:
	ldr	x0, =ap_boot_stack
	ldr	x0, [x0, x19, lsl #3]
	mov	sp, x0
	mov	x29, xzr
	ldr	x0, =exception_vectors
	msr	vbar_el1, x0
	isb
	mov	x0, x19
	bl	init_secondary
	b	.

	.bss
	.balign	4096
	.globl	boot_l0_ttbr1
boot_l0_ttbr0:	.space	4096
boot_l1_ttbr0:	.space	4096
boot_l0_ttbr1:	.space	4096
boot_l1_ttbr1:	.space	4096
boot_l2_ttbr1:	.space	4096
	.balign	16
boot_stack:	.space	16384
boot_stack_top:
