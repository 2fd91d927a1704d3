/*
 * clock_gettime(3).  CLOCK_MONOTONIC is read from the virtual counter,
 * which the kernel lets user code read (CNTKCTL_EL1.EL0VCTEN), without a
 * system call: the kernel's monotonic clock is the same counter since it
 * was zero, converted the same way (sys/kern/kern_time.c).  Every other
 * clock asks the kernel.
 */
#include <stdint.h>
#include <time.h>

#include "libc_private.h"

#define	NSEC_PER_SEC	1000000000ULL

/* The virtual counter and its frequency in Hz. */
static inline uint64_t
counter_read(uint64_t *freq)
{
	uint64_t c, f;

	/* The ISB keeps the read from happening before earlier code. */
	__asm __volatile("isb; mrs %0, cntvct_el0" : "=r" (c) : : "memory");
	__asm __volatile("mrs %0, cntfrq_el0" : "=r" (f));
	*freq = f;
	return (c);
}

/* The time of clock id in *tp: 0, or -1 with errno (EINVAL, EFAULT). */
int
clock_gettime(clockid_t id, struct timespec *tp)
{
	uint64_t c, f, ns;

	if (id != CLOCK_MONOTONIC)
		return (__sys_clock_gettime(id, tp));
	c = counter_read(&f);
	ns = c / f * NSEC_PER_SEC + c % f * NSEC_PER_SEC / f;
	tp->tv_sec = (time_t)(ns / NSEC_PER_SEC);
	tp->tv_nsec = (long)(ns % NSEC_PER_SEC);
	return (0);
}
