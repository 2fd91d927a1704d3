/*
 * The machine side of malloc's tagged heap (malloc_tag.h, which has the
 * tag instructions inline): the process's tag control (sysarch ARM64_MTE_CTRL, docs/abi.md section 5),
 * the caller's stack from the frame-pointer chain (AAPCS64: x29 points at
 * the frame record {previous x29, return address}), and the SIGSEGV
 * handler that turns a heap tag fault into malloc's report.
 *
 * The handler is installed only when the heap is tagged.  The program may
 * install its own SIGSEGV action afterwards: sigaction() (gen/sigaction.c)
 * then keeps ours installed and stores the program's, which the handler
 * calls after the report, so the program's handler still sees every
 * SIGSEGV and may leave with siglongjmp.  With no program handler, the
 * fault ends the program as it would without malloc's.
 */
#include <sys/types.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <machine/sysarch.h>
#include <errno.h>
#include <malloc_np.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "libc_private.h"
#include "stdlib/malloc_tag.h"

int	__sys_sigaction(int, const struct sigaction *, struct sigaction *);

static struct sigaction program_segv;	/* the program's SIGSEGV action */
static int	segv_owned;		/* (A) malloc's handler is installed */

/* See malloc_tag.h. */
int
__malloc_mte_present(void)
{
	u_long hwcap2;

	if (elf_aux_info(AT_HWCAP2, &hwcap2, sizeof(hwcap2)) != 0)
		return (0);
	return ((hwcap2 & HWCAP2_MTE) != 0);
}

/*
 * See malloc_tag.h.  IRG may choose any tag but 0 (headers keep 0); the
 * exclude masks malloc passes narrow that per chunk.
 */
int
__malloc_tag_enable(int mode)
{
	struct arm64_mte_ctrl ctrl;

	memset(&ctrl, 0, sizeof(ctrl));
	ctrl.mode = mode == MALLOC_TAGGING_SYNC ? MTE_MODE_SYNC :
	    mode == MALLOC_TAGGING_ASYNC ? MTE_MODE_ASYNC : MTE_MODE_ASYMM;
	ctrl.include = 0xfffe;
	return (sysarch(ARM64_MTE_CTRL, &ctrl) == 0 ? 0 : errno);
}

/*
 * See malloc_tag.h.  fp is the frame record of malloc's public entry, so
 * the first address is its caller's.  The walk goes on only to a record
 * less than 1 MiB above the last (a stack grows down, so callers' records
 * are higher), which ends it at the outermost record (crt0 leaves x29
 * zero) and at most things that are not a frame record (one that points
 * at itself only repeats an address, up to the depth).  malloc and free
 * each walk once when the heap is tagged, so the loop is unrolled: a
 * frame costs a load pair, a store and one bounds test.  fp is never
 * null: it is malloc's own frame.
 */
void
__malloc_stack(void *fp, uintptr_t *pcs)
{
	uintptr_t rec = (uintptr_t)fp, next;
	int n;

#pragma clang loop unroll(full)
	for (n = 0; n < MALLOC_STACK_DEPTH; n++) {
		next = ((uintptr_t *)rec)[0];
		pcs[n] = ((uintptr_t *)rec)[1];
		if ((next - rec) >> 20 != 0) {
			if (n + 1 < MALLOC_STACK_DEPTH)
				pcs[n + 1] = 0;
			return;
		}
		rec = next;
	}
}

/*
 * malloc's SIGSEGV handler: report (if the fault is about the heap), then
 * do what the program asked for SIGSEGV.  Without a program handler, a
 * synchronous fault is retried with the default action, which ends the
 * program; an asynchronous fault has already happened and a SIGSEGV sent
 * with kill(2) has no instruction to retry, so those are raised again.
 */
static void
malloc_segv(int sig, siginfo_t *si, void *uc)
{
	struct sigaction dfl;

	__malloc_fault(si->si_code, si->si_addr);
	if (program_segv.sa_handler != SIG_DFL &&
	    program_segv.sa_handler != SIG_IGN) {
		if ((program_segv.sa_flags & SA_SIGINFO) != 0)
			program_segv.sa_sigaction(sig, si, uc);
		else
			program_segv.sa_handler(sig);
		return;
	}
	memset(&dfl, 0, sizeof(dfl));
	dfl.sa_handler = SIG_DFL;
	sigemptyset(&dfl.sa_mask);
	(void)__sys_sigaction(SIGSEGV, &dfl, NULL);
	__atomic_store_n(&segv_owned, 0, __ATOMIC_RELEASE);
	if (si->si_code != SEGV_MAPERR && si->si_code != SEGV_ACCERR &&
	    si->si_code != SEGV_MTESERR)
		raise(SIGSEGV);
}

/* See malloc_tag.h; the program's action so far becomes program_segv. */
void
__malloc_handler_install(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = malloc_segv;
	sa.sa_flags = SA_SIGINFO | SA_NODEFER;
	sigemptyset(&sa.sa_mask);
	if (__sys_sigaction(SIGSEGV, &sa, &program_segv) == 0)
		__atomic_store_n(&segv_owned, 1, __ATOMIC_RELEASE);
}

/*
 * sigaction(SIGSEGV) while malloc's handler is installed: swap the
 * program's action instead.  Returns 1 if it did (the call then
 * succeeded), 0 if the call is the kernel's to make.
 */
int
__malloc_sigaction(int sig, const struct sigaction *act,
    struct sigaction *oact)
{

	if (sig != SIGSEGV || !__atomic_load_n(&segv_owned, __ATOMIC_ACQUIRE))
		return (0);
	if (oact != NULL)
		*oact = program_segv;
	if (act != NULL)
		program_segv = *act;
	return (1);
}
