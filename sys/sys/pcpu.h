/*
 * Per-CPU data.  Each CPU's TPIDR_EL1 points at its struct pcpu, so
 * curcpu() is one register read.  Host unit tests see CPU 0.
 */
#ifndef _SYS_PCPU_H_
#define _SYS_PCPU_H_

#include "sys/types.h"
#include "sys/param.h"

struct thread;

/*
 * Keys: (C) constant once the CPU is up, (o) only this CPU touches it,
 * (A) atomic, (s) sched_lock.
 */
struct pcpu {
	u_int		pc_cpuid;	/* (C) logical CPU number, 0 = boot CPU */
	uint64_t	pc_mpidr;	/* (C) MPIDR affinity from the DT */
	vm_offset_t	pc_stack_top;	/* (C) this CPU's boot/idle stack */
	volatile bool	pc_online;	/* (A) set once the CPU runs C code */
	uint64_t	pc_ticks;	/* (o) timer interrupts taken */
	uint64_t	pc_ipis;	/* (o) IPIs taken */
	u_int		pc_spin_depth;	/* (o) spin locks held */
	uint64_t	pc_spin_saved;	/* (o) interrupt mask before the first */
	struct thread	*pc_curthread;	/* (s) thread running here */
	struct thread	*pc_idlethread;	/* (C) runs when nothing else can */
	struct thread	*pc_prevthread;	/* (s) thread switched away from */
	uint64_t	pc_switchtime;	/* (s) counter at the last switch */
	vm_offset_t	pc_overflow_stack; /* (C) top of the stack a kernel
					   stack overflow is reported on */
};

extern struct pcpu pcpu_array[MAXCPU];
extern u_int mp_ncpus;			/* CPUs started */

#ifdef HOST_TEST
extern struct pcpu host_pcpu;
static inline struct pcpu *curpcpu(void) { return (&host_pcpu); }
static inline u_int curcpu_id(void) { return (0); }
#else
static inline struct pcpu *
curpcpu(void)
{
	struct pcpu *pc;

	__asm __volatile("mrs %0, tpidr_el1" : "=r" (pc));
	return (pc);
}

static inline u_int
curcpu_id(void)
{
	return (curpcpu()->pc_cpuid);
}

static inline struct thread *
curthread_get(void)
{
	return (curpcpu()->pc_curthread);
}
#define curthread	curthread_get()
#endif

#endif /* !_SYS_PCPU_H_ */
