/*
 * setjmp/longjmp and their signal-mask variants.
 *
 * A jmp_buf (32 longs, <setjmp.h>) is laid out here as:
 *	  0	sp
 *	  8	x19 .. x30	(x30 is where setjmp returns to)
 *	104	d8 .. d15
 *	168	1 if the signal mask below was saved, else 0
 *	176	the saved sigset_t (16 bytes)
 * These are the registers AAPCS64 requires a call to preserve; everything
 * else is dead across the setjmp() call anyway.
 */
#include <sys/signal.h>

#include "asm.h"

#define	JB_SP		0
#define	JB_X19		8
#define	JB_X29		88
#define	JB_X30		96
#define	JB_D8		104
#define	JB_SAVEMASK	168
#define	JB_SIGMASK	176

/* setjmp(env) saves the signal mask, as on BSD. */
ENTRY(setjmp)
	mov	w1, #1
	b	sigsetjmp
END(setjmp)

/* _setjmp(env) does not save the signal mask. */
ENTRY(_setjmp)
	mov	w1, #0
	b	sigsetjmp
END(_setjmp)

/*
 * sigsetjmp(env, savemask): save the registers, and the mask too when
 * savemask is non-zero.  Returns 0.
 */
ENTRY(sigsetjmp)
	mov	x2, sp
	str	x2, [x0, #JB_SP]
	stp	x19, x20, [x0, #JB_X19]
	stp	x21, x22, [x0, #JB_X19 + 16]
	stp	x23, x24, [x0, #JB_X19 + 32]
	stp	x25, x26, [x0, #JB_X19 + 48]
	stp	x27, x28, [x0, #JB_X19 + 64]
	stp	x29, x30, [x0, #JB_X29]
	stp	d8, d9, [x0, #JB_D8]
	stp	d10, d11, [x0, #JB_D8 + 16]
	stp	d12, d13, [x0, #JB_D8 + 32]
	stp	d14, d15, [x0, #JB_D8 + 48]
	cmp	w1, #0
	cset	x1, ne
	str	x1, [x0, #JB_SAVEMASK]
	cbz	x1, 1f
	/*
	 * sigprocmask(SIG_BLOCK, NULL, &env->mask).  x19 and x30 are already
	 * in env, so x19 can carry env across the call and both are
	 * reloaded from env after it.
	 */
	mov	x19, x0
	add	x2, x0, #JB_SIGMASK
	mov	x1, xzr
	mov	w0, #SIG_BLOCK
	bl	sigprocmask
	mov	x0, x19
	ldr	x19, [x0, #JB_X19]
	ldr	x30, [x0, #JB_X30]
1:	mov	w0, #0
	ret
END(sigsetjmp)

/*
 * siglongjmp(env, val) and longjmp(env, val): restore the signal mask if
 * env holds one, then the registers, and return val (1 if val is 0) from
 * the matching setjmp.
 */
ENTRY(siglongjmp)
	.globl	longjmp
	.type	longjmp, %function
longjmp:
	ldr	x2, [x0, #JB_SAVEMASK]
	cbz	x2, _longjmp
	mov	x19, x0			/* callee-saved: reloaded from env below */
	mov	w20, w1
	mov	w0, #SIG_SETMASK
	add	x1, x19, #JB_SIGMASK
	mov	x2, xzr
	bl	sigprocmask
	mov	x0, x19
	mov	w1, w20
	b	_longjmp
END(siglongjmp)
	.size	longjmp, . - longjmp

/* _longjmp(env, val): restore the registers only. */
ENTRY(_longjmp)
	ldr	x2, [x0, #JB_SP]
	mov	sp, x2
	ldp	x19, x20, [x0, #JB_X19]
	ldp	x21, x22, [x0, #JB_X19 + 16]
	ldp	x23, x24, [x0, #JB_X19 + 32]
	ldp	x25, x26, [x0, #JB_X19 + 48]
	ldp	x27, x28, [x0, #JB_X19 + 64]
	ldp	x29, x30, [x0, #JB_X29]
	ldp	d8, d9, [x0, #JB_D8]
	ldp	d10, d11, [x0, #JB_D8 + 16]
	ldp	d12, d13, [x0, #JB_D8 + 32]
	ldp	d14, d15, [x0, #JB_D8 + 48]
	cmp	w1, #0
	csinc	w0, w1, wzr, ne
	ret
END(_longjmp)
