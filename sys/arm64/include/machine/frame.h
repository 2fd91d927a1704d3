/*
 * The trap frame: what exception entry (exception.S) saves on the kernel
 * stack.  Offsets are used by the assembly, so they are asserted in trap.c.
 */
#ifndef _MACHINE_FRAME_H_
#define _MACHINE_FRAME_H_

#define TF_X		0		/* x0..x30 */
#define TF_SP		248		/* interrupted sp (sp_el0 for EL0) */
#define TF_ELR		256
#define TF_SPSR		264
#define TF_ESR		272
#define TF_FAR		280
#define TF_FRAME	288		/* frame record {x29, elr} */
#define TF_SIZE		304

#define SF_UC		80		/* struct sigframe: sf_uc */

#ifndef __ASSEMBLY__
#include "sys/types.h"
#include "sys/signal.h"
#include "sys/ucontext.h"

struct trapframe {
	uint64_t	tf_x[31];
	uint64_t	tf_sp;
	uint64_t	tf_elr;
	uint64_t	tf_spsr;
	uint64_t	tf_esr;
	uint64_t	tf_far;
	uint64_t	tf_frame[2];	/* links backtraces across the trap */
};

/*
 * The signal frame sendsig() builds on the user stack: the handler's
 * siginfo_t and ucontext_t (docs/abi.md section 3.3).  sigcode.S finds the
 * context at SF_UC to hand to sigreturn.
 */
struct sigframe {
	struct ksiginfo	sf_si;
	ucontext_t	sf_uc;
};
#endif

#endif /* !_MACHINE_FRAME_H_ */
