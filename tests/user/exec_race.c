/*
 * Threads of one process calling execve at the same moment (FreeBSD's
 * thread_single semantics, docs/robustness.md): one wins and its program
 * runs, the others end; nothing waits for ever.  The kernel used to let
 * the second caller take over the single-threading request, so both
 * waited for each other, unkillably, and the parent with them.
 *
 * Each round forks a child whose threads meet at a barrier and all exec
 * this program with "child", which exits 0.  Half the rounds the parent
 * also sends SIGKILL at once: the child must then be reaped, killed or
 * exited, either way.  A watchdog turns a hang into a failure.
 */
#include <sys/types.h>
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "check.h"

#define	SELF		"/tests/exec_race"
#define	ROUNDS		40
#define	THREADS		4
#define	WATCHDOG_SECS	120

static volatile int arrived;		/* threads at the barrier */

/* Wait until every thread is here, then exec SELF child. */
static void
race_to_exec(void)
{
	char *const argv[] = { SELF, "child", NULL };

	__atomic_fetch_add(&arrived, 1, __ATOMIC_SEQ_CST);
	while (__atomic_load_n(&arrived, __ATOMIC_SEQ_CST) < THREADS)
		;
	execve(SELF, argv, NULL);
	_exit(126);		/* execve failed outright */
}

static void *
racer(void *arg)
{
	(void)arg;
	race_to_exec();
	return (NULL);
}

int
main(int argc, char **argv)
{
	pthread_t t;
	int round, i, status;
	pid_t dog, pid;

	if (argc > 1 && strcmp(argv[1], "child") == 0)
		return (0);
	dog = check_watchdog_start(WATCHDOG_SECS);
	for (round = 0; round < ROUNDS; round++) {
		pid = CHECK_FORK();
		if (pid == 0) {
			for (i = 1; i < THREADS; i++)
				if (pthread_create(&t, NULL, racer, NULL) != 0)
					_exit(3);
			race_to_exec();
		}
		if (round % 2 == 0) {
			CHECK_WAIT_EXIT(pid, 0);
			continue;
		}
		CHECK_OK(kill(pid, SIGKILL));
		status = check_wait(pid);
		check_count++;
		if (status == -1 || !((WIFSIGNALED(status) &&
		    WTERMSIG(status) == SIGKILL) ||
		    (WIFEXITED(status) && WEXITSTATUS(status) == 0)))
			check_fail(__FILE__, __LINE__, "round %d: expected "
			    "SIGKILL or exit 0, got status %#x", round, status);
	}
	check_watchdog_stop(dog);
	return (check_done());
}
