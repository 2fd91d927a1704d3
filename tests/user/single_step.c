/*
 * Single step of a process by itself, as FreeBSD allows on arm64: a signal
 * handler sets PSR_SS in the interrupted context's spsr; sigreturn resumes
 * it, one instruction runs, and SIGTRAP (TRAP_TRACE) arrives with si_addr
 * and the context's pc at the next instruction (docs/abi.md section 3.3).
 * The step is then over: the program runs on without more traps.
 */
#include <sys/types.h>
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <ucontext.h>
#include <unistd.h>

#include "check.h"

#define	PSR_SS		(1UL << 21)	/* SPSR's software step bit */
#define	ESR_EC_SOFTSTP_EL0 0x32		/* si_trapno of a step */

static volatile uint64_t armed_pc;	/* where the stepped instruction is */
static volatile uint64_t trap_addr, trap_pc, trap_spsr;
static volatile int traps, trap_code, trap_no;

static void
on_usr1(int sig, siginfo_t *si, void *ctx)
{
	ucontext_t *uc = ctx;

	(void)sig;
	(void)si;
	armed_pc = uc->uc_mcontext.mc_gpregs.gp_elr;
	uc->uc_mcontext.mc_gpregs.gp_spsr |= PSR_SS;
}

static void
on_trap(int sig, siginfo_t *si, void *ctx)
{
	ucontext_t *uc = ctx;

	(void)sig;
	traps++;
	trap_code = si->si_code;
	trap_no = si->si_trapno;
	trap_addr = (uint64_t)si->si_addr;
	trap_pc = uc->uc_mcontext.mc_gpregs.gp_elr;
	trap_spsr = uc->uc_mcontext.mc_gpregs.gp_spsr;
}

/* Install fn with SA_SIGINFO for sig. */
static void
set_info_handler(int sig, void (*fn)(int, siginfo_t *, void *))
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = fn;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	CHECK_OK(sigaction(sig, &sa, NULL));
}

/*
 * Step the instruction after the svc of kill(): `b.cs __cerror', not
 * taken, so the next pc is 4 bytes on.
 */
static void
test_step_once(void)
{
	volatile int after = 0;

	set_info_handler(SIGUSR1, on_usr1);
	set_info_handler(SIGTRAP, on_trap);
	traps = 0;
	CHECK_OK(kill(getpid(), SIGUSR1));
	after = 1;
	CHECK_EQ(traps, 1);
	CHECK_EQ(trap_code, TRAP_TRACE);
	CHECK_EQ(trap_no, ESR_EC_SOFTSTP_EL0);
	CHECK_EQ(trap_addr, armed_pc + 4);
	CHECK_EQ(trap_pc, armed_pc + 4);
	CHECK_EQ(trap_spsr & PSR_SS, 0);
	CHECK_EQ(after, 1);
	/* Once over, no more steps. */
	CHECK_OK(getpid());
	CHECK_EQ(traps, 1);
}

/* Without a SIGTRAP handler, the step kills the process with SIGTRAP. */
static void
test_step_default(void)
{
	pid_t pid = CHECK_FORK();

	if (pid == 0) {
		signal(SIGTRAP, SIG_DFL);
		set_info_handler(SIGUSR1, on_usr1);
		kill(getpid(), SIGUSR1);
		_exit(0);
	}
	CHECK_WAIT_SIGNAL(pid, SIGTRAP);
}

int
main(void)
{
	test_step_once();
	test_step_default();
	return (check_done());
}
