/*
 * The signal trampoline, copied into every process's top page by exec.
 * sendsig() enters it with x8 = the handler and sp = the signal frame
 * (siginfo at 0, ucontext at 80): call the handler, then sigreturn to the
 * saved context; if that fails, exit.
 */
#include "sys/syscall.h"
#include "machine/frame.h"

	.section .rodata
	.balign	4
	.globl	sigcode
sigcode:
	blr	x8
	add	x0, sp, #SF_UC			/* &frame->sf_uc */
	mov	x8, #SYS_sigreturn
	svc	#0
	mov	x8, #SYS_exit
	svc	#0
	b	.
	.globl	esigcode
esigcode:
