/*
 * <sys/param.h>: the FreeBSD version, system limits, the page size and
 * arithmetic helpers, with FreeBSD's arm64 values.  One copy for the
 * kernel and programs (lib/libc/include/sys/param.h forwards here).
 * PAGE_SIZE is the base page (4 KiB, what AT_PAGESZ and getpagesize()
 * report); getpagesizes() lists the larger ones, at most MAXPAGESIZES.
 */
#ifndef _SYS_PARAM_H_
#define	_SYS_PARAM_H_

#define	nitems(x)		(sizeof((x)) / sizeof((x)[0]))
#define	howmany(x, y)		(((x) + ((y) - 1)) / (y))
#define	rounddown2(x, y)	((x) & ~((__typeof__(x))(y) - 1))
#define	roundup2(x, y)		(((x) + ((__typeof__(x))(y) - 1)) & ~((__typeof__(x))(y) - 1))
#define	powerof2(x)		((((x) - 1) & (x)) == 0)

#ifndef MIN
#define	MIN(a, b)		(((a) < (b)) ? (a) : (b))
#define	MAX(a, b)		(((a) > (b)) ? (a) : (b))
#endif

#define	MAXPATHLEN	1024		/* longest path, with its NUL */
#define	MAXPAGESIZES	3		/* base page, 64 KiB run, 2 MiB block */
#define	PAGE_SHIFT	12		/* log2(PAGE_SIZE) */
#define	NOFILE		64		/* descriptors per process */
#define	DEV_BSHIFT	9		/* log2(DEV_BSIZE) */
#define	DEV_BSIZE	(1 << DEV_BSHIFT) /* a disk sector (sys/bio.h) */

#ifdef _KERNEL
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
#define	MAXINTERP	MAXPATHLEN	/* longest interpreter name */
#define	MAXLOGNAME	33		/* longest login name, with its NUL */
#define	MAXHOSTNAMELEN	256		/* longest host name */
#define	MAXSYMLINKS	32		/* symbolic links in one lookup */
#define	NGROUPS		1024		/* groups a process may be in */
#define	NCARGS		(256 * 1024)	/* bytes of exec arguments (ARG_MAX) */
#define	CMASK		022		/* default file creation mask */
#define	NODEV		((dev_t)-1)	/* no device */
#define	MAXBSIZE	65536		/* largest file system block */
#define	MAXPHYS		(1024 * 1024)	/* largest raw I/O transfer */
#define	CACHE_LINE_SHIFT 7
#define	CACHE_LINE_SIZE	(1 << CACHE_LINE_SHIFT)

#define	PAGE_SIZE	(1 << PAGE_SHIFT)	/* bytes per base page */
#define	PAGE_MASK	(PAGE_SIZE - 1)
#define	trunc_page(x)	((unsigned long)(x) & ~(unsigned long)PAGE_MASK)
#define	round_page(x)	(((unsigned long)(x) + PAGE_MASK) & \
			    ~(unsigned long)PAGE_MASK)
#define	atop(x)		((unsigned long)(x) >> PAGE_SHIFT)
#define	ptoa(x)		((unsigned long)(x) << PAGE_SHIFT)

/* Bit maps, FreeBSD's. */
#define	setbit(a, i)	(((unsigned char *)(a))[(i) / NBBY] |= \
			    1 << ((i) % NBBY))
#define	clrbit(a, i)	(((unsigned char *)(a))[(i) / NBBY] &= \
			    ~(1 << ((i) % NBBY)))
#define	isset(a, i)	(((const unsigned char *)(a))[(i) / NBBY] & \
			    (1 << ((i) % NBBY)))
#define	isclr(a, i)	((((const unsigned char *)(a))[(i) / NBBY] & \
			    (1 << ((i) % NBBY))) == 0)

#define	roundup(x, y)		((((x) + ((y) - 1)) / (y)) * (y))
#define	rounddown(x, y)		(((x) / (y)) * (y))
#endif /* _KERNEL */

#endif /* !_SYS_PARAM_H_ */
