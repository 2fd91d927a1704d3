/*
 * Exception vectors (Arm ARM D1.10.2: 16 entries of 0x80 bytes, by source
 * EL and type).  Every taken exception saves a struct trapframe on the
 * current kernel stack, links it into the frame-pointer chain so
 * backtraces cross it, and calls the C handler with a pointer to it.
 */
#include "machine/armreg.h"
#include "machine/asmdefs.h"
#include "machine/frame.h"
#include "machine/vmparam.h"

/* Save x0-x30, the interrupted sp, ELR, SPSR, ESR and FAR. */
.macro	save_frame el
	sub	sp, sp, #TF_SIZE
	stp	x0, x1, [sp, #(TF_X + 0 * 8)]
	stp	x2, x3, [sp, #(TF_X + 2 * 8)]
	stp	x4, x5, [sp, #(TF_X + 4 * 8)]
	stp	x6, x7, [sp, #(TF_X + 6 * 8)]
	stp	x8, x9, [sp, #(TF_X + 8 * 8)]
	stp	x10, x11, [sp, #(TF_X + 10 * 8)]
	stp	x12, x13, [sp, #(TF_X + 12 * 8)]
	stp	x14, x15, [sp, #(TF_X + 14 * 8)]
	stp	x16, x17, [sp, #(TF_X + 16 * 8)]
	stp	x18, x19, [sp, #(TF_X + 18 * 8)]
	stp	x20, x21, [sp, #(TF_X + 20 * 8)]
	stp	x22, x23, [sp, #(TF_X + 22 * 8)]
	stp	x24, x25, [sp, #(TF_X + 24 * 8)]
	stp	x26, x27, [sp, #(TF_X + 26 * 8)]
	stp	x28, x29, [sp, #(TF_X + 28 * 8)]
.if \el == 0
	mrs	x0, sp_el0
.else
	add	x0, sp, #TF_SIZE
.endif
	stp	x30, x0, [sp, #(TF_X + 30 * 8)]
	mrs	x0, elr_el1
	mrs	x1, spsr_el1
	stp	x0, x1, [sp, #TF_ELR]
	mrs	x2, esr_el1
	mrs	x3, far_el1
	stp	x2, x3, [sp, #TF_ESR]
	stp	x29, x0, [sp, #TF_FRAME]
	add	x29, sp, #TF_FRAME
	mov	x0, sp
.endm

/* Restore everything save_frame saved (sp_el0 for a return to EL0) and eret. */
.macro	restore_frame el
	ldp	x0, x1, [sp, #TF_ELR]
	msr	elr_el1, x0
	msr	spsr_el1, x1
.if \el == 0
	ldr	x0, [sp, #TF_SP]
	msr	sp_el0, x0
.endif
	ldp	x0, x1, [sp, #(TF_X + 0 * 8)]
	ldp	x2, x3, [sp, #(TF_X + 2 * 8)]
	ldp	x4, x5, [sp, #(TF_X + 4 * 8)]
	ldp	x6, x7, [sp, #(TF_X + 6 * 8)]
	ldp	x8, x9, [sp, #(TF_X + 8 * 8)]
	ldp	x10, x11, [sp, #(TF_X + 10 * 8)]
	ldp	x12, x13, [sp, #(TF_X + 12 * 8)]
	ldp	x14, x15, [sp, #(TF_X + 14 * 8)]
	ldp	x16, x17, [sp, #(TF_X + 16 * 8)]
	ldp	x18, x19, [sp, #(TF_X + 18 * 8)]
	ldp	x20, x21, [sp, #(TF_X + 20 * 8)]
	ldp	x22, x23, [sp, #(TF_X + 22 * 8)]
	ldp	x24, x25, [sp, #(TF_X + 24 * 8)]
	ldp	x26, x27, [sp, #(TF_X + 26 * 8)]
	ldp	x28, x29, [sp, #(TF_X + 28 * 8)]
	ldr	x30, [sp, #(TF_X + 30 * 8)]
	add	sp, sp, #TF_SIZE
	eret
.endm

/*
 * Catch a thread's kernel stack overflowing into its guard (see
 * machine/vmparam.h) before saving anything on it: with no register free,
 * borrow x0 through sp (sp += x0, x0 = sp - x0 gives the old sp), test
 * bits 37 (a thread stack slot) and 14 (inside the stack, not the guard),
 * and undo the borrow.  Boot and idle stacks are not in slots: bit 37 is
 * clear and they pass.
 */
.macro	check_kstack
	add	sp, sp, x0
	sub	x0, sp, x0
	tbz	x0, #KSTACK_SLOT_BIT, 1f
	tbnz	x0, #KSTACK_STACK_BIT, 1f
	sub	x0, sp, x0
	sub	sp, sp, x0
	b	kstack_overflow
1:	sub	x0, sp, x0
	sub	sp, sp, x0
.endm

.macro	vector name
	.balign	0x80
	b	\name
.endm

	.text
	.balign	2048
	.globl	exception_vectors
exception_vectors:
	vector	el1t_bad		/* current EL, SP_EL0 */
	vector	el1t_bad
	vector	el1t_bad
	vector	el1t_bad
	vector	el1_sync		/* current EL, SP_ELx */
	vector	el1_irq
	vector	el1_bad			/* FIQ */
	vector	el1_bad			/* SError */
	vector	el0_sync		/* lower EL, AArch64 */
	vector	el0_irq
	vector	el0_bad
	vector	el0_bad
	vector	el0_bad			/* lower EL, AArch32 */
	vector	el0_bad
	vector	el0_bad
	vector	el0_bad

el1_sync:
	check_kstack
	save_frame 1
	bl	trap_el1_sync
	b	exception_return_el1

el1_irq:
	check_kstack
	save_frame 1
	bl	intr_irq_handler
	/* FALLTHROUGH */

/*
 * Return to the kernel through the trap frame at sp, interrupts masked
 * from the write of ELR_EL1 to the eret: an IRQ taken in between would
 * overwrite ELR_EL1 and SPSR_EL1 with its own return address, a point in
 * this sequence, so the eret would jump back into it with sp already
 * popped, and every pass would pop one more frame until sp left the
 * stack.  A handler may have unmasked them (trap_el1_copy_fault runs
 * vm_fault with interrupts on), so they are masked here whatever it did.
 * intr_irq_handler asserts that no IRQ lands in
 * [exception_return_el1, exception_return_el1_end).
 */
	.globl	exception_return_el1
	.globl	exception_return_el1_end
exception_return_el1:
	msr	daifset, #3
	restore_frame 1
exception_return_el1_end:

/*
 * The stack overflowed: report it from this CPU's overflow stack (sp_el0
 * serves as scratch; its user value is in the frame of any user thread).
 */
kstack_overflow:
	msr	sp_el0, x0
	mrs	x0, tpidr_el1
	ldr	x0, [x0, #PC_OVERFLOW_STACK]
	mov	sp, x0
	mrs	x0, sp_el0
	save_frame 1
	bl	trap_kstack_overflow
	b	.

el1_bad:
el1t_bad:
	save_frame 1
	bl	trap_unexpected
	b	.

el0_irq:
	save_frame 0
	bl	intr_irq_handler
	b	exception_return_el0

el0_bad:
	save_frame 0
	bl	trap_unexpected
	b	.

/*
 * System calls are most of what enters from EL0: ESR_EL1 (still in x2
 * from save_frame) with EC (bits 31:26, Arm ARM D23.2.41) = SVC from
 * AArch64 and immediate (ISS bits 15:0) 0, FreeBSD's "svc #0", goes
 * straight to its handler and falls into exception_return_el0; anything
 * else goes through trap_el0_sync's switch.
 */
el0_sync:
	save_frame 0
	and	w1, w2, #0xfc00ffff
	mov	w3, #(EXCP_SVC64 << ESR_EC_SHIFT)
	cmp	w1, w3
	b.ne	el0_sync_other
	bl	trap_el0_svc
	/* FALLTHROUGH */

/*
 * Return to user mode through the trap frame at sp, interrupts masked so
 * that no new work (TDA_*, sys/proc.h) can come between the check and
 * the eret.  The common case has none: the thread's td_ast is zero and
 * single step is armed (MDSCR_EL1.SS) exactly when the frame asks for
 * it (SPSR.SS), and it returns at once; otherwise userret() does the work.
 */
	.globl	exception_return_el0
exception_return_el0:
	msr	daifset, #DAIF_INTR_IMM
	mrs	x0, tpidr_el1
	ldr	x0, [x0, #PC_CURTHREAD]
	ldr	w0, [x0, #TD_AST]
	ldr	x1, [sp, #TF_SPSR]
	mrs	x2, mdscr_el1
	eor	x1, x2, x1, lsr #PSR_SS_SHIFT	/* bit 0: SS differs */
	tbnz	x1, #0, 1f
	cbz	w0, 2f
1:	bl	userret
2:	restore_frame 0

el0_sync_other:
	bl	trap_el0_sync
	b	exception_return_el0
