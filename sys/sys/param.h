/*
 * Arithmetic helpers every subsystem and program uses, and the kernel's page
 * size.  One copy for the kernel and programs (lib/libc/include/sys/param.h
 * forwards here).  Programs get no PAGE_SIZE: the page size is the
 * kernel's to choose and reaches a program in AT_PAGESZ; a program asks
 * getpagesize() or sysconf(_SC_PAGESIZE).
 */
#ifndef _SYS_PARAM_H_
#define	_SYS_PARAM_H_

#define	nitems(x)		(sizeof((x)) / sizeof((x)[0]))
#define	howmany(x, y)		(((x) + ((y) - 1)) / (y))
#define	rounddown2(x, y)	((x) & ~((__typeof__(x))(y) - 1))
#define	roundup2(x, y)		(((x) + ((__typeof__(x))(y) - 1)) & ~((__typeof__(x))(y) - 1))
#define	powerof2(x)		((((x) - 1) & (x)) == 0)
#define	MAXPATHLEN	1024		/* longest path, with its NUL */

#ifndef MIN
#define	MIN(a, b)		(((a) < (b)) ? (a) : (b))
#define	MAX(a, b)		(((a) > (b)) ? (a) : (b))
#endif

#ifdef _KERNEL
#define	PAGE_SHIFT	12
#define	PAGE_SIZE	(1UL << PAGE_SHIFT)
#define	PAGE_MASK	(PAGE_SIZE - 1)

#define	MAXCPU		8		/* most CPUs the kernel will start */

#define	trunc_page(x)		rounddown2((x), PAGE_SIZE)
#define	round_page(x)		roundup2((x), PAGE_SIZE)
#define	atop(x)			((x) >> PAGE_SHIFT)
#define	ptoa(x)			((x) << PAGE_SHIFT)
#else /* !_KERNEL */
#include <osreldate.h>
#include <sys/types.h>

#define	NBBY		8		/* bits per byte */
#define	MAXCOMLEN	19		/* longest command name */

#define	roundup(x, y)		((((x) + ((y) - 1)) / (y)) * (y))
#define	rounddown(x, y)		(((x) / (y)) * (y))
#endif /* _KERNEL */

#endif /* !_SYS_PARAM_H_ */
