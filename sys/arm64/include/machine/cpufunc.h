/*
 * Thin wrappers around arm64 instructions the machine-independent kernel
 * needs: interrupt masking, barriers, the idle hint, block zeroing.  Host unit tests use
 * tests/host/include/machine/cpufunc.h instead.
 */
#ifndef _MACHINE_CPUFUNC_H_
#define _MACHINE_CPUFUNC_H_

#include "sys/types.h"
#include "machine/armreg.h"

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
 * One zeroing step of eight blocks: `op' (DC ZVA or STZGM of the block
 * at %0) at p and seven more blocks, p advanced past them.  Neither
 * instruction takes an offset, so each block costs its instruction and an
 * add; eight per loop step keep the loop's own compare and branch to a
 * quarter instruction a block.
 */
#define	CPU_ZERO_STEP8(op)						\
	op "\n\tadd %0, %0, %1\n\t"					\
	op "\n\tadd %0, %0, %1\n\t"					\
	op "\n\tadd %0, %0, %1\n\t"					\
	op "\n\tadd %0, %0, %1\n\t"					\
	op "\n\tadd %0, %0, %1\n\t"					\
	op "\n\tadd %0, %0, %1\n\t"					\
	op "\n\tadd %0, %0, %1\n\t"					\
	op "\n\tadd %0, %0, %1"

/*
 * Zero len bytes at va, both multiples of cpu_zero_block_size (not 0),
 * one DC ZVA per block: the cache allocates each line zeroed without
 * reading memory.  DC ZVA zeroes data only, never MTE tags
 * (cpu_zero_tag_blocks zeroes both).  va must be Normal memory.
 */
static inline void
cpu_zero_blocks(void *va, size_t len)
{
	size_t bs = cpu_zero_block_size;
	char *p = va, *end = p + len, *end8 = p + (len & ~(8 * bs - 1));

	while (p < end8)
		__asm __volatile(CPU_ZERO_STEP8("dc zva, %0")
		    : "+r" (p) : "r" (bs) : "memory");
	for (; p < end; p += bs)
		__asm __volatile("dc zva, %0" : : "r" (p) : "memory");
}

/*
 * cpu_zero_blocks, data and MTE allocation tags (to 0) at once: STZGM,
 * which zeroes a DC ZVA block and its tags, the same count of
 * instructions.  (DC GZVA would take the tag from the address, and a
 * direct-map address has tag 0xf.)  va must be mapped Tagged (the direct
 * map is); the caller orders the tag stores before their use (DSB).
 */
static inline void
cpu_zero_tag_blocks(void *va, size_t len)
{
	size_t bs = cpu_zero_block_size;
	char *p = va, *end = p + len, *end8 = p + (len & ~(8 * bs - 1));

	while (p < end8)
		__asm __volatile(".arch_extension memtag\n\t"
		    CPU_ZERO_STEP8("stzgm xzr, [%0]")
		    : "+r" (p) : "r" (bs) : "memory");
	for (; p < end; p += bs)
		__asm __volatile(".arch_extension memtag\n\tstzgm xzr, [%0]"
		    : : "r" (p) : "memory");
}

#endif /* !_MACHINE_CPUFUNC_H_ */
