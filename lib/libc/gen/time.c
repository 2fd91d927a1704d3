/* time(3) on clock_gettime(CLOCK_REALTIME). */
#include <time.h>

/* Seconds since the Epoch, also stored in *t if t is not NULL; -1 on error. */
time_t
time(time_t *t)
{
	struct timespec ts;
	time_t now;

	now = clock_gettime(CLOCK_REALTIME, &ts) == 0 ? ts.tv_sec : -1;
	if (t != NULL)
		*t = now;
	return (now);
}
