/*
 * Machine-dependent parts of threads: kernel stacks, the register state a
 * new thread starts with, the context switch's arm64 half, and waking idle
 * CPUs.
 */
#include "sys/systm.h"
#include "sys/errno.h"
#include "sys/param.h"
#include "sys/pcpu.h"
#include "sys/proc.h"
#include "sys/spinlock.h"
#include "vm/vm_page.h"
#include "vm/vm_phys.h"
#include "vm/vm_map.h"
#include "machine/asmdefs.h"
#include "machine/armreg.h"
#include "machine/cpufunc.h"
#include "machine/frame.h"
#include "machine/intr.h"
#include "machine/machdep.h"
#include "machine/mte.h"
#include "machine/pcb.h"
#include "machine/pmap.h"
#include "vm/pmap.h"

CTASSERT(offsetof(struct pcpu, pc_curthread) == PC_CURTHREAD);
CTASSERT(offsetof(struct thread, td_pcb) == TD_PCB);
CTASSERT(offsetof(struct thread, td_ast) == TD_AST);
/* exception_return_el0 compares the two SS bits, shifted to bit 0. */
CTASSERT(PSR_SS >> PSR_SS_SHIFT == MDSCR_SS);
CTASSERT(offsetof(struct pcb, pcb_sp) == PCB_SP);
CTASSERT(offsetof(struct pcb, pcb_onfault) == PCB_ONFAULT);
CTASSERT(offsetof(struct pcpu, pc_overflow_stack) == PC_OVERFLOW_STACK);
CTASSERT((KSTACK_MIN_ADDRESS & (KSTACK_SLOT_SIZE - 1)) == 0);
/* exception.S's overflow check: the bits it tests mean what it thinks. */
CTASSERT((KVA_MIN_ADDRESS & (1UL << KSTACK_SLOT_BIT)) != 0);
CTASSERT(((KVA_MAX_ADDRESS - 1) & (1UL << KSTACK_SLOT_BIT)) != 0);
CTASSERT((DMAP_MIN_ADDRESS & (1UL << KSTACK_SLOT_BIT)) == 0);
CTASSERT(KSTACK_SIZE == 1UL << KSTACK_STACK_BIT);
CTASSERT(KSTACK_MIN_ADDRESS + KSTACK_SLOTS * KSTACK_SLOT_SIZE <=
    KVA_MAX_ADDRESS - (1UL << 30));

#define KSTACK_PAGES	(KSTACK_SIZE / PAGE_SIZE)

static struct spinlock kstack_lock = SPINLOCK_INITIALIZER("kstack");
static uint64_t kstack_used[KSTACK_SLOTS / 64];	/* (kstack_lock) */

extern char fork_trampoline[];

/* Give back a kernel stack slot. */
static void
kstack_slot_free(u_int slot)
{
	spin_lock(&kstack_lock);
	kstack_used[slot / 64] &= ~(1UL << (slot % 64));
	spin_unlock(&kstack_lock);
}

/* Unmap and free the first n pages of the kernel stack at va. */
static void
kstack_pages_free(vm_offset_t va, u_int n)
{
	vm_paddr_t pa;
	u_int i;

	for (i = 0; i < n; i++) {
		pa = pmap_kextract(va + ptoa(i));
		pmap_kremove(va + ptoa(i));
		vm_phys_free_pages(PHYS_TO_VM_PAGE(pa), 0);
	}
}

/*
 * Give td a kernel stack, mapped in a KVA slot above an unmapped guard,
 * with its trap frame at the top.  The stack's pages are taken one at a
 * time: under paging, free memory is single pages, and a stack must not
 * need a physically contiguous run.  Returns 0, or ENOMEM if there is no
 * memory for the stack or a page table to map it, or no free slot; then
 * nothing is left allocated.
 */
int
cpu_thread_alloc(struct thread *td)
{
	struct vm_page *m;
	vm_offset_t va;
	u_int slot, i;

	spin_lock(&kstack_lock);
	for (slot = 0; slot < KSTACK_SLOTS; slot++)
		if ((kstack_used[slot / 64] & (1UL << (slot % 64))) == 0)
			break;
	if (slot < KSTACK_SLOTS)
		kstack_used[slot / 64] |= 1UL << (slot % 64);
	spin_unlock(&kstack_lock);
	if (slot == KSTACK_SLOTS)
		return (ENOMEM);
	va = KSTACK_MIN_ADDRESS + slot * KSTACK_SLOT_SIZE + KSTACK_SIZE;
	for (i = 0; i < KSTACK_PAGES; i++) {
		/* The first stack in a 2 MiB of KVA needs a new L3 table. */
		if ((m = vm_phys_alloc_pages(0)) == NULL ||
		    pmap_kenter(va + ptoa(i), VM_PAGE_TO_PHYS(m)) != 0) {
			if (m != NULL)
				vm_phys_free_pages(m, 0);
			kstack_pages_free(va, i);
			kstack_slot_free(slot);
			return (ENOMEM);
		}
	}
	td->td_kstack = va;
	td->td_frame = (struct trapframe *)(td->td_kstack + KSTACK_SIZE) - 1;
	memset(td->td_frame, 0, sizeof(*td->td_frame));
	memset(&td->td_pcb, 0, sizeof(td->td_pcb));
	return (0);
}

/* Free td's kernel stack and its slot (td no longer runs). */
void
cpu_thread_free(struct thread *td)
{
	u_int slot;

	kstack_pages_free(td->td_kstack, KSTACK_PAGES);
	slot = (td->td_kstack - KSTACK_MIN_ADDRESS) / KSTACK_SLOT_SIZE;
	kstack_slot_free(slot);
}

/*
 * Arrange for td's first switch-in to call fn(arg) and then return to
 * user mode through td_frame.
 */
void
cpu_thread_start(struct thread *td, void (*fn)(void *), void *arg)
{
	td->td_pcb.pcb_x[0] = (uint64_t)fn;		/* x19 */
	td->td_pcb.pcb_x[1] = (uint64_t)arg;		/* x20 */
	td->td_pcb.pcb_x[10] = 0;			/* x29: end of backtrace */
	td->td_pcb.pcb_x[11] = (uint64_t)fork_trampoline; /* x30 */
	td->td_pcb.pcb_sp = (uint64_t)td->td_frame;
}

/*
 * Make the new thread td a copy of the running thread at its system call:
 * same user registers (fork returns 0 in x0 and x1 to it), TLS and FP.
 */
void
cpu_fork(struct thread *td)
{
	struct thread *parent = curthread;

	*td->td_frame = *parent->td_frame;
	td->td_frame->tf_x[0] = 0;
	td->td_frame->tf_x[1] = 0;
	td->td_frame->tf_spsr &= ~PSR_C;
	td->td_pcb.pcb_tpidr_el0 = READ_SPECIALREG(tpidr_el0);
	td->td_pcb.pcb_tpidrro_el0 = READ_SPECIALREG(tpidrro_el0);
	fpu_save(&td->td_pcb.pcb_fp);
}

/*
 * Make the new thread td (a copy of its creator, from cpu_fork()) enter
 * user mode at entry(arg) on the stack whose top is stack_top: x0 = arg,
 * sp = stack_top rounded down to 16 bytes, lr = 0 so a return from entry
 * ends a backtrace.  A pointer tag on stack_top is kept (the stack may be
 * tagged memory); entry must be untagged.
 */
void
cpu_set_upcall(struct thread *td, uint64_t entry, uint64_t arg,
    uint64_t stack_top)
{
	struct trapframe *tf = td->td_frame;

	tf->tf_sp = stack_top & ~15UL;
	tf->tf_elr = entry;
	tf->tf_x[0] = arg;
	tf->tf_x[30] = 0;
}

/*
 * Set the user TLS pointer (TPIDR_EL0) the not yet running thread td
 * starts with.  The caller has checked that tls_base, untagged, is a user
 * address; its tag is kept.
 */
void
cpu_set_user_tls(struct thread *td, uint64_t tls_base)
{
	td->td_pcb.pcb_tpidr_el0 = tls_base;
}

/*
 * fork: the child process p2 inherits p1's machine-dependent state (the
 * MTE check mode and IRG include mask).  Called with p1's p_lock held.
 */
void
cpu_proc_fork(struct proc *p2, const struct proc *p1)
{
	p2->p_md = p1->p_md;
}

/*
 * Switch this CPU from thread old to thread new: save old's user TLS and
 * FP/SIMD registers (the kernel never uses FP, so they still hold the
 * user's) and its pending asynchronous tag fault, load new's registers and
 * MTE mode (per-thread hardware state: TCF0, GCR_EL1), and switch address
 * spaces.
 */
void
cpu_switch_to(struct thread *old, struct thread *new)
{
	/*
	 * Even for a thread whose process is gone (exit clears td_proc): an
	 * async tag fault left in TFSRE0_EL1 would be charged to the next
	 * thread to run here.
	 */
	mte_thread_switch_out(old);
	if (old->td_proc != NULL) {
		old->td_pcb.pcb_tpidr_el0 = READ_SPECIALREG(tpidr_el0);
		old->td_pcb.pcb_tpidrro_el0 = READ_SPECIALREG(tpidrro_el0);
		fpu_save(&old->td_pcb.pcb_fp);
	}
	if (new->td_proc != NULL) {
		WRITE_SPECIALREG(tpidr_el0, new->td_pcb.pcb_tpidr_el0);
		WRITE_SPECIALREG(tpidrro_el0, new->td_pcb.pcb_tpidrro_el0);
		fpu_restore(&new->td_pcb.pcb_fp);
		mte_thread_load(new);
	}
	if (new->td_proc != NULL && new->td_proc->p_vmspace != NULL) {
		pmap_activate(&new->td_proc->p_vmspace->vm_pmap);
	} else {
		/* The old address space may be freed while this CPU idles. */
		pmap_activate_kernel();
	}
	cpu_switch(&old->td_pcb, &new->td_pcb);
}

/* Nudge idle CPUs out of WFI: there is work on the run queue. */
void
cpu_wake_idle(void)
{
	u_int cpu;

	for (cpu = 0; cpu < mp_ncpus; cpu++) {
		struct pcpu *pc = &pcpu_array[cpu];

		if (cpu != curcpu_id() && pc->pc_online &&
		    pc->pc_curthread == pc->pc_idlethread)
			intr_ipi_send(cpu, IPI_WAKE);
	}
}
