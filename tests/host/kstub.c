/*
 * Stand-ins for the kernel services that machine-independent code calls,
 * so that code runs unchanged in a host process: panic aborts (so the
 * sanitizers print a stack), printf is libc's.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "sys/pcpu.h"

struct pcpu host_pcpu;		/* the one CPU of a host test */

void	panic(const char *fmt, ...) __attribute__((__noreturn__));

void
panic(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "panic: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n");
	abort();
}
