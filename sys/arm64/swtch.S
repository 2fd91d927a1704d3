/*
 * Context switch and FP/SIMD save/restore.
 */
#include "machine/pcb.h"
#include "machine/frame.h"

	.text
/*
 * cpu_switch(old pcb, new pcb): save the callee-saved registers and sp in
 * old, load them from new, and return on new's stack to wherever new
 * called cpu_switch (or to fork_trampoline for a new thread).
 */
	.globl	cpu_switch
cpu_switch:
	stp	x19, x20, [x0, #(PCB_X19 + 0)]
	stp	x21, x22, [x0, #(PCB_X19 + 16)]
	stp	x23, x24, [x0, #(PCB_X19 + 32)]
	stp	x25, x26, [x0, #(PCB_X19 + 48)]
	stp	x27, x28, [x0, #(PCB_X19 + 64)]
	stp	x29, x30, [x0, #(PCB_X19 + 80)]
	mov	x2, sp
	str	x2, [x0, #PCB_SP]

	ldp	x19, x20, [x1, #(PCB_X19 + 0)]
	ldp	x21, x22, [x1, #(PCB_X19 + 16)]
	ldp	x23, x24, [x1, #(PCB_X19 + 32)]
	ldp	x25, x26, [x1, #(PCB_X19 + 48)]
	ldp	x27, x28, [x1, #(PCB_X19 + 64)]
	ldp	x29, x30, [x1, #(PCB_X19 + 80)]
	ldr	x2, [x1, #PCB_SP]
	mov	sp, x2
	ret

/*
 * A new thread's first return from cpu_switch lands here with x19 = a
 * function and x20 = its argument and sp = the thread's trap frame:
 * finish the switch, call x19(x20), then enter user mode through the frame.
 */
	.globl	fork_trampoline
fork_trampoline:
	bl	sched_switch_done
	mov	x0, x20
	blr	x19
	b	exception_return_el0

/* fpu_save(struct fpstate *): store q0-q31, FPSR and FPCR. */
	.globl	fpu_save
fpu_save:
	stp	q0, q1, [x0, #(0 * 32)]
	stp	q2, q3, [x0, #(1 * 32)]
	stp	q4, q5, [x0, #(2 * 32)]
	stp	q6, q7, [x0, #(3 * 32)]
	stp	q8, q9, [x0, #(4 * 32)]
	stp	q10, q11, [x0, #(5 * 32)]
	stp	q12, q13, [x0, #(6 * 32)]
	stp	q14, q15, [x0, #(7 * 32)]
	stp	q16, q17, [x0, #(8 * 32)]
	stp	q18, q19, [x0, #(9 * 32)]
	stp	q20, q21, [x0, #(10 * 32)]
	stp	q22, q23, [x0, #(11 * 32)]
	stp	q24, q25, [x0, #(12 * 32)]
	stp	q26, q27, [x0, #(13 * 32)]
	stp	q28, q29, [x0, #(14 * 32)]
	stp	q30, q31, [x0, #(15 * 32)]
	mrs	x1, fpsr
	mrs	x2, fpcr
	add	x0, x0, #512
	stp	w1, w2, [x0]
	ret

/* fpu_restore(const struct fpstate *): load what fpu_save stored. */
	.globl	fpu_restore
fpu_restore:
	ldp	q0, q1, [x0, #(0 * 32)]
	ldp	q2, q3, [x0, #(1 * 32)]
	ldp	q4, q5, [x0, #(2 * 32)]
	ldp	q6, q7, [x0, #(3 * 32)]
	ldp	q8, q9, [x0, #(4 * 32)]
	ldp	q10, q11, [x0, #(5 * 32)]
	ldp	q12, q13, [x0, #(6 * 32)]
	ldp	q14, q15, [x0, #(7 * 32)]
	ldp	q16, q17, [x0, #(8 * 32)]
	ldp	q18, q19, [x0, #(9 * 32)]
	ldp	q20, q21, [x0, #(10 * 32)]
	ldp	q22, q23, [x0, #(11 * 32)]
	ldp	q24, q25, [x0, #(12 * 32)]
	ldp	q26, q27, [x0, #(13 * 32)]
	ldp	q28, q29, [x0, #(14 * 32)]
	ldp	q30, q31, [x0, #(15 * 32)]
	add	x0, x0, #512
	ldp	w1, w2, [x0]
	msr	fpsr, x1
	msr	fpcr, x2
	ret
