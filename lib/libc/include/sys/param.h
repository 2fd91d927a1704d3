/*
 * A minimal <sys/param.h>: the FreeBSD version and arithmetic helpers.
 * There is deliberately no PAGE_SIZE: the page size is the kernel's to
 * choose and reaches a program in AT_PAGESZ; use getpagesize() or
 * sysconf(_SC_PAGESIZE).
 */
#ifndef _SYS_PARAM_H_
#define	_SYS_PARAM_H_

#include <osreldate.h>
#include <sys/types.h>

#define	NBBY		8		/* bits per byte */
#define	MAXPATHLEN	1024		/* longest path, with its NUL */
#define	MAXCOMLEN	19		/* longest command name */

#define	nitems(x)		(sizeof((x)) / sizeof((x)[0]))
#define	howmany(x, y)		(((x) + ((y) - 1)) / (y))
#define	roundup(x, y)		((((x) + ((y) - 1)) / (y)) * (y))
#define	rounddown(x, y)		(((x) / (y)) * (y))
#define	roundup2(x, y)		(((x) + ((y) - 1)) & (~((y) - 1)))
#define	rounddown2(x, y)	((x) & (~((y) - 1)))
#define	powerof2(x)		((((x) - 1) & (x)) == 0)
#ifndef MIN
#define	MIN(a, b)		(((a) < (b)) ? (a) : (b))
#define	MAX(a, b)		(((a) > (b)) ? (a) : (b))
#endif

#endif /* !_SYS_PARAM_H_ */
