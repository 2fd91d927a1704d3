/*
 * Arm Memory Tagging Extension: what the CPU offers, per-thread checking
 * state, and single-granule tag access through the direct map (which is
 * mapped Tagged when MTE2 is present).  Page-wide tag operations are the
 * vm/md_tags.h primitives, also in mte.c.
 */
#ifndef _MACHINE_MTE_H_
#define _MACHINE_MTE_H_

#include "sys/types.h"

#define MTE_GRANULE_SIZE	16
#define MTE_TAG_SHIFT		56
#define MTE_TAG_MASK		0xfUL		/* a tag is 4 bits */
#define MTE_PTR_TAG_MASK	(MTE_TAG_MASK << MTE_TAG_SHIFT) /* a pointer's tag */

/* ID_AA64PFR1_EL1.MTE levels. */
#define MTE_LEVEL_NONE		0
#define MTE_LEVEL_INSN		1	/* EL0 instructions, no tag storage */
#define MTE_LEVEL_MTE2		2	/* full MTE with tag storage */
#define MTE_LEVEL_MTE3		3	/* MTE2 plus asymmetric checking */

extern u_int mte_level;		/* (C) the CPU's MTE level */
extern bool mte_enabled;	/* (C) tags usable: MTE2+ and self-check passed */
extern u_int mte_gm_bytes;	/* (C) bytes covered by one LDGM/STGM */
extern u_int mte_dcz_bytes;	/* (C) bytes zeroed by one DC ZVA/STZGM */

struct thread;
struct ksiginfo;

void	mte_detect(void);
void	mte_init_cpu(void);
void	mte_selfcheck(void);
void	mte_thread_load(struct thread *td);
void	mte_thread_switch_out(struct thread *td);
void	mte_userret(struct thread *td);
void	mte_thread_discard_async(struct thread *td);
void	mte_fault_report(struct thread *td, const struct ksiginfo *ksi);

/* The allocation tag of the granule at kernel address va. */
static inline u_int
mte_load_tag(const void *va)
{
	uint64_t t = 0;

	__asm __volatile("ldg %0, [%1]" : "+r" (t) : "r" (va) : "memory");
	return ((t >> MTE_TAG_SHIFT) & MTE_TAG_MASK);
}

/* Set the allocation tag of the granule at kernel address va. */
static inline void
mte_store_tag(void *va, u_int tag)
{
	uint64_t t = (uint64_t)tag << MTE_TAG_SHIFT;

	__asm __volatile("stg %0, [%1]" : : "r" (t), "r" (va) : "memory");
}

#endif /* !_MACHINE_MTE_H_ */
