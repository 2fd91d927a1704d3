/*
 * Per-CPU data.  Each CPU's TPIDR_EL1 points at its struct pcpu, so
 * curcpu() is one register read.  Host unit tests see CPU 0.
 */
#ifndef _SYS_PCPU_H_
#define _SYS_PCPU_H_

#include "sys/types.h"
#include "sys/param.h"

struct pcpu {
	u_int		pc_cpuid;	/* (C) logical CPU number, 0 = boot CPU */
	uint64_t	pc_mpidr;	/* (C) MPIDR affinity from the DT */
	vm_offset_t	pc_stack_top;	/* (C) this CPU's boot/idle stack */
	volatile bool	pc_online;	/* (A) set once the CPU runs C code */
	uint64_t	pc_ticks;	/* (c) timer interrupts taken */
	uint64_t	pc_ipis;	/* (c) IPIs taken */
};

extern struct pcpu pcpu_array[MAXCPU];
extern u_int mp_ncpus;			/* CPUs started */

#ifdef HOST_TEST
static inline u_int curcpu_id(void) { return (0); }
#else
static inline struct pcpu *
curcpu(void)
{
	struct pcpu *pc;

	__asm __volatile("mrs %0, tpidr_el1" : "=r" (pc));
	return (pc);
}

static inline u_int
curcpu_id(void)
{
	return (curcpu()->pc_cpuid);
}
#endif

#endif /* !_SYS_PCPU_H_ */
