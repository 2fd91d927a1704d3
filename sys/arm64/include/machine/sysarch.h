/*
 * arm64 machine-dependent system call operations, one copy for the kernel
 * (sys_machdep.c) and programs (lib/libc/include/machine/sysarch.h
 * forwards here).  BTI and SVE numbers are FreeBSD's; the MTE tag control
 * is TagOS's (docs/abi.md section 5): per process, every thread of it,
 * inherited by fork, reset by exec.
 */
#ifndef _MACHINE_SYSARCH_H_
#define	_MACHINE_SYSARCH_H_

#include "sys/_types.h"

#define	ARM64_GUARD_PAGE	0x100	/* mark a range as BTI-guarded */
struct arm64_guard_page_args {
	__uintptr_t	addr;
	__size_t	len;
};

#define	ARM64_GET_SVE_VL	0x200	/* out: unsigned long vector length */

#define	ARM64_MTE_CTRL		0x300	/* set: struct arm64_mte_ctrl * */
#define	ARM64_MTE_GETCTRL	0x301	/* get: struct arm64_mte_ctrl * */

/*
 * Unknown mode, include bits above 15, or non-zero flags or spare give
 * EINVAL; MTE_MODE_ASYMM without FEAT_MTE3 and any op on a machine without
 * MTE give EOPNOTSUPP.
 */
struct arm64_mte_ctrl {
	__uint32_t	mode;		/* MTE_MODE_* for tag check faults */
	__uint32_t	include;	/* tags IRG may pick: bit n = tag n */
	__uint32_t	flags;		/* must be 0 */
	__uint32_t	spare;		/* must be 0 */
};

#define	MTE_MODE_NONE	0	/* no checks; LDG/STG still work */
#define	MTE_MODE_SYNC	1	/* precise fault: SEGV_MTESERR */
#define	MTE_MODE_ASYNC	2	/* deferred fault: SEGV_MTEAERR */
#define	MTE_MODE_ASYMM	3	/* reads SYNC, writes ASYNC (FEAT_MTE3) */

#ifndef _KERNEL
#include "sys/cdefs.h"

__BEGIN_DECLS
int	sysarch(int, void *);
__END_DECLS
#endif /* !_KERNEL */

#endif /* !_MACHINE_SYSARCH_H_ */
