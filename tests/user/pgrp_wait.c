/*
 * Process groups and sessions (setpgid, getpgid, getpgrp, setsid,
 * getsid), kill of a group, and wait6/waitid (P_PID, P_PGID, P_ALL,
 * WNOHANG, WEXITED, WNOWAIT), with FreeBSD's errors (docs/abi.md section
 * 4.4).
 */
#include <sys/types.h>
#include <sys/wait.h>
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

/* A child that waits to be killed (or exits 7 after a long while). */
static pid_t
sleeper(void)
{
	pid_t pid = CHECK_FORK();

	if (pid == 0) {
		sleep(30);
		_exit(7);
	}
	return (pid);
}

/* Ids: fork inherits them; setpgid and setsid change them. */
static void
test_ids(void)
{
	pid_t me = getpid(), child;
	int fds[2];
	char c;

	CHECK_EQ(getpgid(0), getpgrp());
	CHECK_EQ(getpgid(me), getpgrp());
	CHECK_EQ(getsid(0), getsid(me));
	CHECK_ERRNO(getpgid(99998), ESRCH);
	CHECK_ERRNO(getsid(99998), ESRCH);
	CHECK_ERRNO(setpgid(0, -1), EINVAL);
	CHECK_ERRNO(setpgid(99998, 0), ESRCH);
	CHECK_ERRNO(setpgid(1, 0), ESRCH);	/* not a child */

	/* A new group of our own, then back where we were is not allowed
	   unless that group exists in our session (it does: our parent). */
	CHECK_OK(setpgid(0, 0));
	CHECK_EQ(getpgrp(), me);
	CHECK_ERRNO(setpgid(0, 99998), EPERM);	/* no such group */

	/* A child starts in our group; we may move it. */
	CHECK_OK(pipe(fds));
	if ((child = CHECK_FORK()) == 0) {
		read(fds[0], &c, 1);		/* until the parent moved us */
		CHECK_EQ(getpgrp(), getpid());
		CHECK_EQ(getpgid(getppid()), getppid());
		/* setsid: a group leader may not; then a new session. */
		CHECK_ERRNO(setsid(), EPERM);
		check_child_exit();
	}
	CHECK_EQ(getpgid(child), me);
	CHECK_OK(setpgid(child, child));
	CHECK_EQ(getpgid(child), child);
	CHECK_OK(setpgid(child, me));		/* back into ours */
	CHECK_EQ(getpgid(child), me);
	CHECK_OK(setpgid(child, 0));
	CHECK_EQ(getpgid(child), child);
	CHECK_EQ(write(fds[1], "x", 1), 1);
	CHECK_WAIT_EXIT(child, 0);

	/* A child not leading a group can start a session. */
	if ((child = CHECK_FORK()) == 0) {
		pid_t sid = setsid();

		CHECK_EQ(sid, getpid());
		CHECK_EQ(getsid(0), getpid());
		CHECK_EQ(getpgrp(), getpid());
		CHECK_ERRNO(setpgid(0, 0), EPERM);	/* session leader */
		check_child_exit();
	}
	CHECK_WAIT_EXIT(child, 0);
	close(fds[0]);
	close(fds[1]);
}

/* kill(-pgid) reaches the group and only it; kill(0) our own group. */
static void
test_group_kill(void)
{
	pid_t a, b, outside, me = getpid();

	CHECK_OK(setpgid(0, 0));
	a = sleeper();
	b = sleeper();
	outside = sleeper();
	CHECK_OK(setpgid(a, a));
	CHECK_OK(setpgid(b, a));
	CHECK_OK(setpgid(outside, outside));
	CHECK_OK(kill(-a, 0));
	CHECK_OK(kill(-a, SIGTERM));
	CHECK_WAIT_SIGNAL(a, SIGTERM);
	CHECK_WAIT_SIGNAL(b, SIGTERM);
	/* outside is untouched: still running. */
	CHECK_OK(kill(outside, 0));
	CHECK_ERRNO(kill(-a, SIGTERM), ESRCH);	/* the group is gone */
	CHECK_ERRNO(killpg(a, SIGTERM), ESRCH);
	CHECK_OK(killpg(outside, SIGUSR2));
	CHECK_WAIT_SIGNAL(outside, SIGUSR2);
	CHECK_ERRNO(kill(-99998, SIGTERM), ESRCH);
	CHECK_ERRNO(kill(-a, 200), EINVAL);

	/* kill(0, sig) reaches a child in our group, and us. */
	a = sleeper();
	signal(SIGUSR1, SIG_IGN);
	CHECK_OK(kill(0, SIGUSR1));
	signal(SIGUSR1, SIG_DFL);
	CHECK_WAIT_SIGNAL(a, SIGUSR1);
	CHECK_EQ(getpgrp(), me);

	/* kill(-1): everyone but init and the caller. */
	a = sleeper();
	CHECK_OK(kill(-1, 0));
	CHECK_OK(kill(a, SIGKILL));
	CHECK_WAIT_SIGNAL(a, SIGKILL);
}

/* wait6 and waitid: the id types, WNOHANG, WNOWAIT, the siginfo. */
static void
test_wait6(void)
{
	siginfo_t si;
	pid_t a, b;
	int status;

	/* Bad input: no event asked, unknown option. */
	CHECK_ERRNO(wait6(P_ALL, 0, &status, 0, NULL, NULL), EINVAL);
	CHECK_ERRNO(wait6(P_ALL, 0, &status, WEXITED | 0x1000, NULL, NULL),
	    EINVAL);
	CHECK_ERRNO(wait6(P_ALL, 0, &status, WEXITED, NULL, NULL), ECHILD);
	CHECK_ERRNO(waitid(P_PID, 99998, &si, WEXITED), ECHILD);
	CHECK_ERRNO(wait6(P_ALL, 0, &status, WEXITED | WNOHANG, NULL, NULL),
	    ECHILD);

	/* WNOHANG with a running child: 0, and a zeroed siginfo. */
	a = sleeper();
	memset(&si, 0xff, sizeof(si));
	CHECK_EQ(wait6(P_PID, a, &status, WEXITED | WNOHANG, NULL, &si), 0);
	CHECK_EQ(si.si_pid, 0);
	CHECK_EQ(si.si_signo, 0);
	memset(&si, 0xff, sizeof(si));
	CHECK_OK(waitid(P_ALL, 0, &si, WEXITED | WNOHANG));
	CHECK_EQ(si.si_pid, 0);
	CHECK_OK(kill(a, SIGKILL));

	/* WNOWAIT reports and leaves it; then P_PID reaps it. */
	memset(&si, 0, sizeof(si));
	CHECK_OK(waitid(P_PID, a, &si, WEXITED | WNOWAIT));
	CHECK_EQ(si.si_signo, SIGCHLD);
	CHECK_EQ(si.si_pid, a);
	CHECK_EQ(si.si_code, CLD_KILLED);
	CHECK_EQ(si.si_status, SIGKILL);
	status = 0;
	CHECK_EQ(wait6(P_PID, a, &status, WEXITED, NULL, NULL), a);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
	CHECK_ERRNO(wait6(P_PID, a, &status, WEXITED, NULL, NULL), ECHILD);

	/* An exit code through waitid; P_PGID picks by group. */
	if ((b = CHECK_FORK()) == 0)
		_exit(42);
	memset(&si, 0, sizeof(si));
	CHECK_OK(waitid(P_ALL, 0, &si, WEXITED));
	CHECK_EQ(si.si_pid, b);
	CHECK_EQ(si.si_code, CLD_EXITED);
	CHECK_EQ(si.si_status, 42);

	a = sleeper();
	CHECK_OK(setpgid(a, a));
	CHECK_ERRNO(wait6(P_PGID, 99998, &status, WEXITED, NULL, NULL),
	    ECHILD);
	CHECK_OK(kill(a, SIGTERM));
	CHECK_EQ(wait6(P_PGID, a, &status, WEXITED, NULL, NULL), a);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM);

	/* wait4 with a negative pid waits on a group. */
	a = sleeper();
	CHECK_OK(setpgid(a, a));
	CHECK_OK(kill(a, SIGTERM));
	CHECK_EQ(wait4(-a, &status, 0, NULL), a);
	CHECK_ERRNO(wait6(P_ALL, 0, &status, WEXITED, NULL, (void *)16),
	    ECHILD);
}

int
main(void)
{
	test_ids();
	test_group_kill();
	test_wait6();
	return (check_done());
}
