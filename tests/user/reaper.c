/*
 * procctl's reaper commands (docs/abi.md section 4.6): a reaper adopts
 * the orphans below it, PROC_REAP_STATUS counts its children and
 * descendants, PROC_REAP_KILL signals all of them, its children only, or
 * one subtree, and the errors for bad input.
 */
#include <sys/types.h>
#include <sys/procctl.h>
#include <sys/wait.h>
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

/* A child that waits to be killed. */
static pid_t
sleeper(void)
{
	pid_t pid = CHECK_FORK();

	if (pid == 0) {
		for (;;)
			pause();
	}
	return (pid);
}

/*
 * A child that forks a sleeper and tells the caller its pid through fd,
 * then (if orphan) exits, leaving the sleeper to the reaper.
 */
static pid_t
parent_of_sleeper(int fd, int orphan)
{
	pid_t pid = CHECK_FORK(), g;

	if (pid == 0) {
		g = sleeper();
		write(fd, &g, sizeof(g));
		if (orphan)
			_exit(0);
		for (;;)
			pause();
	}
	return (pid);
}

static void
status(struct procctl_reaper_status *rs)
{
	memset(rs, 0xff, sizeof(*rs));
	CHECK_OK(procctl(P_PID, getpid(), PROC_REAP_STATUS, rs));
}

static void
test_errors(void)
{
	struct procctl_reaper_kill rk;
	struct procctl_reaper_status rs;

	CHECK_ERRNO(procctl(P_PID, getpid(), 99, NULL), EINVAL);
	CHECK_ERRNO(procctl(P_PGID, getpid(), PROC_REAP_STATUS, &rs), EINVAL);
	CHECK_ERRNO(procctl(P_PID, 99998, PROC_REAP_STATUS, &rs), ESRCH);
	CHECK_ERRNO(procctl(P_PID, getpid(), PROC_REAP_STATUS, (void *)16),
	    EFAULT);
	CHECK_ERRNO(procctl(P_PID, 1, PROC_REAP_ACQUIRE, NULL), EPERM);
	CHECK_ERRNO(procctl(P_PID, 1, PROC_REAP_RELEASE, NULL), EPERM);
	CHECK_ERRNO(procctl(P_PID, getpid(), PROC_REAP_RELEASE, NULL), EINVAL);
	memset(&rk, 0, sizeof(rk));
	rk.rk_sig = 0;
	CHECK_ERRNO(procctl(P_PID, getpid(), PROC_REAP_KILL, &rk), EINVAL);
	rk.rk_sig = SIGTERM;
	rk.rk_flags = REAPER_KILL_CHILDREN | REAPER_KILL_SUBTREE;
	CHECK_ERRNO(procctl(P_PID, getpid(), PROC_REAP_KILL, &rk), EINVAL);
	rk.rk_flags = 4;
	CHECK_ERRNO(procctl(P_PID, getpid(), PROC_REAP_KILL, &rk), EINVAL);
	CHECK_ERRNO(procctl(P_PID, getpid(), PROC_REAP_KILL, (void *)16),
	    EFAULT);
	/* Not a reaper: the reaper is init, which TagOS will not empty. */
	rk.rk_flags = 0;
	CHECK_ERRNO(procctl(P_PID, getpid(), PROC_REAP_KILL, &rk), EPERM);

	status(&rs);
	CHECK_EQ(rs.rs_flags, REAPER_STATUS_REALINIT);
	CHECK_EQ(rs.rs_reaper, 1);
}

/* Orphans come to the reaper; status and kill see them. */
static void
test_reaper(void)
{
	struct procctl_reaper_status rs;
	struct procctl_reaper_kill rk;
	int fds[2], status_word;
	pid_t a, g1, b, g2, c, g3, s;

	CHECK_OK(procctl(P_PID, 0, PROC_REAP_ACQUIRE, NULL));
	CHECK_ERRNO(procctl(P_PID, getpid(), PROC_REAP_ACQUIRE, NULL), EBUSY);
	status(&rs);
	CHECK_EQ(rs.rs_flags, REAPER_STATUS_OWNED);
	CHECK_EQ(rs.rs_reaper, getpid());
	CHECK_EQ(rs.rs_children, 0);
	CHECK_EQ(rs.rs_descendants, 0);
	CHECK_EQ(rs.rs_pid, -1);
	memset(&rk, 0, sizeof(rk));
	rk.rk_sig = SIGTERM;
	CHECK_ERRNO(procctl(P_PID, getpid(), PROC_REAP_KILL, &rk), ESRCH);
	CHECK_EQ(rk.rk_killed, 0);

	CHECK_OK(pipe(fds));
	a = parent_of_sleeper(fds[1], 1);
	CHECK_EQ(read(fds[0], &g1, sizeof(g1)), sizeof(g1));
	CHECK_WAIT_EXIT(a, 0);
	/* g1 is ours now: a child we can wait for. */
	b = parent_of_sleeper(fds[1], 0);
	CHECK_EQ(read(fds[0], &g2, sizeof(g2)), sizeof(g2));
	c = parent_of_sleeper(fds[1], 0);
	CHECK_EQ(read(fds[0], &g3, sizeof(g3)), sizeof(g3));
	s = sleeper();
	status(&rs);
	CHECK_EQ(rs.rs_children, 4);		/* g1, b, c, s */
	CHECK_EQ(rs.rs_descendants, 6);		/* and g2, g3 */
	CHECK(rs.rs_pid == g1 || rs.rs_pid == b || rs.rs_pid == c ||
	    rs.rs_pid == s);

	/* One subtree: b and g2. */
	rk.rk_flags = REAPER_KILL_SUBTREE;
	rk.rk_subtree = b;
	CHECK_OK(procctl(P_PID, getpid(), PROC_REAP_KILL, &rk));
	CHECK_EQ(rk.rk_killed, 2);
	CHECK_EQ(rk.rk_fpid, -1);
	CHECK_WAIT_SIGNAL(b, SIGTERM);

	/* Children only: g1, c, s, not g3 (c's child). */
	rk.rk_flags = REAPER_KILL_CHILDREN;
	rk.rk_sig = SIGUSR1;
	CHECK_OK(procctl(P_PID, getpid(), PROC_REAP_KILL, &rk));
	CHECK_EQ(rk.rk_killed, 3);
	CHECK_WAIT_SIGNAL(g1, SIGUSR1);
	CHECK_WAIT_SIGNAL(c, SIGUSR1);
	CHECK_WAIT_SIGNAL(s, SIGUSR1);
	/* c died: g3 and (b's) g2 (if not reaped yet) are ours. */
	rk.rk_flags = 0;
	rk.rk_sig = SIGKILL;
	CHECK_OK(procctl(P_PID, getpid(), PROC_REAP_KILL, &rk));
	CHECK(rk.rk_killed >= 1);
	CHECK_WAIT_SIGNAL(g3, SIGKILL);
	do
		s = waitpid(g2, &status_word, 0);
	while (s == -1 && errno == EINTR);
	CHECK_EQ(s, g2);
	CHECK(WIFSIGNALED(status_word));
	status(&rs);
	CHECK_EQ(rs.rs_descendants, 0);

	CHECK_OK(procctl(P_PID, getpid(), PROC_REAP_RELEASE, NULL));
	status(&rs);
	CHECK_EQ(rs.rs_flags, REAPER_STATUS_REALINIT);
	close(fds[0]);
	close(fds[1]);
}

int
main(void)
{
	pid_t pid;

	test_errors();
	/* The reaper runs in a child so that nothing it does reaches init. */
	if ((pid = CHECK_FORK()) == 0) {
		test_reaper();
		check_child_exit();
	}
	CHECK_WAIT_EXIT(pid, 0);
	return (check_done());
}
