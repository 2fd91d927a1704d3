/*
 * Moving data between the kernel and user memory.  Every user access is an
 * unprivileged load or store (LDTR/STTR), so it is checked against the
 * user's permissions (and, with MTE, the user's tag-check mode), works with
 * PAN on, and faults like a user access.  A fault that vm_fault cannot
 * resolve resumes at the pcb_onfault address set here, which returns
 * EFAULT.  The faulting thread's pcb is found through TPIDR_EL1 ->
 * pcpu->pc_curthread -> td_pcb; the offsets come from vm_machdep.c's
 * CTASSERTs.
 */
#include "machine/pcb.h"
#include "machine/asmdefs.h"

#define EFAULT		14

/* x9 = &curthread->td_pcb */
.macro	get_pcb
	mrs	x9, tpidr_el1
	ldr	x9, [x9, #PC_CURTHREAD]
	add	x9, x9, #TD_PCB
.endm

/*
 * Exception entry set PSTATE.TCO (tag checks off); clear it so the user
 * accesses below are checked with the user's own mode (docs/abi.md section 6: a
 * mismatched pointer gives EFAULT in SYNC, SEGV_MTEAERR in ASYNC).  The
 * kernel's own accesses stay unchecked (SCTLR_EL1.TCF is 0), and eret
 * restores the user's TCO.  Only with MTE: otherwise TCO does not exist.
 */
.macro	set_onfault label
	get_pcb
	adr	x10, \label
	str	x10, [x9, #PCB_ONFAULT]
	adrp	x10, mte_enabled
	ldrb	w10, [x10, :lo12:mte_enabled]
	cbz	w10, 8f
	msr	tco, #0
8:
.endm

.macro	clear_onfault
	get_pcb
	str	xzr, [x9, #PCB_ONFAULT]
.endm

	.text
/*
 * int copyin_partial(const void *uaddr, void *kaddr, size_t len,
 *     size_t *done): copy len bytes from user memory; 0, or EFAULT at the
 * first byte that faults.  *done (if done is not NULL) is the number of
 * bytes copied before it, so a tag mismatch stops exactly at the bad
 * granule.  x5 keeps len for the fault path, x2 counts down.
 */
	.globl	copyin_partial
copyin_partial:
	set_onfault copy_fault_partial
	mov	x5, x2
	cbz	x2, 2f
1:	ldtrb	w4, [x0]
	strb	w4, [x1], #1
	add	x0, x0, #1
	subs	x2, x2, #1
	b.ne	1b
2:	clear_onfault
	cbz	x3, 3f
	str	x5, [x3]
3:	mov	x0, #0
	ret

/* int copyout_partial(const void *kaddr, void *uaddr, size_t len, size_t *done) */
	.globl	copyout_partial
copyout_partial:
	set_onfault copy_fault_partial
	mov	x5, x2
	cbz	x2, 2f
1:	ldrb	w4, [x0], #1
	sttrb	w4, [x1]
	add	x1, x1, #1
	subs	x2, x2, #1
	b.ne	1b
2:	clear_onfault
	cbz	x3, 3f
	str	x5, [x3]
3:	mov	x0, #0
	ret

/* A partial copy faulted: report the bytes done (x5 - x2) and EFAULT. */
copy_fault_partial:
	clear_onfault
	cbz	x3, 1f
	sub	x5, x5, x2
	str	x5, [x3]
1:	mov	x0, #EFAULT
	ret

/* int copyin(const void *uaddr, void *kaddr, size_t len): 0 or EFAULT. */
	.globl	copyin
copyin:
	mov	x3, xzr
	b	copyin_partial

/* int copyout(const void *kaddr, void *uaddr, size_t len): 0 or EFAULT. */
	.globl	copyout
copyout:
	mov	x3, xzr
	b	copyout_partial

/*
 * int copyinstr(const void *uaddr, char *kaddr, size_t len, size_t *done):
 * copy a NUL-terminated string; ENAMETOOLONG if it does not fit in len.
 */
	.globl	copyinstr
copyinstr:
	set_onfault copy_fault
	mov	x5, #0				/* bytes copied */
1:	cmp	x5, x2
	b.hs	3f
	ldtrb	w4, [x0]
	strb	w4, [x1], #1
	add	x0, x0, #1
	add	x5, x5, #1
	cbnz	w4, 1b
	cbz	x3, 2f
	str	x5, [x3]
2:	clear_onfault
	mov	x0, #0
	ret
3:	clear_onfault
	mov	x0, #63				/* ENAMETOOLONG */
	ret

/* int fueword32(const void *uaddr, uint32_t *val): read one user word. */
	.globl	fueword32
fueword32:
	set_onfault copy_fault
	ldtr	w2, [x0]
	str	w2, [x1]
	clear_onfault
	mov	x0, #0
	ret

/* A user access faulted: clear the recovery address and return EFAULT. */
copy_fault:
	clear_onfault
	mov	x0, #EFAULT
	ret
