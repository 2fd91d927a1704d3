/*
 * Exceptions taken by the kernel.  An exception the kernel cannot handle
 * prints the trap frame, the ESR decoded in words and a symbolized
 * backtrace, then panics.
 */
#include "sys/systm.h"
#include "sys/param.h"
#include "sys/ksyms.h"
#include "machine/armreg.h"
#include "machine/cpufunc.h"
#include "machine/frame.h"
#include "sys/pcpu.h"
#include "machine/md.h"

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
	case 0x01:		return ("WFI or WFE trapped");
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
	case 0x30: case 0x31:	return ("breakpoint");
	case 0x32: case 0x33:	return ("software step");
	case 0x34: case 0x35:	return ("watchpoint");
	case EXCP_BRK:		return ("BRK instruction");
	default:		return ("reserved or unhandled class");
	}
}

/* An abort's fault status code (DFSC/IFSC, Arm ARM D19.2.46) in words. */
static const char *
fault_status_name(u_int fsc)
{
	static char buf[48];

	switch (fsc & 0x3c) {
	case 0x00:
		ksnprintf(buf, sizeof(buf), "address size fault, level %u",
		    fsc & 3);
		return (buf);
	case 0x04:
		ksnprintf(buf, sizeof(buf), "translation fault, level %u",
		    fsc & 3);
		return (buf);
	case 0x08:
		ksnprintf(buf, sizeof(buf), "access flag fault, level %u",
		    fsc & 3);
		return (buf);
	case 0x0c:
		ksnprintf(buf, sizeof(buf), "permission fault, level %u",
		    fsc & 3);
		return (buf);
	}
	switch (fsc) {
	case 0x10:	return ("synchronous external abort");
	case ISS_DATA_DFSC_TF:	return ("synchronous tag check fault");
	case 0x21:	return ("alignment fault");
	case 0x30:	return ("TLB conflict abort");
	default:	return ("other fault status");
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
		    fault_status_name(iss & ISS_DATA_DFSC_MASK));
		break;
	case EXCP_INSN_ABORT_L:
	case EXCP_INSN_ABORT:
		printf("  fetch from %#lx: %s\n", far,
		    fault_status_name(iss & ISS_DATA_DFSC_MASK));
		break;
	case EXCP_PC_ALIGN:
	case EXCP_SP_ALIGN:
		printf("  address %#lx\n", far);
		break;
	case EXCP_BRK:
	case EXCP_SVC64:
		printf("  immediate %#x\n", iss & 0xffff);
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

/* A synchronous exception taken from the kernel itself. */
void
trap_el1_sync(struct trapframe *tf)
{
	trap_fatal(tf, "kernel trap");
}

/* A user-mode synchronous exception: no user mode exists yet. */
void
trap_el0_sync(struct trapframe *tf)
{
	trap_fatal(tf, "user trap");
}

/* Work before returning to user mode: none until processes exist. */
void
userret(struct trapframe *tf)
{
}

/* An exception from a vector the kernel never expects (FIQ, SError...). */
void
trap_unexpected(struct trapframe *tf)
{
	trap_fatal(tf, "unexpected exception");
}
