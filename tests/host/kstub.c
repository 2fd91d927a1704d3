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
/*
 * Block zeroing, declared in the host machine/cpufunc.h (which cannot be
 * included beside the host's <sys/types.h>): no blocks unless a test sets
 * the size; the bytes cpu_zero_blocks() zeroed.
 */
size_t cpu_zero_block_size;
size_t host_zero_blocks_bytes;
void	cpu_zero_blocks(void *va, size_t len);

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

/*
 * The host's DC ZVA: panics unless va and len are whole blocks, as the
 * instruction would zero bytes outside the range otherwise.
 */
void
cpu_zero_blocks(void *va, size_t len)
{
	volatile unsigned char *p = va;
	size_t bs = cpu_zero_block_size, i;

	if (bs == 0 || len == 0 || (uintptr_t)va % bs != 0 || len % bs != 0)
		panic("cpu_zero_blocks: %p + %zu, block size %zu", va, len,
		    bs);
	for (i = 0; i < len; i++)
		p[i] = 0;
	host_zero_blocks_bytes += len;
}
