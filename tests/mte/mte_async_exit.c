/*
 * An asynchronous tag fault raised just before a process exits belongs to
 * that process alone: the kernel must not charge it to whatever runs next
 * on the CPU (docs/abi.md section 6: no other process is affected).  Each child makes
 * a mismatched store in ASYNC mode and exits at once; the parent, which
 * never checks tags, must never see SEGV_MTEAERR.
 */
#include <sys/types.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <machine/sysarch.h>
#include <signal.h>
#include <unistd.h>

#include "check.h"
#include "mte_util.h"

#define	ROUNDS	50

static volatile sig_atomic_t parent_faults;

static void
on_segv(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)si;
	(void)uc;
	parent_faults++;
}

int
main(void)
{
	struct sigaction sa;
	char *p;
	int i;

	mte_require();
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_segv;
	sa.sa_flags = SA_SIGINFO;
	CHECK_OK(sigaction(SIGSEGV, &sa, NULL));
	p = MTE_MAP(getpagesize());
	for (i = 0; i < ROUNDS; i++) {
		pid_t pid = CHECK_FORK();

		if (pid == 0) {
			if (mte_set_mode(MTE_MODE_ASYNC, MTE_ALL_TAGS) != 0)
				_exit(2);
			*(volatile char *)set_tag(p, 5) = 1;	/* memory tag 0 */
			_exit(0);
		}
		CHECK_WAIT_EXIT(pid, 0);
		getpid();		/* a kernel entry and exit here */
	}
	CHECK_EQ(parent_faults, 0);
	return (check_done());
}
