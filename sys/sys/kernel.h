/* Kernel start-up and the boot arguments. */
#ifndef _SYS_KERNEL_H_
#define _SYS_KERNEL_H_

#include "sys/types.h"

/* The machine-independent half of boot, called by initarm(); never returns. */
void	mi_startup(void) __attribute__((__noreturn__));

void	bootargs_init(const char *args);
const char *bootarg_value(const char *key);
bool	bootarg_present(const char *key);
int	bootargs_words(char *buf, size_t size, char **argv, int max);

extern uint64_t boot_counter_start;
extern const void *initramfs;		/* (C) the cpio archive, or NULL */
extern size_t initramfs_size;		/* (C) */

void	hardclock(void);		/* HZ times a second on every CPU */	/* cpu_counter() at kernel entry */

#endif /* !_SYS_KERNEL_H_ */
