/* Page size and the arithmetic helpers every subsystem uses. */
#ifndef _SYS_PARAM_H_
#define _SYS_PARAM_H_

#define PAGE_SHIFT	12
#define PAGE_SIZE	(1UL << PAGE_SHIFT)
#define PAGE_MASK	(PAGE_SIZE - 1)

#define MAXCPU		8		/* most CPUs the kernel will start */

#define nitems(x)		(sizeof((x)) / sizeof((x)[0]))
#define howmany(x, y)		(((x) + ((y) - 1)) / (y))
#define rounddown2(x, y)	((x) & ~((__typeof__(x))(y) - 1))
#define roundup2(x, y)		(((x) + ((__typeof__(x))(y) - 1)) & ~((__typeof__(x))(y) - 1))
#define powerof2(x)		((((x) - 1) & (x)) == 0)
#define trunc_page(x)		rounddown2((x), PAGE_SIZE)
#define round_page(x)		roundup2((x), PAGE_SIZE)
#define atop(x)			((x) >> PAGE_SHIFT)
#define ptoa(x)			((x) << PAGE_SHIFT)
#ifndef MIN
#define MIN(a, b)		(((a) < (b)) ? (a) : (b))
#define MAX(a, b)		(((a) > (b)) ? (a) : (b))
#endif

#endif /* !_SYS_PARAM_H_ */
