/*
 * A thread's saved machine state when it is not running: the registers
 * cpu_switch() preserves (the AAPCS64 callee-saved x19-x30 and sp), the
 * user's TLS registers and FP/SIMD state, and the copyin fault recovery
 * address.  Offsets are used by swtch.S and asserted in vm_machdep.c.
 */
#ifndef _MACHINE_PCB_H_
#define _MACHINE_PCB_H_

#define PCB_X19		0		/* x19..x30: 12 registers */
#define PCB_SP		96
#define PCB_ONFAULT	104

#ifndef __ASSEMBLY__
#include "sys/cdefs.h"
#include "sys/types.h"

struct fpstate {
	__uint128_t	fp_q[32];
	uint32_t	fp_sr;
	uint32_t	fp_cr;
};

struct pcb {
	uint64_t	pcb_x[12];	/* x19..x29, x30 (lr) */
	uint64_t	pcb_sp;
	uint64_t	pcb_onfault;	/* copyin/copyout: where a fault resumes */
	uint64_t	pcb_tpidr_el0;	/* user TLS pointer */
	uint64_t	pcb_tpidrro_el0;
	struct fpstate	pcb_fp __aligned(16);
};

void	cpu_switch(struct pcb *old, struct pcb *new);
void	fpu_save(struct fpstate *fp);
void	fpu_restore(const struct fpstate *fp);
#endif

#endif /* !_MACHINE_PCB_H_ */
