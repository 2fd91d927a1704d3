/*
 * Arm Memory Tagging Extension: what the CPU offers and the kernel's
 * primitives for reading and writing the allocation tags of a page
 * through the direct map (which is mapped Tagged when MTE2 is present).
 */
#ifndef _MACHINE_MTE_H_
#define _MACHINE_MTE_H_

#include "sys/types.h"

#define MTE_GRANULE_SIZE	16
#define MTE_TAG_SHIFT		56

/* ID_AA64PFR1_EL1.MTE levels. */
#define MTE_LEVEL_NONE		0
#define MTE_LEVEL_INSN		1	/* EL0 instructions, no tag storage */
#define MTE_LEVEL_MTE2		2	/* full MTE with tag storage */
#define MTE_LEVEL_MTE3		3	/* MTE2 plus asymmetric checking */

extern u_int mte_level;		/* (C) the CPU's MTE level */
extern bool mte_enabled;	/* (C) tags usable: MTE2+ and self-check passed */
extern u_int mte_gm_bytes;	/* (C) bytes covered by one LDGM/STGM */
extern u_int mte_dcz_bytes;	/* (C) bytes zeroed by one DC ZVA/STZGM */

extern u_long mte_tag_inits;	/* (A) pages whose tags were initialised */

struct thread;
struct ksiginfo;

void	mte_detect(void);
void	mte_init_cpu(void);
void	mte_selfcheck(void);
void	mte_zero_page(void *va);
void	mte_clear_page_tags(void *va);
void	mte_copy_page_tags(const void *src, void *dst);
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
	return ((t >> MTE_TAG_SHIFT) & 0xf);
}

/* Set the allocation tag of the granule at kernel address va. */
static inline void
mte_store_tag(void *va, u_int tag)
{
	uint64_t t = (uint64_t)tag << MTE_TAG_SHIFT;

	__asm __volatile("stg %0, [%1]" : : "r" (t), "r" (va) : "memory");
}

#endif /* !_MACHINE_MTE_H_ */
