/*
 * Arm Memory Tagging Extension: what the CPU offers, per-thread checking
 * state, and single-granule tag access through the direct map (which is
 * mapped Tagged when MTE2 is present).  Page-wide tag operations are the
 * vm/md_tags.h primitives, also in mte.c.
 */
#ifndef _MACHINE_MTE_H_
#define _MACHINE_MTE_H_

#include "sys/types.h"
#include "sys/proc.h"
#include "machine/armreg.h"
#include "machine/cpufunc.h"

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
void	mte_userret_fault(struct thread *td);
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

/*
 * On a return to user mode with TDA_MTE or TDA_MTE_ASYNC set (sys/proc.h;
 * userret): follow a change of the process's MTE control made by another
 * thread, and turn an asynchronous tag fault (ASYNC or ASYMM mode,
 * including one raised by the kernel's own LDTR/STTR on the user's
 * behalf) into SIGSEGV/SEGV_MTEAERR with si_addr 0, before the thread
 * runs user code again (docs/abi.md section 6).  A thread in NONE or SYNC
 * mode cannot raise one, so its returns skip this (and the TFSRE0_EL1
 * read) unless a change or a fault noted at a switch set TDA_MTE.  The
 * fault itself is mte_userret_fault's.  md_mte_async is only written by td itself (at its
 * switch-out or exec), so reading it before the exchange loses nothing.
 */
static inline void
mte_userret(struct thread *td)
{
	if (!mte_enabled)
		return;
	if (__predict_false(td->td_md.md_mte_gen !=
	    td->td_proc->p_md.md_mte_gen))
		mte_thread_load(td);
	dsb(ish);
	isb();
	if (__predict_false(td->td_md.md_mte_async ||
	    (READ_SPECIALREG(tfsre0_el1) & TFSR_TF0) != 0))
		mte_userret_fault(td);
}

#endif /* !_MACHINE_MTE_H_ */
