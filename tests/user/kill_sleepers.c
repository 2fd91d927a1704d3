/*
 * SIGKILL ends a process in bounded time whatever its threads are doing
 * in the kernel (docs/robustness.md): for each kind of sleep a user can
 * reach (wait4, a pipe read, a full pipe's write, a second reader queued
 * behind the first, _umtx_op wait, nanosleep, sigsuspend), a child goes
 * to sleep there, is killed by its parent and reaped.  Then one child
 * sleeps in all of them at once, one thread in each, and is killed the
 * same way.  A watchdog turns a hang into a failure.
 */
#include <sys/types.h>
#include <sys/umtx.h>
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

#define	WATCHDOG_SECS	120

enum sleep_kind {
	SLEEP_WAIT4,
	SLEEP_PIPE_READ,
	SLEEP_PIPE_WRITE,
	SLEEP_PIPE_SECOND_READER,
	SLEEP_UMTX,
	SLEEP_NANOSLEEP,
	SLEEP_SIGSUSPEND,
	SLEEP_KINDS
};

static const char *const kind_names[SLEEP_KINDS] = {
	"wait4", "pipe read", "pipe write", "second pipe reader",
	"umtx wait", "nanosleep", "sigsuspend",
};

static int ready_fd;			/* the child says "about to sleep" */
static int quiet_pipe[2];		/* nobody ever writes or reads it */
static volatile u_int umtx_word;	/* never changes */

/* Tell the parent this thread is about to sleep. */
static void
ready(void)
{
	char c = 'r';

	(void)write(ready_fd, &c, 1);
}

/* Sleep in the kernel the way kind says, for ever if nothing ends it. */
static void
sleep_in(enum sleep_kind kind)
{
	/* More than a pipe's grown buffer (64 KiB): the write must block. */
	static char buf[128 * 1024];
	struct timespec ts = { 100000, 0 };
	sigset_t none;
	int fds[2];
	pid_t pid;

	switch (kind) {
	case SLEEP_WAIT4:
		/* A grandchild that lives until its parent's pipe end closes. */
		if (pipe2(fds, 0) != 0)
			break;
		pid = fork();
		if (pid == 0) {
			close(fds[1]);
			(void)read(fds[0], buf, 1);
			_exit(0);
		}
		close(fds[0]);
		ready();
		(void)waitpid(pid, NULL, 0);
		break;
	case SLEEP_PIPE_READ:
	case SLEEP_PIPE_SECOND_READER:
		ready();
		(void)read(quiet_pipe[0], buf, 1);
		break;
	case SLEEP_PIPE_WRITE:
		ready();
		(void)write(quiet_pipe[1], buf, sizeof(buf));
		break;
	case SLEEP_UMTX:
		ready();
		(void)_umtx_op((void *)&umtx_word, UMTX_OP_WAIT_UINT, 0, NULL,
		    NULL);
		break;
	case SLEEP_NANOSLEEP:
		ready();
		(void)nanosleep(&ts, NULL);
		break;
	case SLEEP_SIGSUSPEND:
		sigemptyset(&none);
		ready();
		(void)sigsuspend(&none);
		break;
	default:
		break;
	}
}

static void *
sleeper_thread(void *arg)
{
	sleep_in((enum sleep_kind)(uintptr_t)arg);
	return (NULL);
}

/*
 * Fork a child whose threads sleep in kinds[0..n-1] (the main thread in
 * the first), wait until each says it is about to sleep, give them a
 * moment to get there, kill the child and reap it.
 */
static void
kill_sleeping_child(const enum sleep_kind *kinds, int n, const char *what)
{
	struct timespec settle = { 0, 50 * 1000 * 1000 };
	pthread_t t;
	int rfds[2], i, status;
	pid_t pid;
	char c;

	CHECK_OK(pipe2(rfds, 0));
	CHECK_OK(pipe2(quiet_pipe, 0));
	pid = CHECK_FORK();
	if (pid == 0) {
		close(rfds[0]);
		ready_fd = rfds[1];
		for (i = 1; i < n; i++)
			if (pthread_create(&t, NULL, sleeper_thread,
			    (void *)(uintptr_t)kinds[i]) != 0)
				_exit(3);
		sleep_in(kinds[0]);
		_exit(2);	/* woken: the sleep did not hold */
	}
	close(rfds[1]);
	close(quiet_pipe[0]);
	close(quiet_pipe[1]);
	for (i = 0; i < n; i++)
		CHECK_EQ(read(rfds[0], &c, 1), 1);
	close(rfds[0]);
	nanosleep(&settle, NULL);
	CHECK_OK(kill(pid, SIGKILL));
	status = check_wait(pid);
	check_count++;
	if (status == -1 || !WIFSIGNALED(status) ||
	    WTERMSIG(status) != SIGKILL)
		check_fail(__FILE__, __LINE__, "child sleeping in %s: "
		    "expected death by SIGKILL, got status %#x", what, status);
}

int
main(void)
{
	static const enum sleep_kind all[] = {
		SLEEP_WAIT4, SLEEP_PIPE_READ, SLEEP_PIPE_SECOND_READER,
		SLEEP_UMTX, SLEEP_NANOSLEEP, SLEEP_SIGSUSPEND,
	};
	enum sleep_kind two[2], one;
	pid_t dog;
	int k;

	dog = check_watchdog_start(WATCHDOG_SECS);
	for (k = 0; k < SLEEP_KINDS; k++) {
		if (k == SLEEP_PIPE_SECOND_READER) {
			/* The first reader holds the pipe; the second queues. */
			two[0] = SLEEP_PIPE_READ;
			two[1] = SLEEP_PIPE_SECOND_READER;
			kill_sleeping_child(two, 2, kind_names[k]);
			continue;
		}
		one = (enum sleep_kind)k;
		kill_sleeping_child(&one, 1, kind_names[k]);
	}
	kill_sleeping_child(all, sizeof(all) / sizeof(all[0]),
	    "every kind, one thread each");
	check_watchdog_stop(dog);
	return (check_done());
}
