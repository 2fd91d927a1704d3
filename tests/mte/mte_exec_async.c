/*
 * An asynchronous tag fault pending when a process calls execve belongs
 * to the old image: the new program starts with mode NONE and nothing
 * pending (docs/abi.md), and must not be killed by SEGV_MTEAERR.  The
 * kernel used to deliver it to the new program, which died at once.
 *
 * Each round's child sets ASYNC mode, makes a mismatched store (the
 * fault is only recorded) and calls execve at once, from its only thread
 * or from one of two; the new image ("child") checks its tag control and
 * exits 0.
 */
#include <sys/types.h>
#include <machine/sysarch.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "mte_util.h"

#define	SELF	"/tests/mte_exec_async"
#define	ROUNDS	10

static char *tagged;	/* a tagged page: memory tag 0 */

/* Store through a wrong tag in ASYNC mode, then exec SELF child. */
static void
fault_and_exec(void)
{
	char *const argv[] = { SELF, "child", NULL };

	if (mte_set_mode(MTE_MODE_ASYNC, MTE_ALL_TAGS) != 0)
		_exit(2);
	*(volatile char *)set_tag(tagged, 5) = 1;
	execve(SELF, argv, NULL);
	_exit(126);
}

static void *
exec_thread(void *arg)
{
	(void)arg;
	fault_and_exec();
	return (NULL);
}

/* The new image: mode NONE, include 0, and it lives to exit 0. */
static int
child_main(void)
{
	struct arm64_mte_ctrl ctrl;

	memset(&ctrl, 0xff, sizeof(ctrl));
	if (sysarch(ARM64_MTE_GETCTRL, &ctrl) != 0)
		return (3);
	if (ctrl.mode != MTE_MODE_NONE || ctrl.include != 0)
		return (4);
	(void)getpid();		/* a kernel exit: a pending fault would fire */
	return (0);
}

int
main(int argc, char **argv)
{
	pthread_t t;
	pid_t pid;
	int i;

	if (argc > 1 && strcmp(argv[1], "child") == 0)
		return (child_main());
	if (!check_have_mte()) {
		mte_check_absent();
		return (check_done());
	}
	tagged = MTE_MAP(getpagesize());
	for (i = 0; i < ROUNDS; i++) {
		pid = CHECK_FORK();
		if (pid == 0) {
			if (i % 2 == 1) {
				if (pthread_create(&t, NULL, exec_thread,
				    NULL) != 0)
					_exit(5);
				for (;;)
					(void)getpid();
			}
			fault_and_exec();
		}
		CHECK_WAIT_EXIT(pid, 0);
	}
	return (check_done());
}
