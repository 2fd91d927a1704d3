/*
 * The user-visible machine context: FreeBSD's arm64 mcontext_t and
 * ucontext_t layouts (docs/abi.md section 3.3), which signal frames and
 * sigreturn use.
 */
#ifndef _MACHINE_UCONTEXT_H_
#define _MACHINE_UCONTEXT_H_

#include "sys/signal.h"

struct gpregs {
	uint64_t	gp_x[30];
	uint64_t	gp_lr;
	uint64_t	gp_sp;
	uint64_t	gp_elr;
	uint32_t	gp_spsr;
	uint32_t	gp_pad;
};

struct fpregs {
	__uint128_t	fp_q[32];
	uint32_t	fp_sr;
	uint32_t	fp_cr;
	uint32_t	fp_flags;
	uint32_t	fp_pad;
};

#define _MC_FP_VALID	0x1

struct kmcontext {
	struct gpregs	mc_gpregs;
	struct fpregs	mc_fpregs;
	uint32_t	mc_flags;
	uint32_t	mc_pad;
	uint64_t	mc_ptr;
	uint64_t	mc_spare[7];
};

struct kstack_t {
	uint64_t	ss_sp;
	uint64_t	ss_size;
	int		ss_flags;
	int		ss_pad;
};

struct kucontext {
	sigset_t	uc_sigmask;
	struct kmcontext uc_mcontext __aligned(16);
	uint64_t	uc_link;
	struct kstack_t	uc_stack;
	int		uc_flags;
	int		__spare__[4];
};

struct sigframe {
	struct ksiginfo	sf_si;
	struct kucontext sf_uc;
};

#endif /* !_MACHINE_UCONTEXT_H_ */
