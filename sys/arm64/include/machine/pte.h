/*
 * arm64 translation table descriptors, 4 KiB granule, 48-bit VA
 * (Arm ARM D8.3, "Translation table descriptor formats").  The layout of
 * a virtual address and of a descriptor is drawn above pmap_walk() in
 * pmap.c, the one walker of these tables.
 */
#ifndef _MACHINE_PTE_H_
#define _MACHINE_PTE_H_

#include "machine/armreg.h"

#ifndef __ASSEMBLY__
#include "sys/types.h"
typedef uint64_t pt_entry_t;
#endif

/*
 * The one table of level geometry: level l's index is the 9 bits at
 * Ln_SHIFT(l), and one of its entries spans Ln_SIZE(l) bytes (L0 512 GiB,
 * L1 1 GiB, L2 2 MiB, L3 4 KiB).
 */
#define Ln_ENTRIES_SHIFT	9
#define Ln_ENTRIES		(1 << Ln_ENTRIES_SHIFT)
#define Ln_ADDR_MASK		(Ln_ENTRIES - 1)
#define PTE_LEVELS		4
#define L3_SHIFT		12
#define Ln_SHIFT(l)		(L3_SHIFT + (3 - (l)) * Ln_ENTRIES_SHIFT)
#define L0_SHIFT		Ln_SHIFT(0)	/* 39 */
#define L1_SHIFT		Ln_SHIFT(1)	/* 30 */
#define L2_SHIFT		Ln_SHIFT(2)	/* 21 */
#define Ln_SIZE(l)		(UL(1) << Ln_SHIFT(l))
#define L0_SIZE			Ln_SIZE(0)
#define L1_SIZE			Ln_SIZE(1)
#define L2_SIZE			Ln_SIZE(2)
#define L3_SIZE			Ln_SIZE(3)
#define pmap_ln_index(va, l)	(((va) >> Ln_SHIFT(l)) & Ln_ADDR_MASK)
#define pmap_l0_index(va)	pmap_ln_index(va, 0)
#define pmap_l1_index(va)	pmap_ln_index(va, 1)
#define pmap_l2_index(va)	pmap_ln_index(va, 2)
#define pmap_l3_index(va)	pmap_ln_index(va, 3)

#define ATTR_DESCR_MASK		UL(3)		/* bits 1:0, the type */
#define ATTR_DESCR_VALID	UL(1)
#define L0_TABLE		UL(3)
#define L1_BLOCK		UL(1)
#define L1_TABLE		UL(3)
#define L2_BLOCK		UL(1)
#define L2_TABLE		UL(3)
#define L3_PAGE			UL(3)
#define Ln_TABLE		UL(3)		/* a table at any of L0-L2 */
#define Ln_BLOCK		UL(1)		/* a block at L1 or L2 */

#define ATTR_IDX_SHIFT		2		/* AttrIndx (4:2): MAIR index */
#ifdef __ASSEMBLY__
#define ATTR_IDX(x)		((x) << ATTR_IDX_SHIFT)
#else
#define ATTR_IDX(x)		((pt_entry_t)(x) << ATTR_IDX_SHIFT)
#endif
#define ATTR_IDX_MASK		(UL(7) << ATTR_IDX_SHIFT)
#define ATTR_NS			(UL(1) << 5)	/* non-secure */
#define ATTR_AP_USER		(UL(1) << 6)	/* AP[1]: EL0 may access */
#define ATTR_AP_RO		(UL(1) << 7)	/* AP[2]: read-only */
#define ATTR_AP_MASK		(UL(3) << 6)
#define ATTR_SH_MASK		(UL(3) << 8)	/* SH[1:0], shareability */
#define ATTR_SH_NS		(UL(0) << 8)	/* non-shareable */
#define ATTR_SH_OS		(UL(2) << 8)	/* outer shareable */
#define ATTR_SH_IS		(UL(3) << 8)	/* inner shareable */
#define ATTR_AF			(UL(1) << 10)	/* access flag */
#define ATTR_nG			(UL(1) << 11)	/* not global: per ASID */
#define ATTR_ADDR_MASK		UL(0x0000fffffffff000)	/* address 47:12 */
#define ATTR_CONTIGUOUS		(UL(1) << 52)
#define ATTR_PXN		(UL(1) << 53)	/* EL1 may not execute */
#define ATTR_UXN		(UL(1) << 54)	/* EL0 may not execute */

#endif /* !_MACHINE_PTE_H_ */
