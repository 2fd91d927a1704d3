/*
 * Kernel memory allocation for small objects (kern_malloc.c).  Named
 * kmalloc/kfree rather than malloc/free so the same code links into host
 * unit tests beside libc.
 */
#ifndef _SYS_MALLOC_H_
#define _SYS_MALLOC_H_

#include "sys/types.h"

/*
 * flags.  Nothing sleeps yet: M_WAITOK and M_NOWAIT behave alike and both
 * return NULL when memory runs out.
 */
#define M_NOWAIT	0x0001		/* do not sleep for memory */
#define M_WAITOK	0x0002		/* may sleep for memory */
#define M_ZERO		0x0100		/* zero the allocation */

void	*kmalloc(size_t size, int flags);
void	kfree(void *p);
u_long	kmalloc_live_count(void);
u_long	kmalloc_page_count(void);

#endif /* !_SYS_MALLOC_H_ */
