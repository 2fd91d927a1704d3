/*
 * The arm64 virtual address layout (48-bit VA, 4 KiB granule):
 *
 *   0x0000_0000_0000_0000 - 0x0000_ffff_ffff_ffff  user (TTBR0), per process
 *   0xffff_0000_0000_0000 - ...                    kernel image (TTBR1)
 *   0xffff_0010_0000_0000 - 0xffff_0010_ffff_ffff  device mappings
 *   0xffff_0020_0000_0000 - 0xffff_002f_ffff_ffff  kernel virtual memory
 *                                                  (pmap_kenter: stacks...)
 *   0xffff_a000_0000_0000 - 0xffff_feff_ffff_ffff  direct map of all RAM
 *
 * The direct map is a fixed offset from physical addresses, so
 * PHYS_TO_DMAP is one addition.  Host unit tests use their own vmparam.h.
 */
#ifndef _MACHINE_VMPARAM_H_
#define _MACHINE_VMPARAM_H_

/*
 * The two address bits exception.S tests to catch a kernel stack
 * overflow (see the kernel stacks below; vm_machdep.c checks them against
 * the layout).
 */
#define KSTACK_SLOT_BIT		37	/* set in every stack slot (all of KVA) */
#define KSTACK_STACK_BIT	14	/* set in a slot's stack, clear in its guard */

#ifndef __ASSEMBLY__
#include "sys/types.h"

#define VM_MAXUSER_ADDRESS	0x0001000000000000UL
#define MAXSSIZ			(8UL << 20)	/* longest user stack */
#define KERNBASE		0xffff000000000000UL
#define DEVMAP_MIN_ADDRESS	0xffff001000000000UL
#define DEVMAP_MAX_ADDRESS	0xffff001100000000UL
#define KVA_MIN_ADDRESS		0xffff002000000000UL
#define KVA_MAX_ADDRESS		0xffff003000000000UL

/*
 * Thread kernel stacks live at the bottom of KVA, one 32 KiB slot each: a
 * 16 KiB unmapped guard, then the 16 KiB stack.  So an address in a slot
 * has bit 37 set (KSTACK_SLOT_BIT: all of KVA has, nothing else the kernel
 * uses does) and, inside the stack, bit 14 set (KSTACK_STACK_BIT):
 * exception.S tests those two bits to catch an overflow into the guard.
 */
#define KSTACK_MIN_ADDRESS	KVA_MIN_ADDRESS
#define KSTACK_SIZE		(16 * 1024)
#define KSTACK_SLOT_SIZE	(2 * KSTACK_SIZE)
#define KSTACK_SLOTS		8192
#define DMAP_MIN_ADDRESS	0xffffa00000000000UL
#define DMAP_MAX_ADDRESS	0xffffff0000000000UL

#define PHYS_TO_DMAP(pa)	((vm_offset_t)(pa) + DMAP_MIN_ADDRESS)
#define DMAP_TO_PHYS(va)	((vm_paddr_t)(va) - DMAP_MIN_ADDRESS)

/*
 * A user pointer's top byte (bits 63:56) is a tag the MMU ignores
 * (TCR_EL1.TBI0): with MTE, bits 59:56 are the pointer's allocation tag.
 * The kernel compares, looks up and maps user addresses without it.
 */
#define VA_TAG_SHIFT		56
#define VA_TAG_MASK		(0xffUL << VA_TAG_SHIFT)

/* addr without its pointer tag: the virtual address the MMU translates. */
static inline vm_offset_t
untag(uint64_t addr)
{
	return (addr & ~VA_TAG_MASK);
}

/* Largest physical block the allocator hands out: 2 MiB (an L2 block). */
#define VM_NFREEORDER		10

#endif /* !__ASSEMBLY__ */

#endif /* !_MACHINE_VMPARAM_H_ */
