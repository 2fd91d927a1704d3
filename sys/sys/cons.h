/* The kernel console: one byte-wide device (the PL011 on QEMU virt). */
#ifndef _SYS_CONS_H_
#define _SYS_CONS_H_

#include "sys/types.h"

void	uart_pl011_attach(vm_offset_t va);
void	cons_putc(int c);
int	cons_getc(void);
void	cons_write(const char *buf, size_t len);

#endif /* !_SYS_CONS_H_ */
