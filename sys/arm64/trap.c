/*
 * Exceptions taken by the kernel.  An exception the kernel cannot handle
 * prints the trap frame, the ESR decoded in words and a symbolized
 * backtrace, then panics.
 */
#include "sys/systm.h"
#include "sys/errno.h"
#include "sys/param.h"
#include "sys/ksyms.h"
#include "sys/proc.h"
#include "sys/signalvar.h"
#include "sys/syscall.h"
#include "sys/sysent.h"
#include "vm/vm.h"
#include "vm/vm_map.h"
#include "vm/vm_fault.h"
#include "machine/pmap.h"
#include "machine/armreg.h"
#include "machine/cpufunc.h"
#include "machine/frame.h"
#include "sys/pcpu.h"
#include "machine/md.h"
#include "machine/mte.h"
#include "machine/pte.h"
#include "machine/vmparam.h"

static bool user_fault_is_vm(u_int fsc);

CTASSERT(offsetof(struct trapframe, tf_sp) == TF_SP);
CTASSERT(offsetof(struct trapframe, tf_elr) == TF_ELR);
CTASSERT(offsetof(struct trapframe, tf_esr) == TF_ESR);
CTASSERT(offsetof(struct trapframe, tf_frame) == TF_FRAME);
CTASSERT(sizeof(struct trapframe) == TF_SIZE);

/* ESR_ELx.EC in words (Arm ARM D19.2.46, "ESR_EL1"). */
static const char *
esr_class_name(u_int ec)
{
	switch (ec) {
	case EXCP_UNKNOWN:	return ("unknown reason (undefined instruction)");
	case EXCP_WFI_WFE:	return ("WFI or WFE trapped");
	case EXCP_FP_SIMD:	return ("FP/SIMD access trapped");
	case EXCP_ILL_STATE:	return ("illegal execution state");
	case EXCP_SVC64:	return ("SVC from AArch64");
	case EXCP_MSR:		return ("MSR/MRS/system instruction trapped");
	case EXCP_INSN_ABORT_L:	return ("instruction abort from a lower EL");
	case EXCP_INSN_ABORT:	return ("instruction abort at the same EL");
	case EXCP_PC_ALIGN:	return ("PC alignment fault");
	case EXCP_DATA_ABORT_L:	return ("data abort from a lower EL");
	case EXCP_DATA_ABORT:	return ("data abort at the same EL");
	case EXCP_SP_ALIGN:	return ("SP alignment fault");
	case EXCP_SERROR:	return ("SError interrupt");
	case EXCP_BRKPT_EL0:
	case EXCP_BRKPT_EL1:	return ("breakpoint");
	case EXCP_SOFTSTP_EL0:
	case EXCP_SOFTSTP_EL1:	return ("software step");
	case EXCP_WATCHPT_EL0:
	case EXCP_WATCHPT_EL1:	return ("watchpoint");
	case EXCP_BRK:		return ("BRK instruction");
	default:		return ("reserved or unhandled class");
	}
}

/* An abort's fault status code (DFSC/IFSC, Arm ARM D19.2.46) in words. */
static const char *
fault_status_name(u_int fsc)
{
	static char buf[48];
	const char *kind;

	switch (fsc & ISS_FSC_TYPE_MASK) {
	case ISS_FSC_ADDR_SIZE:		kind = "address size"; break;
	case ISS_FSC_TRANSLATION:	kind = "translation"; break;
	case ISS_FSC_ACCESS_FLAG:	kind = "access flag"; break;
	case ISS_FSC_PERMISSION:	kind = "permission"; break;
	default:			kind = NULL; break;
	}
	if (kind != NULL) {
		ksnprintf(buf, sizeof(buf), "%s fault, level %u", kind,
		    (u_int)(fsc & ISS_FSC_LEVEL_MASK));
		return (buf);
	}
	switch (fsc) {
	case ISS_FSC_EXTERNAL:		return ("synchronous external abort");
	case ISS_FSC_TAG_CHECK:		return ("synchronous tag check fault");
	case ISS_FSC_ALIGNMENT:		return ("alignment fault");
	case ISS_FSC_TLB_CONFLICT:	return ("TLB conflict abort");
	default:			return ("other fault status");
	}
}

/* Print an ESR value decoded in words. */
void
print_esr(uint64_t esr, uint64_t far)
{
	u_int ec = (esr >> ESR_EC_SHIFT) & ESR_EC_MASK;
	u_int iss = esr & ESR_ISS_MASK;

	printf("esr %#lx: class %#x, %s\n", esr, ec, esr_class_name(ec));
	switch (ec) {
	case EXCP_DATA_ABORT_L:
	case EXCP_DATA_ABORT:
		printf("  %s of %#lx: %s\n",
		    (iss & ISS_DATA_WnR) ? "write" : "read", far,
		    fault_status_name(iss & ISS_FSC_MASK));
		break;
	case EXCP_INSN_ABORT_L:
	case EXCP_INSN_ABORT:
		printf("  fetch from %#lx: %s\n", far,
		    fault_status_name(iss & ISS_FSC_MASK));
		break;
	case EXCP_PC_ALIGN:
	case EXCP_SP_ALIGN:
		printf("  address %#lx\n", far);
		break;
	case EXCP_BRK:
	case EXCP_SVC64:
		printf("  immediate %#x\n", (u_int)(iss & ISS_IMM16_MASK));
		break;
	}
}

/* Print every register of a trap frame, with the interrupted pc symbolized. */
void
print_trapframe(const struct trapframe *tf)
{
	const char *name;
	uint64_t off;
	int i;

	for (i = 0; i < 30; i += 2)
		printf(" x%-2d %016lx   x%-2d %016lx\n", i, tf->tf_x[i], i + 1,
		    tf->tf_x[i + 1]);
	printf(" lr  %016lx   sp  %016lx\n", tf->tf_x[30], tf->tf_sp);
	name = ksyms_lookup(tf->tf_elr, &off);
	printf(" elr %016lx (%s+%#lx)  spsr %08lx\n", tf->tf_elr,
	    name != NULL ? name : "?", name != NULL ? off : 0, tf->tf_spsr);
	print_esr(tf->tf_esr, tf->tf_far);
}

/* Report an exception the kernel cannot handle and panic. */
static void __dead2
trap_fatal(struct trapframe *tf, const char *what)
{
	printf("\nfatal %s on CPU %u\n", what, curcpu_id());
	print_trapframe(tf);
	panic("%s", what);
}

/*
 * A data abort in copyin/copyout and friends (the thread has set
 * pcb_onfault): their unprivileged accesses fault like the user's own.
 * Resolve a fault on a user address like a user fault; if that is
 * impossible (a bad address, a kernel address, a tag mismatch), resume at
 * the recovery address, which returns EFAULT.
 */
static bool
trap_el1_copy_fault(struct trapframe *tf)
{
	struct thread *td = curthread;
	uint64_t iss = tf->tf_esr & ESR_ISS_MASK;
	vm_offset_t va = untag(tf->tf_far);

	if (td == NULL || td->td_proc == NULL || td->td_pcb.pcb_onfault == 0)
		return (false);
	KASSERT(curpcpu()->pc_spin_depth == 0,
	    ("trap_el1_copy_fault: user access with a spin lock held"));
	if (va < VM_MAXUSER_ADDRESS &&
	    user_fault_is_vm(iss & ISS_FSC_MASK)) {
		/* Interrupts as the copy routine had them. */
		if ((tf->tf_spsr & PSR_I) == 0)
			intr_enable();
		if ((iss & ISS_FSC_TYPE_MASK) == ISS_FSC_ACCESS_FLAG &&
		    pmap_fault_af(&td->td_proc->p_vmspace->vm_pmap, va))
			return (true);
		if (vm_fault(&td->td_proc->p_vmspace->vm_map, va,
		    (iss & ISS_DATA_WnR) ? VM_PROT_WRITE : VM_PROT_READ) == 0)
			return (true);
	}
	tf->tf_elr = td->td_pcb.pcb_onfault;
	return (true);
}

/* A synchronous exception taken from the kernel itself. */
void
trap_el1_sync(struct trapframe *tf)
{
	u_int ec = (tf->tf_esr >> ESR_EC_SHIFT) & ESR_EC_MASK;

	if (ec == EXCP_DATA_ABORT && trap_el1_copy_fault(tf))
		return;
	trap_fatal(tf, "kernel trap");
}

/*
 * True if an abort's fault status is one vm_fault resolves: translation,
 * access flag or permission faults at any level.
 */
static bool
user_fault_is_vm(u_int fsc)
{
	switch (fsc & ISS_FSC_TYPE_MASK) {
	case ISS_FSC_TRANSLATION:
	case ISS_FSC_ACCESS_FLAG:
	case ISS_FSC_PERMISSION:
		return (true);
	default:
		return (false);
	}
}

/* The report of a fatal tag-check fault (docs/abi.md section 6); others: none. */
bool
cpu_fault_report(struct thread *td, const struct ksiginfo *ksi)
{
	if (ksi->si_signo != SIGSEGV || (ksi->si_code != SEGV_MTESERR &&
	    ksi->si_code != SEGV_MTEAERR))
		return (false);
	mte_fault_report(td, ksi);
	return (true);
}

/* A user data or instruction abort: page it in, or signal the thread. */
static void
user_abort(struct thread *td, struct trapframe *tf, u_int ec)
{
	uint64_t iss = tf->tf_esr & ESR_ISS_MASK;
	u_int fsc = iss & ISS_FSC_MASK;
	vm_offset_t va = untag(tf->tf_far);
	vm_prot_t type;
	int rv, sig, code;

	if (fsc == ISS_FSC_TAG_CHECK) {
		/*
		 * A synchronous tag check fault: si_addr is the address with
		 * the pointer's tag in bits 59:56 and bits 63:60 zero (FAR's
		 * are UNKNOWN), docs/abi.md section 6.
		 */
		trapsignal(td, SIGSEGV, SEGV_MTESERR,
		    untag(tf->tf_far) | (tf->tf_far & MTE_PTR_TAG_MASK), ec);
		return;
	}
	if (!user_fault_is_vm(fsc)) {
		if (fsc == ISS_FSC_ALIGNMENT)
			trapsignal(td, SIGBUS, BUS_ADRALN, tf->tf_far, ec);
		else
			trapsignal(td, SIGBUS, BUS_OBJERR, tf->tf_far, ec);
		return;
	}
	if (ec == EXCP_INSN_ABORT_L)
		type = VM_PROT_EXECUTE;
	else
		type = (iss & ISS_DATA_WnR) ? VM_PROT_WRITE : VM_PROT_READ;
	/* The page daemon cleared the access flag to see if it is used. */
	if ((fsc & ISS_FSC_TYPE_MASK) == ISS_FSC_ACCESS_FLAG &&
	    pmap_fault_af(&td->td_proc->p_vmspace->vm_pmap, va))
		return;
	rv = vm_fault(&td->td_proc->p_vmspace->vm_map, va, type);
	/* Interrupted while waiting for memory: take the signal first. */
	if (rv == 0 || rv == VM_FAULT_INTERRUPTED)
		return;
	vm_fault_signal(rv, &sig, &code);
	trapsignal(td, sig, code, tf->tf_far, ec);
}

/*
 * A system call: number in x8 (or x0 for the indirect syscall/__syscall,
 * whose arguments then start at x1), arguments in x0-x7.  Success clears
 * PSTATE.C and returns results in x0/x1; failure sets C with the errno
 * in x0 (FreeBSD's convention).
 */
static void
svc_handler(struct thread *td, struct trapframe *tf)
{
	uint64_t indirect[8], rv[2];
	const uint64_t *args;
	u_int code = tf->tf_x[8];
	int error, i;

	/*
	 * The handler reads its arguments in place, from the frame: the
	 * argument pointer is const, and the handlers that rewrite the frame
	 * (execve, sigreturn) read every argument first (sys/sysent.h).
	 * Only the indirect call shifts them, into a copy.
	 */
	args = tf->tf_x;
	if (__predict_false(code == SYS_syscall || code == SYS___syscall)) {
		code = tf->tf_x[0];
		for (i = 0; i < 7; i++)
			indirect[i] = tf->tf_x[i + 1];
		indirect[7] = 0;
		args = indirect;
	}
	rv[0] = 0;
	rv[1] = tf->tf_x[1];
	if (__predict_true(code < SYS_MAXSYSCALL &&
	    sysent[code].sy_call != NULL)) {
		error = sysent[code].sy_call(td, args, rv);
	} else {
		/* FreeBSD's nosys(): ENOSYS, and SIGSYS unless ignored. */
		error = ENOSYS;
		kern_psignal_thread(td, SIGSYS);
	}
	if (__predict_true(error == 0)) {
		tf->tf_x[0] = rv[0];
		tf->tf_x[1] = rv[1];
		tf->tf_spsr &= ~PSR_C;
		return;
	}
	switch (error) {
	case ERESTART:
		tf->tf_elr -= 4;
		break;
	case EJUSTRETURN:
		break;
	default:
		tf->tf_x[0] = error;
		tf->tf_spsr |= PSR_C;
		break;
	}
}

/* "svc #0" from user mode: exception.S sends it here, not to trap_el0_sync. */
void
trap_el0_svc(struct trapframe *tf)
{

	intr_enable();
	svc_handler(curthread, tf);
}

/* A synchronous exception from user mode other than "svc #0". */
void
trap_el0_sync(struct trapframe *tf)
{
	struct thread *td = curthread;
	u_int ec = (tf->tf_esr >> ESR_EC_SHIFT) & ESR_EC_MASK;

	intr_enable();
	switch (ec) {
	case EXCP_SVC64:
		/* FreeBSD's system calls are "svc #0"; any other is illegal. */
		KASSERT((tf->tf_esr & ISS_IMM16_MASK) != 0,
		    ("trap_el0_sync: svc #0 not sent to trap_el0_svc"));
		trapsignal(td, SIGILL, ILL_ILLOPN, tf->tf_elr - 4, ec);
		break;
	case EXCP_DATA_ABORT_L:
	case EXCP_INSN_ABORT_L:
		user_abort(td, tf, ec);
		break;
	case EXCP_PC_ALIGN:
	case EXCP_SP_ALIGN:
		trapsignal(td, SIGBUS, BUS_ADRALN, tf->tf_far, ec);
		break;
	case EXCP_BRK:
		trapsignal(td, SIGTRAP, TRAP_BRKPT, tf->tf_elr, ec);
		break;
	case EXCP_SOFTSTP_EL0:
		/* One instruction stepped (PSR_SS): the step is over. */
		tf->tf_spsr &= ~PSR_SS;
		trapsignal(td, SIGTRAP, TRAP_TRACE, tf->tf_elr, ec);
		break;
	case EXCP_MSR:
		trapsignal(td, SIGILL, ILL_PRVREG, tf->tf_elr, ec);
		break;
	default:
		trapsignal(td, SIGILL, ILL_ILLOPC, tf->tf_elr, ec);
		break;
	}
}

/*
 * Arm software step for this return to user mode if the thread asked for
 * it (PSR_SS set in its context, as FreeBSD lets a signal handler do),
 * and disarm it otherwise: with MDSCR_EL1.SS set, an ERET with SPSR.SS
 * clear would take the step exception before any instruction.
 */
static void
single_step_userret(const struct trapframe *tf)
{
	uint64_t mdscr = READ_SPECIALREG(mdscr_el1);
	uint64_t want = (tf->tf_spsr & PSR_SS) ? mdscr | MDSCR_SS :
	    mdscr & ~MDSCR_SS;

	if (want != mdscr) {
		WRITE_SPECIALREG(mdscr_el1, want);
		isb();
	}
}

/*
 * The slow path of the return to user mode, with interrupts masked:
 * exception.S calls it only when td_ast has work (TDA_*, sys/proc.h) or
 * single step must be armed or disarmed.  Gives up the CPU if asked to,
 * turns an asynchronous tag fault into a signal, delivers pending
 * signals, and arms or disarms single step.  Each may enable interrupts
 * or cause more work, so it loops until none has any; each bit is
 * cleared before the state it announces is read, so work announced
 * meanwhile is found now or at the next return.
 */
void
userret(void)
{
	struct thread *td = curthread;

	for (;;) {
		if (td->td_ast & TDA_RESCHED) {
			sched_yield_cpu();
			continue;
		}
		/*
		 * May post SEGV_MTEAERR, also for postsig's own copyout:
		 * TDA_MTE_ASYNC stays set while the mode can raise one.
		 */
		if (td->td_ast & (TDA_MTE | TDA_MTE_ASYNC)) {
			thread_ast_clear(td, TDA_MTE);
			mte_userret(td);
		}
		thread_ast_clear(td, TDA_SIGNAL);
		if (thread_signal_pending(td)) {
			intr_enable();
			postsig(td);
			intr_disable();
			continue;
		}
		break;
	}
	single_step_userret(td->td_frame);
}

/*
 * A thread's kernel stack ran into its guard page (exception.S moved to
 * this CPU's overflow stack to get here).  The frame's x29 still chains
 * through the overflowing thread's frames for the backtrace.
 */
void
trap_kstack_overflow(struct trapframe *tf)
{
	printf("\nkernel stack overflow: thread %d, fault address %#lx\n",
	    curthread != NULL ? curthread->td_tid : -1, tf->tf_far);
	trap_fatal(tf, "kernel stack overflow");
}

/* An exception from a vector the kernel never expects (FIQ, SError...). */
void
trap_unexpected(struct trapframe *tf)
{
	trap_fatal(tf, "unexpected exception");
}
