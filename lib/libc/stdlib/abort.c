/* abort(3). */
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

/*
 * End the process with SIGABRT, even if the program blocks, ignores or
 * catches it: a handler that returns is replaced by the default action
 * and the signal is raised again.
 */
void
abort(void)
{
	struct sigaction sa;
	sigset_t set;

	sigfillset(&set);
	sigdelset(&set, SIGABRT);
	sigprocmask(SIG_SETMASK, &set, NULL);
	raise(SIGABRT);

	sa.sa_handler = SIG_DFL;
	sa.sa_flags = 0;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGABRT, &sa, NULL);
	raise(SIGABRT);
	_exit(128 + SIGABRT);	/* a kernel that would not kill us */
}
