/*
 * arm64 state of processes and threads (struct proc's p_md, struct
 * thread's td_md).  MTE: the tag-check mode and the IRG include mask are
 * per process (docs/abi.md section 5); each thread loads them into SCTLR_EL1.TCF0 and
 * GCR_EL1 when it runs and notices a change through md_mte_gen.
 */
#ifndef _MACHINE_PROC_H_
#define _MACHINE_PROC_H_

#include "sys/types.h"

struct mdproc {
	uint32_t	md_mte_mode;	/* (p) MTE_MODE_*: TCF0 */
	uint32_t	md_mte_include;	/* (p) tags IRG may choose */
	u_int		md_mte_gen;	/* (p) bumped by every change */
};

struct mdthread {
	u_int		md_mte_gen;	/* (o) md_mte_gen last loaded */
	bool		md_mte_async;	/* (A) async tag fault seen at a switch */
};

#endif /* !_MACHINE_PROC_H_ */
