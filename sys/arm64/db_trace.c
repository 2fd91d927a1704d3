/*
 * Stack backtraces.  The kernel keeps frame pointers: x29 points at a
 * frame record {previous x29, return address}, and exception entry links
 * a record for the interrupted pc, so the chain crosses traps.
 */
#include "sys/systm.h"
#include "sys/ksyms.h"
#include "machine/md.h"
#include "machine/vmparam.h"

#define BACKTRACE_DEPTH	32
/* AAPCS64 keeps sp 16-byte aligned, so frame records are too. */
#define FRAME_ALIGN	16

/* True if fp could be a frame record on a kernel stack. */
static bool
frame_ok(uint64_t fp)
{
	return ((fp & (FRAME_ALIGN - 1)) == 0 && fp >= KERNBASE);
}

/* Print the chain of return addresses starting at frame pointer fp. */
void
db_print_backtrace(uint64_t fp)
{
	const char *name;
	uint64_t *rec, pc, off;
	int depth;

	printf("backtrace:\n");
	for (depth = 0; depth < BACKTRACE_DEPTH && frame_ok(fp); depth++) {
		rec = (uint64_t *)fp;
		pc = rec[1];
		if (pc == 0)
			break;
		/*
		 * pc is a return address: look up the call before it, or a
		 * call to a function that never returns, placed last in its
		 * caller, would be named after the next function.
		 */
		name = ksyms_lookup(pc - 4, &off);
		if (name != NULL)
			printf("  #%-2d %016lx %s+%#lx\n", depth, pc, name,
			    off + 4);
		else
			printf("  #%-2d %016lx ?\n", depth, pc);
		if (rec[0] <= fp)
			break;		/* stacks grow down: records go up */
		fp = rec[0];
	}
}

/*
 * Print the calling CPU's general registers as they are on entry here
 * (for panic; the callee-saved x19-x29 still hold the panicking code's
 * values, the others are the compiler's by now).
 */
void
db_print_registers(void)
{
	uint64_t r[32];
	int i;

	__asm __volatile(
	    "stp x0, x1, [%0, #0]\n\tstp x2, x3, [%0, #16]\n\t"
	    "stp x4, x5, [%0, #32]\n\tstp x6, x7, [%0, #48]\n\t"
	    "stp x8, x9, [%0, #64]\n\tstp x10, x11, [%0, #80]\n\t"
	    "stp x12, x13, [%0, #96]\n\tstp x14, x15, [%0, #112]\n\t"
	    "stp x16, x17, [%0, #128]\n\tstp x18, x19, [%0, #144]\n\t"
	    "stp x20, x21, [%0, #160]\n\tstp x22, x23, [%0, #176]\n\t"
	    "stp x24, x25, [%0, #192]\n\tstp x26, x27, [%0, #208]\n\t"
	    "stp x28, x29, [%0, #224]\n\tmov x9, sp\n\t"
	    "stp x30, x9, [%0, #240]" : : "r" (r) : "x9", "memory");
	for (i = 0; i < 30; i += 2)
		printf(" x%-2d %016lx   x%-2d %016lx\n", i, r[i], i + 1, r[i + 1]);
	printf(" lr  %016lx   sp  %016lx\n", r[30], r[31]);
}
