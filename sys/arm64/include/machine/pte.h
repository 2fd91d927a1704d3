/*
 * arm64 translation table descriptors, 4 KiB granule, 48-bit VA
 * (Arm ARM D8.3, "Translation table descriptor formats").
 *
 * A virtual address is split into four 9-bit table indexes:
 *
 *   63    48 47    39 38    30 29    21 20    12 11        0
 *  +--------+--------+--------+--------+--------+-----------+
 *  | TTBR   |  L0    |  L1    |  L2    |  L3    |  offset   |
 *  +--------+--------+--------+--------+--------+-----------+
 *
 * An L1 entry may map a 1 GiB block, an L2 entry a 2 MiB block, an L3
 * entry a 4 KiB page.  A descriptor:
 *
 *   54   53   52   51      47          12 11  10  9:8  7:6  5   4:2    1:0
 *  +----+----+----+--...--+--------------+---+---+----+----+---+------+----+
 *  | XN | PXN|Cont|       | output addr  |nG |AF | SH | AP |NS |AttrIx|type|
 *  +----+----+----+--...--+--------------+---+---+----+----+---+------+----+
 *
 * type: 0b01 block (L1/L2), 0b11 table (L0-L2) or page (L3), 0bx0 invalid.
 * AP[2:1] (bits 7:6): 00 EL1 RW, 01 EL1+EL0 RW, 10 EL1 RO, 11 EL1+EL0 RO.
 */
#ifndef _MACHINE_PTE_H_
#define _MACHINE_PTE_H_

#include "machine/armreg.h"

#ifndef __ASSEMBLY__
#include "sys/types.h"
typedef uint64_t pt_entry_t;
#endif

#define Ln_ENTRIES		512
#define L0_SHIFT		39
#define L1_SHIFT		30
#define L2_SHIFT		21
#define L3_SHIFT		12
#define L1_SIZE			(UL(1) << L1_SHIFT)
#define L2_SIZE			(UL(1) << L2_SHIFT)
#define L3_SIZE			(UL(1) << L3_SHIFT)
#define Ln_ADDR_MASK		(Ln_ENTRIES - 1)
#define pmap_l0_index(va)	(((va) >> L0_SHIFT) & Ln_ADDR_MASK)
#define pmap_l1_index(va)	(((va) >> L1_SHIFT) & Ln_ADDR_MASK)
#define pmap_l2_index(va)	(((va) >> L2_SHIFT) & Ln_ADDR_MASK)
#define pmap_l3_index(va)	(((va) >> L3_SHIFT) & Ln_ADDR_MASK)

#define ATTR_DESCR_MASK		UL(3)
#define ATTR_DESCR_VALID	UL(1)
#define L0_TABLE		UL(3)
#define L1_BLOCK		UL(1)
#define L1_TABLE		UL(3)
#define L2_BLOCK		UL(1)
#define L2_TABLE		UL(3)
#define L3_PAGE			UL(3)

#ifdef __ASSEMBLY__
#define ATTR_IDX(x)		((x) << 2)
#else
#define ATTR_IDX(x)		((pt_entry_t)(x) << 2)
#endif
#define ATTR_IDX_MASK		(UL(7) << 2)
#define ATTR_AP_USER		(UL(1) << 6)	/* EL0 may access */
#define ATTR_AP_RO		(UL(1) << 7)	/* read-only */
#define ATTR_SH_IS		(UL(3) << 8)
#define ATTR_AF			(UL(1) << 10)
#define ATTR_nG			(UL(1) << 11)
#define ATTR_CONTIGUOUS		(UL(1) << 52)
#define ATTR_PXN		(UL(1) << 53)
#define ATTR_UXN		(UL(1) << 54)
#define ATTR_ADDR_MASK		UL(0x0000fffffffff000)

#endif /* !_MACHINE_PTE_H_ */
