/*
 * park(state), the start routine of a raw thread (thr_new) that must
 * wait without TLS (so without errno or libc): it sleeps in
 * _umtx_op(&park_release, UMTX_OP_WAIT_UINT, 0) until park_release is set
 * non-zero, then calls thr_exit(state), again and again if thr_exit
 * returns (it does when its store to state cannot be backed: SIGBUS, and
 * a handler that returned).  Wake the parked threads with
 * __atomic_store_n(&park_release, 1, __ATOMIC_RELEASE) and
 * _umtx_op(&park_release, UMTX_OP_WAKE, INT_MAX, NULL, NULL).
 * Included by one source file of a test program.
 */
#ifndef _TESTS_USER_THR_PARK_H_
#define _TESTS_USER_THR_PARK_H_

unsigned int park_release;
void park(void *state);

__asm__(
	"	.text\n"
	"	.p2align 2\n"
	"	.globl	park\n"
	"	.type	park, %function\n"
	"park:\n"
	"	mov	x19, x0\n"
	"	adrp	x20, park_release\n"
	"	add	x20, x20, :lo12:park_release\n"
	"1:	ldar	w9, [x20]\n"
	"	cbnz	w9, 2f\n"
	"	mov	x0, x20\n"
	"	mov	x1, #11\n"		/* UMTX_OP_WAIT_UINT */
	"	mov	x2, #0\n"
	"	mov	x3, #0\n"
	"	mov	x4, #0\n"
	"	mov	x8, #454\n"		/* SYS__umtx_op */
	"	svc	#0\n"
	"	b	1b\n"
	"2:	mov	x0, x19\n"
	"	mov	x8, #431\n"		/* SYS_thr_exit */
	"	svc	#0\n"
	"	b	2b\n"
	"	.size	park, . - park\n");

#endif /* !_TESTS_USER_THR_PARK_H_ */
