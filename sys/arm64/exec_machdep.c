/*
 * arm64 process state for exec and signals: the registers a new program
 * starts with, the signal frame, and sigreturn.
 */
#include "sys/systm.h"
#include "sys/errno.h"
#include "sys/pcpu.h"
#include "sys/proc.h"
#include "sys/signalvar.h"
#include "machine/armreg.h"
#include "machine/cpufunc.h"
#include "machine/elf.h"
#include "machine/frame.h"
#include "machine/md.h"
#include "machine/mte.h"
#include "machine/pcb.h"
#include "machine/sysarch.h"
#include "sys/ucontext.h"

/* The kernel's view of siginfo_t has its layout. */
CTASSERT(sizeof(struct ksiginfo) == sizeof(siginfo_t));
CTASSERT(offsetof(struct ksiginfo, si_addr) == offsetof(siginfo_t, si_addr));
CTASSERT(offsetof(struct ksiginfo, si_value) == offsetof(siginfo_t, si_value));
CTASSERT(offsetof(struct ksiginfo, si_trapno) ==
    offsetof(siginfo_t, si_trapno));

/* ucontext.h asserts the context's layout; here, the frame's. */
CTASSERT(offsetof(struct sigframe, sf_uc) == SF_UC);
CTASSERT(sizeof(struct sigframe) == 1040);

/*
 * Registers of a freshly exec'd program (FreeBSD's exec_setregs): all
 * zero, x0 = sp = the argument block, pc = lr = entry, EL0t.
 */
void
exec_setregs(struct thread *td, uint64_t entry, uint64_t stack)
{
	struct trapframe *tf = td->td_frame;

	memset(tf, 0, sizeof(*tf));
	tf->tf_x[0] = stack;
	tf->tf_sp = stack & ~15UL;
	tf->tf_x[30] = entry;
	tf->tf_elr = entry;
	tf->tf_spsr = PSR_M_EL0t;
	memset(&td->td_pcb.pcb_fp, 0, sizeof(td->td_pcb.pcb_fp));
	fpu_restore(&td->td_pcb.pcb_fp);
	WRITE_SPECIALREG(tpidr_el0, 0);
	WRITE_SPECIALREG(tpidrro_el0, 0);
	mte_thread_load(td);	/* exec reset the MTE mode */
}

/*
 * The new program starts with the tag control the contract gives it
 * (docs/abi.md: mode NONE, include 0) and no asynchronous tag fault
 * charged to it from the old image, as Linux does at exec: the old one is
 * discarded, not delivered to a program that never made it.
 */
void
cpu_proc_exec(struct thread *td)
{
	struct proc *p = td->td_proc;

	spin_lock(&p->p_lock);
	p->p_md.md_mte_mode = MTE_MODE_NONE;
	p->p_md.md_mte_include = 0;
	p->p_md.md_mte_gen++;
	thread_ast_set(td, TDA_MTE);
	spin_unlock(&p->p_lock);
	mte_thread_discard_async(td);
}

/* AT_HWCAP2 for new programs: MTE (and MTE3) when tags can be used. */
uint64_t
cpu_hwcap2(void)
{
	if (!mte_enabled)
		return (0);
	return (HWCAP2_MTE | (mte_level >= MTE_LEVEL_MTE3 ? HWCAP2_MTE3 : 0));
}

/*
 * The FP registers go straight between the CPU and a context's fpregs,
 * whose first fields are laid out as fpu_save() stores them.
 */
CTASSERT(offsetof(struct fpregs, fp_q) == offsetof(struct fpstate, fp_q));
CTASSERT(offsetof(struct fpregs, fp_sr) == offsetof(struct fpstate, fp_sr));
CTASSERT(offsetof(struct fpregs, fp_cr) == offsetof(struct fpstate, fp_cr));

/*
 * Fill mc from the thread's user registers.  mc must be zeroed already
 * (sendsig() zeroes the whole frame once), so its padding and spare
 * fields carry no kernel data to the user.
 */
static void
get_mcontext(struct thread *td, mcontext_t *mc)
{
	struct trapframe *tf = td->td_frame;

	memcpy(mc->mc_gpregs.gp_x, tf->tf_x, sizeof(mc->mc_gpregs.gp_x));
	mc->mc_gpregs.gp_lr = tf->tf_x[30];
	mc->mc_gpregs.gp_sp = tf->tf_sp;
	mc->mc_gpregs.gp_elr = tf->tf_elr;
	mc->mc_gpregs.gp_spsr = tf->tf_spsr;
	fpu_save((struct fpstate *)&mc->mc_fpregs);
	mc->mc_flags = _MC_FP_VALID;
}

/*
 * Load the thread's user registers from mc, refusing a context that would
 * return anywhere but EL0t in AArch64 with interrupts unmasked (EINVAL).
 */
static int
set_mcontext(struct thread *td, const mcontext_t *mc)
{
	struct trapframe *tf = td->td_frame;
	/*
	 * SPSR bits 63:32 belong to features TagOS does not enable: a context
	 * cannot set them (gp_spsr was 32 bits wide before FreeBSD 14).
	 */
	uint64_t spsr = (uint32_t)mc->mc_gpregs.gp_spsr;

	if ((spsr & PSR_M_MASK) != PSR_M_EL0t || (spsr & PSR_M_32) != 0 ||
	    (spsr & PSR_DAIF) != 0 || mc->mc_ptr != 0)
		return (EINVAL);
	memcpy(tf->tf_x, mc->mc_gpregs.gp_x, sizeof(mc->mc_gpregs.gp_x));
	tf->tf_x[30] = mc->mc_gpregs.gp_lr;
	tf->tf_sp = mc->mc_gpregs.gp_sp;
	tf->tf_elr = mc->mc_gpregs.gp_elr;
	tf->tf_spsr = spsr;
	if (mc->mc_flags & _MC_FP_VALID)
		fpu_restore((const struct fpstate *)&mc->mc_fpregs);
	return (0);
}

/*
 * Build a signal frame on the user stack and point the thread at the
 * handler through the trampoline, on the alternate stack for SA_ONSTACK
 * (docs/abi.md section 3.3): x0 = sig, x1 = &siginfo, x2 = &ucontext,
 * x8 = handler, sp = frame, pc = sigcode (FreeBSD's convention).
 * Returns EFAULT if the stack cannot take the frame.
 */
int
sendsig(struct thread *td, const struct sigaction *act,
    const struct ksiginfo *ksi, const sigset_t *oldmask)
{
	struct trapframe *tf = td->td_frame;
	struct sigframe frame, *fp;
	bool onstack = sigonstack(td, tf->tf_sp);
	uint64_t sp = tf->tf_sp;

	/* The one fill of the frame; get_mcontext() relies on it. */
	memset(&frame, 0, sizeof(frame));
	frame.sf_si = *ksi;
	get_mcontext(td, &frame.sf_uc.uc_mcontext);
	frame.sf_uc.uc_sigmask = *oldmask;
	frame.sf_uc.uc_stack.ss_sp = td->td_sigstk.ss_sp;
	frame.sf_uc.uc_stack.ss_size = td->td_sigstk.ss_size;
	frame.sf_uc.uc_stack.ss_flags = (td->td_sigstk.ss_flags &
	    SS_DISABLE) | (onstack ? SS_ONSTACK : 0);
	/* SA_ONSTACK: the top of the alternate stack, unless already on it. */
	if ((act->sa_flags & SA_ONSTACK) && !onstack &&
	    (td->td_sigstk.ss_flags & SS_DISABLE) == 0)
		sp = (uint64_t)td->td_sigstk.ss_sp + td->td_sigstk.ss_size;
	fp = (struct sigframe *)((sp - sizeof(frame)) & ~15UL);
	if (copyout(&frame, fp, sizeof(frame)) != 0)
		return (EFAULT);
	tf->tf_x[0] = ksi->si_signo;
	tf->tf_x[1] = (uint64_t)&fp->sf_si;
	tf->tf_x[2] = (uint64_t)&fp->sf_uc;
	tf->tf_x[8] = (uint64_t)act->sa_handler;
	tf->tf_sp = (uint64_t)fp;
	tf->tf_elr = td->td_proc->p_sigcode;
	tf->tf_spsr &= ~PSR_C;
	return (0);
}

/* sigreturn(const ucontext_t *ucp): resume the context a handler saved. */
int
sys_sigreturn(struct thread *td, const uint64_t *args, uint64_t *rv)
{
	ucontext_t uc;
	int error;

	if ((error = copyin((void *)args[0], &uc, sizeof(uc))) != 0)
		return (error);
	if ((error = set_mcontext(td, &uc.uc_mcontext)) != 0)
		return (error);
	spin_lock(&td->td_proc->p_lock);
	td->td_sigmask = uc.uc_sigmask;
	SIGDELSET(td->td_sigmask, SIGKILL);
	SIGDELSET(td->td_sigmask, SIGSTOP);
	thread_ast_set(td, TDA_SIGNAL);	/* it may unblock a pending one */
	spin_unlock(&td->td_proc->p_lock);
	return (EJUSTRETURN);
}
