/* Host stand-in for the arm64 cpufunc.h: no interrupts to mask. */
#ifndef _MACHINE_CPUFUNC_H_
#define _MACHINE_CPUFUNC_H_

#include "sys/types.h"

typedef uint64_t register_t;

static inline register_t intr_disable(void) { return (0); }
static inline void intr_restore(register_t s) { (void)s; }
static inline void intr_enable(void) { }
static inline void cpu_spinwait(void) { }

#endif /* !_MACHINE_CPUFUNC_H_ */
