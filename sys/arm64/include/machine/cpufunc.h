/*
 * Thin wrappers around arm64 instructions the machine-independent kernel
 * needs: interrupt masking, barriers, the idle hint, block zeroing.  Host unit tests use
 * tests/host/include/machine/cpufunc.h instead.
 */
#ifndef _MACHINE_CPUFUNC_H_
#define _MACHINE_CPUFUNC_H_

#include "sys/types.h"
#include "machine/armreg.h"
#include "machine/pageops.h"

#define READ_SPECIALREG(reg) ({						\
	uint64_t _val;							\
	__asm __volatile("mrs %0, " #reg : "=&r" (_val));		\
	_val;								\
})
#define WRITE_SPECIALREG(reg, val)					\
	__asm __volatile("msr " #reg ", %0" : : "r" ((uint64_t)(val)))

#define dsb(opt)	__asm __volatile("dsb " #opt ::: "memory")
#define dmb(opt)	__asm __volatile("dmb " #opt ::: "memory")
#define isb()		__asm __volatile("isb" ::: "memory")

/* Mask IRQ and FIQ; returns the previous DAIF for intr_restore(). */
static inline register_t
intr_disable(void)
{
	register_t daif = READ_SPECIALREG(daif);

	__asm __volatile("msr daifset, %0" : : "i" (DAIF_INTR_IMM) : "memory");
	return (daif);
}

/* Put back the interrupt mask intr_disable() returned. */
static inline void
intr_restore(register_t daif)
{
	WRITE_SPECIALREG(daif, daif);
}

static inline void
intr_enable(void)
{
	__asm __volatile("msr daifclr, #3" ::: "memory");
}

/* Hint that this CPU is spinning on a lock. */
static inline void
cpu_spinwait(void)
{
	__asm __volatile("yield" ::: "memory");
}

/* Wait for an interrupt (or an event), for the idle loop. */
static inline void
cpu_idle_wait(void)
{
	__asm __volatile("wfi" ::: "memory");
}

/*
 * The bytes DC ZVA zeroes at once (DCZID_EL0, read at boot by
 * cpu_zero_init()), or 0 while unknown or if the CPU forbids DC ZVA.
 */
extern size_t cpu_zero_block_size;

/*
 * Zero len bytes at va, both multiples of cpu_zero_block_size (not 0),
 * one DC ZVA per block: the cache allocates each line zeroed without
 * reading memory.  DC ZVA zeroes data only, never MTE tags
 * (pagezero_tags_blocks zeroes both).  va must be Normal memory.  The
 * name memset() uses for pagezero_blocks, the one block-zeroing loop.
 */
static inline void
cpu_zero_blocks(void *va, size_t len)
{
	pagezero_blocks(va, len, cpu_zero_block_size);
}

#endif /* !_MACHINE_CPUFUNC_H_ */
