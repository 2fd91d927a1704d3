/* arm64 start-up steps shared between machdep.c and mp_machdep.c. */
#ifndef _MACHINE_MACHDEP_H_
#define _MACHINE_MACHDEP_H_

#include "sys/types.h"

extern const void *boot_dtb;		/* (C) the device tree, direct-mapped */
extern uint64_t physmem;		/* (C) bytes of RAM it lists */

void	pcpu_init(u_int cpuid, uint64_t mpidr);
void	cpu_mp_start(const void *dtb);
void	cpu_harden(void);

typedef void smp_call_func_t(void *arg);
void	smp_call_others(smp_call_func_t *fn, void *arg);

#endif /* !_MACHINE_MACHDEP_H_ */
