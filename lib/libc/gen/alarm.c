/* alarm(3) and pause(3), as FreeBSD's: on setitimer(2) and sigsuspend(2). */
#include <sys/time.h>
#include <signal.h>
#include <unistd.h>

/*
 * SIGALRM in secs seconds (0: cancel).  Returns the seconds the previous
 * alarm had left, rounded up, or 0.
 */
unsigned int
alarm(unsigned int secs)
{
	struct itimerval it, oitv;

	it.it_interval.tv_sec = 0;
	it.it_interval.tv_usec = 0;
	it.it_value.tv_sec = secs;
	it.it_value.tv_usec = 0;
	if (setitimer(ITIMER_REAL, &it, &oitv) < 0)
		return ((unsigned int)-1);
	if (oitv.it_value.tv_usec != 0)
		oitv.it_value.tv_sec++;
	return ((unsigned int)oitv.it_value.tv_sec);
}

/* Wait for a signal with the current mask: always -1, errno EINTR. */
int
pause(void)
{
	sigset_t mask;

	if (sigprocmask(SIG_BLOCK, NULL, &mask) < 0)
		return (-1);
	return (sigsuspend(&mask));
}
