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
#include "sys/errno.h"
#include "machine/pcb.h"
#include "machine/asmdefs.h"

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

/* Switch the recovery address of a copy in progress (x9 = pcb). */
.macro	switch_onfault label
	adr	x10, \label
	str	x10, [x9, #PCB_ONFAULT]
.endm

/*
 * The block-wise copies.  A user access faults on a whole page
 * (translation, permission) or a whole 16-byte granule (MTE tag check), so
 * an 8-byte access at an 8-byte aligned user address, which never crosses
 * either, faults exactly when its first byte does: the bytes before it are
 * the exact count done.  The copies therefore go byte by byte until the
 * user address is 8-byte aligned, then 64 bytes per step, then 8, then
 * bytes.  A 64-byte step that faults has stored nothing the count says
 * (the count moves once per step), so its recovery address goes back to
 * the 8-byte steps at the start of that step, which stop at the faulting
 * word; no byte is copied twice except in the step that faulted.  LDTR and
 * STTR have no pair form, so the user side moves 8 bytes per instruction,
 * the kernel side 16 (LDP/STP).
 *
 * Registers: x0 user (copyin) or kernel source, x1 destination, x2 bytes
 * left, x3 done pointer, x5 len, x9 pcb, x10 scratch, x4 x6-x8 x11-x15
 * data.
 */
	.text
/*
 * int copyin_partial(const void *uaddr, void *kaddr, size_t len,
 *     size_t *done): copy len bytes from user memory; 0, or EFAULT at the
 * first byte that faults.  *done (if done is not NULL) is the number of
 * bytes copied before it, so a tag mismatch stops exactly at the bad
 * granule.
 */
	.globl	copyin_partial
copyin_partial:
	set_onfault copy_fault_partial
	mov	x5, x2
	b	2f
1:	ldtrb	w4, [x0]
	strb	w4, [x1], #1
	add	x0, x0, #1
	sub	x2, x2, #1
2:	cbz	x2, copy_done_partial
	tst	x0, #7
	b.ne	1b
	cmp	x2, #64
	b.lo	copyin_words
	switch_onfault copyin_block_fault
3:	ldtr	x6, [x0]
	ldtr	x7, [x0, #8]
	ldtr	x8, [x0, #16]
	ldtr	x11, [x0, #24]
	ldtr	x12, [x0, #32]
	ldtr	x13, [x0, #40]
	ldtr	x14, [x0, #48]
	ldtr	x15, [x0, #56]
	stp	x6, x7, [x1]
	stp	x8, x11, [x1, #16]
	stp	x12, x13, [x1, #32]
	stp	x14, x15, [x1, #48]
	add	x0, x0, #64
	add	x1, x1, #64
	sub	x2, x2, #64
	cmp	x2, #64
	b.hs	3b
	switch_onfault copy_fault_partial
copyin_words:
	cmp	x2, #8
	b.lo	5f
	ldtr	x6, [x0]
	str	x6, [x1], #8
	add	x0, x0, #8
	sub	x2, x2, #8
	b	copyin_words
4:	ldtrb	w4, [x0]
	strb	w4, [x1], #1
	add	x0, x0, #1
	sub	x2, x2, #1
5:	cbnz	x2, 4b
	b	copy_done_partial

/* A 64-byte step of copyin faulted: redo it 8 bytes at a time. */
copyin_block_fault:
	get_pcb
	switch_onfault copy_fault_partial
	b	copyin_words

/* int copyout_partial(const void *kaddr, void *uaddr, size_t len, size_t *done) */
	.globl	copyout_partial
copyout_partial:
	set_onfault copy_fault_partial
	mov	x5, x2
	b	2f
1:	ldrb	w4, [x0], #1
	sttrb	w4, [x1]
	add	x1, x1, #1
	sub	x2, x2, #1
2:	cbz	x2, copy_done_partial
	tst	x1, #7
	b.ne	1b
	cmp	x2, #64
	b.lo	copyout_words
	switch_onfault copyout_block_fault
3:	ldp	x6, x7, [x0]
	ldp	x8, x11, [x0, #16]
	ldp	x12, x13, [x0, #32]
	ldp	x14, x15, [x0, #48]
	sttr	x6, [x1]
	sttr	x7, [x1, #8]
	sttr	x8, [x1, #16]
	sttr	x11, [x1, #24]
	sttr	x12, [x1, #32]
	sttr	x13, [x1, #40]
	sttr	x14, [x1, #48]
	sttr	x15, [x1, #56]
	add	x0, x0, #64
	add	x1, x1, #64
	sub	x2, x2, #64
	cmp	x2, #64
	b.hs	3b
	switch_onfault copy_fault_partial
copyout_words:
	cmp	x2, #8
	b.lo	5f
	ldr	x6, [x0]
	sttr	x6, [x1]
	add	x0, x0, #8
	add	x1, x1, #8
	sub	x2, x2, #8
	b	copyout_words
4:	ldrb	w4, [x0], #1
	sttrb	w4, [x1]
	add	x1, x1, #1
	sub	x2, x2, #1
5:	cbnz	x2, 4b
	b	copy_done_partial

/* A 64-byte step of copyout faulted: redo it 8 bytes at a time. */
copyout_block_fault:
	get_pcb
	switch_onfault copy_fault_partial
	b	copyout_words

/* A partial copy finished: *done = len, return 0. */
copy_done_partial:
	str	xzr, [x9, #PCB_ONFAULT]
	cbz	x3, 1f
	str	x5, [x3]
1:	mov	x0, #0
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
 * Whole aligned words while at least 8 bytes of room are left and the
 * word holds no NUL ((w - 0x01..01) & ~w & 0x80..80 is non-zero exactly
 * when some byte of w is 0); the word with the NUL, and the rest, byte by
 * byte.  An aligned word lies in one granule and page, so reading the
 * bytes after the NUL faults only if the NUL's own byte would.
 */
	.globl	copyinstr
copyinstr:
	set_onfault copy_fault
	mov	x5, #0				/* bytes copied */
	mov	x12, #0x0101010101010101
1:	tst	x0, #7
	b.eq	3f
2:	cmp	x5, x2
	b.hs	4f
	ldtrb	w4, [x0]
	strb	w4, [x1], #1
	add	x0, x0, #1
	add	x5, x5, #1
	cbz	w4, 5f
	b	1b
3:	sub	x6, x2, x5
	cmp	x6, #8
	b.lo	2b
	ldtr	x6, [x0]
	sub	x7, x6, x12
	bic	x7, x7, x6
	tst	x7, #0x8080808080808080
	b.ne	2b
	str	x6, [x1], #8
	add	x0, x0, #8
	add	x5, x5, #8
	b	3b
4:	clear_onfault
	mov	x0, #63				/* ENAMETOOLONG */
	ret
5:	cbz	x3, 6f
	str	x5, [x3]
6:	clear_onfault
	mov	x0, #0
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
