/* signal(3), raise(3) and the pthread signal calls. */
#include <sys/types.h>
#include <sys/thr.h>
#include <errno.h>
#include <pthread.h>
#include <signal.h>

#include "libc_private.h"

/*
 * Install handler for sig with BSD semantics: the handler stays installed
 * and interrupted system calls restart.  Returns the old handler, or
 * SIG_ERR with errno.
 */
__sighandler_t *
signal(int sig, __sighandler_t *handler)
{
	struct sigaction sa, osa;

	sa.sa_handler = handler;
	sa.sa_flags = SA_RESTART;
	sigemptyset(&sa.sa_mask);
	if (sigaction(sig, &sa, &osa) != 0)
		return (SIG_ERR);
	return (osa.sa_handler);
}

/* Send sig to the calling thread.  0, or -1 with errno. */
int
raise(int sig)
{
	long tid;

	if (thr_self(&tid) != 0)
		return (-1);
	return (thr_kill(tid, sig));
}

/*
 * Send sig to thread thr of this process.  0 or an errno value.  A pt_tid
 * of 0 means the process has had one thread since exec or fork, which is
 * then the caller: its id is looked up now.
 */
int
pthread_kill(pthread_t thr, int sig)
{

	if (thr->pt_tid == 0 && thr_self(&thr->pt_tid) != 0)
		return (errno);
	return (thr_kill(thr->pt_tid, sig) == 0 ? 0 : errno);
}

/* sigprocmask(2) for the calling thread.  0 or an errno value. */
int
pthread_sigmask(int how, const sigset_t *set, sigset_t *oset)
{

	return (sigprocmask(how, set, oset) == 0 ? 0 : errno);
}

/* Send sig to process group pgrp, as FreeBSD's killpg: 0 or -1 with errno. */
int
killpg(pid_t pgrp, int sig)
{
	if (pgrp == 1) {
		errno = ESRCH;
		return (-1);
	}
	return (kill(-pgrp, sig));
}
