/* sleep(3) and usleep(3) on nanosleep(2). */
#include <errno.h>
#include <time.h>
#include <unistd.h>

/*
 * Sleep for secs seconds.  Returns 0, or the seconds left (rounded up) if
 * a signal cut the sleep short.
 */
unsigned int
sleep(unsigned int secs)
{
	struct timespec ts, left;

	ts.tv_sec = secs;
	ts.tv_nsec = 0;
	if (nanosleep(&ts, &left) == 0)
		return (0);
	if (errno != EINTR)
		return (secs);
	return (left.tv_sec + (left.tv_nsec != 0));
}

/* Sleep for usecs microseconds.  0, or -1 with errno (EINTR). */
int
usleep(useconds_t usecs)
{
	struct timespec ts;

	ts.tv_sec = usecs / 1000000;
	ts.tv_nsec = (usecs % 1000000) * 1000;
	return (nanosleep(&ts, NULL));
}
