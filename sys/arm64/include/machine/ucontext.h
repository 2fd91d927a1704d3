/*
 * The arm64 machine context a signal handler receives and sigreturn(2)
 * restores, laid out as FreeBSD's (docs/abi.md section 3.3): general registers
 * (272 bytes), FP/SIMD registers (528), flags and a pointer to extra
 * register records, 880 bytes in all.  One copy for the kernel's signal
 * frames and sigreturn (exec_machdep.c) and for programs
 * (lib/libc/include/machine/ucontext.h forwards here).
 */
#ifndef _MACHINE_UCONTEXT_H_
#define	_MACHINE_UCONTEXT_H_

#include "sys/_types.h"

struct gpregs {
	__register_t	gp_x[30];	/* x0..x29 */
	__register_t	gp_lr;		/* x30 */
	__register_t	gp_sp;
	__register_t	gp_elr;		/* pc to return to */
	__uint64_t	gp_spsr;
};

struct fpregs {
	__uint128_t	fp_q[32];
	__uint32_t	fp_sr;		/* FPSR */
	__uint32_t	fp_cr;		/* FPCR */
	int		fp_flags;
	int		fp_pad;
};

struct __mcontext {
	struct gpregs	mc_gpregs;
	struct fpregs	mc_fpregs;
	int		mc_flags;
#define	_MC_FP_VALID	0x1		/* set when mc_fpregs holds state */
	int		mc_pad;
	__uint64_t	mc_ptr;		/* address of extra records, or 0 */
	__uint64_t	mc_spare[7];
};
typedef struct __mcontext mcontext_t;

/* Records at mc_ptr: each starts with this header; ARM64_CTX_END ends them. */
struct arm64_reg_context {
	__uint32_t	ctx_id;
	__uint32_t	ctx_size;
};
#define	ARM64_CTX_END	0xa5a5a5a5
#define	ARM64_CTX_SVE	0x00657673

_Static_assert(sizeof(struct gpregs) == 272, "struct gpregs is 272 bytes");
_Static_assert(__builtin_offsetof(struct gpregs, gp_lr) == 240, "gp_lr at 240");
_Static_assert(__builtin_offsetof(struct gpregs, gp_sp) == 248, "gp_sp at 248");
_Static_assert(__builtin_offsetof(struct gpregs, gp_elr) == 256,
    "gp_elr at 256");
_Static_assert(__builtin_offsetof(struct gpregs, gp_spsr) == 264,
    "gp_spsr at 264");
_Static_assert(sizeof(struct fpregs) == 528, "struct fpregs is 528 bytes");
_Static_assert(__builtin_offsetof(struct fpregs, fp_sr) == 512, "fp_sr at 512");
_Static_assert(__builtin_offsetof(struct fpregs, fp_flags) == 520,
    "fp_flags at 520");
_Static_assert(sizeof(mcontext_t) == 880, "mcontext_t is 880 bytes");
_Static_assert(__builtin_offsetof(mcontext_t, mc_fpregs) == 272,
    "mc_fpregs at 272");
_Static_assert(__builtin_offsetof(mcontext_t, mc_flags) == 800,
    "mc_flags at 800");
_Static_assert(__builtin_offsetof(mcontext_t, mc_ptr) == 808, "mc_ptr at 808");
_Static_assert(__builtin_offsetof(mcontext_t, mc_spare) == 816,
    "mc_spare at 816");

#endif /* !_MACHINE_UCONTEXT_H_ */
