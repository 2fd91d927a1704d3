/* Host stand-in for the arm64 cpufunc.h: no interrupts to mask. */
#ifndef _MACHINE_CPUFUNC_H_
#define _MACHINE_CPUFUNC_H_

#include "sys/types.h"	/* register_t */

static inline register_t intr_disable(void) { return (0); }
static inline void intr_restore(register_t s) { (void)s; }
static inline void intr_enable(void) { }
static inline void cpu_spinwait(void) { }
/* Barriers: the host's own, for code built unchanged (virtqueue.c). */
#define dmb(opt)	__atomic_thread_fence(__ATOMIC_SEQ_CST)
#define dsb(opt)	__atomic_thread_fence(__ATOMIC_SEQ_CST)

/*
 * Block zeroing (kstub.c): a test sets cpu_zero_block_size (0: none);
 * cpu_zero_blocks() checks its arguments are whole aligned blocks, zeroes
 * them and adds len to host_zero_blocks_bytes.
 */
extern size_t cpu_zero_block_size;
extern size_t host_zero_blocks_bytes;
void	cpu_zero_blocks(void *va, size_t len);

#endif /* !_MACHINE_CPUFUNC_H_ */
