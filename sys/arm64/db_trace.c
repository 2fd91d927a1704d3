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

/* True if fp could be a frame record on a kernel stack. */
static bool
frame_ok(uint64_t fp)
{
	return ((fp & 0xf) == 0 && fp >= KERNBASE);
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
