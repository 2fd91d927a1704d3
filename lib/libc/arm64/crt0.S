/*
 * Program entry and the FreeBSD ABI note every TagOS program carries.
 *
 * exec leaves (docs/abi.md section 2.2) x0 = &argc, sp = x0 & ~15, every other
 * register zero and tpidr_el0 zero; above argc lie argv[], NULL, envp[],
 * NULL and the auxiliary vector.  _start ends the frame-pointer chain and
 * hands x0 to __libc_start1(), which never returns.
 */
#include <osreldate.h>
#include <sys/elf_common.h>

#include "asm.h"

ENTRY(_start)
	mov	x29, xzr
	bl	__libc_start1
	brk	#0x1			/* __libc_start1 returned: impossible */
END(_start)

/*
 * ".note.tag": namesz 8 ("FreeBSD\0"), descsz 4, type NT_FREEBSD_ABI_TAG,
 * desc __FreeBSD_version (docs/abi.md section 3.7).  The kernel reads the osrel
 * from here; 1500058 and later get top-byte-ignore, so tagged pointers
 * work.
 */
	.section .note.tag, "a", %note
	.p2align 2
	.long	8
	.long	4
	.long	NT_FREEBSD_ABI_TAG
	.asciz	"FreeBSD"
	.long	__FreeBSD_version
