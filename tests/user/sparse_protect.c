/*
 * mprotect and munmap of a huge, almost empty range finish at once: the
 * pmap skips missing tables a whole level at a time (it once stepped
 * through 2 MiB at a time, with interrupts masked, for 2^25 steps).
 */
#include <sys/mman.h>
#include <unistd.h>

#include "check.h"

#define	HUGE	(1UL << 46)

int
main(void)
{
	pid_t dog;
	char *p;

	dog = check_watchdog_start(30);
	p = mmap(NULL, HUGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANON,
	    -1, 0);
	CHECK(p != MAP_FAILED);
	if (p != MAP_FAILED) {
		p[0] = 1;
		p[HUGE - 1] = 2;
		CHECK_OK(mprotect(p, HUGE, PROT_READ));
		CHECK_EQ(p[0], 1);
		CHECK_EQ(p[HUGE - 1], 2);
		CHECK_OK(munmap(p, HUGE));
	}
	check_watchdog_stop(dog);
	return (check_done());
}
