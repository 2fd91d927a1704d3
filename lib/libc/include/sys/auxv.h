/* Reading the auxiliary vector the kernel passed at exec (docs/abi.md section 3.7). */
#ifndef _SYS_AUXV_H_
#define	_SYS_AUXV_H_

#include <sys/cdefs.h>
#include <machine/elf.h>

__BEGIN_DECLS
int	elf_aux_info(int, void *, int);
__END_DECLS

#endif /* !_SYS_AUXV_H_ */
