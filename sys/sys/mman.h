/*
 * Memory mapping: FreeBSD's <sys/mman.h> values plus TagOS's PROT_MTE
 * (docs/abi.md section 3.1).  One copy for the kernel's mmap family
 * (sys/vm/vm_mmap.c) and for programs (lib/libc/include/sys/mman.h
 * forwards here); the kernel sees only the constants.
 */
#ifndef _SYS_MMAN_H_
#define	_SYS_MMAN_H_

#define	PROT_NONE	0x00	/* no permissions */
#define	PROT_READ	0x01	/* pages can be read */
#define	PROT_WRITE	0x02	/* pages can be written */
#define	PROT_EXEC	0x04	/* pages can be executed */

/*
 * Architecture features get one PROT_ bit each and are ORed into _PROT_ALL
 * by name; there is deliberately no catch-all _PROT_ARCH.
 * 0x08 and 0x10 stay free: FreeBSD reserves them for CHERI.
 */
#if defined(__aarch64__)
#define	PROT_MTE	0x20	/* Arm MTE: accesses are tag-checked */
#define	_PROT_ALL	(PROT_READ | PROT_WRITE | PROT_EXEC | PROT_MTE)
#else
#define	_PROT_ALL	(PROT_READ | PROT_WRITE | PROT_EXEC)
#endif

/* A maximum protection rides in bits 16 and up, so PROT_MAX(PROT_MTE) works. */
#define	_PROT_MAX_SHIFT		16
#define	PROT_EXTRACT(prot)	((prot) & _PROT_ALL)
#define	PROT_MAX(prot)		((prot) << _PROT_MAX_SHIFT)
#define	PROT_MAX_EXTRACT(prot)	(((prot) >> _PROT_MAX_SHIFT) & _PROT_ALL)

#define	MAP_SHARED	0x0001		/* share changes */
#define	MAP_PRIVATE	0x0002		/* changes are private */
#define	MAP_FIXED	0x0010		/* map addr must be exactly as requested */
#define	MAP_RESERVED0020 0x0020		/* was MAP_RENAME: ignored */
#define	MAP_RESERVED0040 0x0040		/* was MAP_NORESERVE: ignored */
#define	MAP_RESERVED0080 0x0080		/* was MAP_INHERIT: EINVAL */
#define	MAP_RESERVED0100 0x0100		/* was MAP_NOEXTEND: EINVAL */
#define	MAP_HASSEMAPHORE 0x0200		/* region may contain semaphores */
#define	MAP_STACK	0x0400		/* region grows down, like a stack */
#define	MAP_NOSYNC	0x0800		/* page to but do not sync underlying file */
#define	MAP_FILE	0x0000		/* map from file (default) */
#define	MAP_ANON	0x1000		/* allocated from memory, swap space */
#define	MAP_ANONYMOUS	MAP_ANON
#define	MAP_GUARD	0x2000		/* reserve but don't map address range */
#define	MAP_EXCL	0x4000		/* for MAP_FIXED, fail if address is used */
#define	MAP_NOCORE	0x00020000	/* dont include these pages in a coredump */
#define	MAP_PREFAULT_READ 0x00040000	/* prefault mapping for reading */
#define	MAP_32BIT	0x00080000	/* map in the low 2GB of address space */

/* Request that the mapping be aligned to 1 << n bytes (or a superpage). */
#define	MAP_ALIGNMENT_SHIFT	24
#define	MAP_ALIGNED(n)		((n) << MAP_ALIGNMENT_SHIFT)
#define	MAP_ALIGNMENT_MASK	MAP_ALIGNED(0xff)
#define	MAP_ALIGNED_SUPER	MAP_ALIGNED(1)

#define	MAP_FAILED	((void *)-1)

/* minherit(2): what a child of fork gets of a range. */
#define	INHERIT_SHARE	0
#define	INHERIT_COPY	1
#define	INHERIT_NONE	2
#define	INHERIT_ZERO	3

/* madvise(2) advice. */
#define	MADV_NORMAL	0	/* no further special treatment */
#define	MADV_RANDOM	1	/* expect random page references */
#define	MADV_SEQUENTIAL	2	/* expect sequential page references */
#define	MADV_WILLNEED	3	/* will need these pages */
#define	MADV_DONTNEED	4	/* dont need these pages */
#define	MADV_FREE	5	/* dont need these pages, and junk contents */
#define	MADV_NOSYNC	6	/* try to avoid flushes to physical media */
#define	MADV_AUTOSYNC	7	/* revert to default flushing strategy */
#define	MADV_NOCORE	8	/* do not include these pages in a core file */
#define	MADV_CORE	9	/* revert to including pages in a core file */
#define	MADV_PROTECT	10	/* protect process from pageout kill */
#define	MADV_PAGEOUT	21	/* write to swap now (Linux's value) */

/* mincore(2) result bits, one byte per page. */
#define	MINCORE_INCORE		0x1	/* page is incore */
#define	MINCORE_REFERENCED	0x2	/* page has been referenced by us */
#define	MINCORE_MODIFIED	0x4	/* page has been modified by us */
#define	MINCORE_REFERENCED_OTHER 0x8	/* page has been referenced */
#define	MINCORE_MODIFIED_OTHER	0x10	/* page has been modified */
#define	MINCORE_SUPER		0x60	/* page is a "super" page */

/* shm_open2(2) path meaning "a new object with no name". */
#define	SHM_ANON	((char *)1)

/* mlockall(2) */
#define	MCL_CURRENT	0x0001	/* lock all pages currently mapped */
#define	MCL_FUTURE	0x0002	/* lock all pages mapped in the future */

#ifndef _KERNEL
#include "sys/cdefs.h"
#include "sys/_types.h"

#ifndef _MODE_T_DECLARED
typedef	__mode_t	mode_t;
#define	_MODE_T_DECLARED
#endif
#ifndef _OFF_T_DECLARED
typedef	__off_t		off_t;
#define	_OFF_T_DECLARED
#endif
#ifndef _SIZE_T_DECLARED
typedef	__size_t	size_t;
#define	_SIZE_T_DECLARED
#endif

__BEGIN_DECLS
void	*mmap(void *, size_t, int, int, int, off_t);
int	munmap(void *, size_t);
int	mprotect(void *, size_t, int);
int	madvise(void *, size_t, int);
int	mincore(const void *, size_t, char *);
int	minherit(void *, size_t, int);
int	shm_open(const char *, int, mode_t);
int	shm_open2(const char *, int, mode_t, int, const char *);
int	getpagesizes(size_t *, int);
int	mlock(const void *, size_t);
int	munlock(const void *, size_t);
int	mlockall(int);
int	munlockall(void);
__END_DECLS
#endif /* !_KERNEL */

#endif /* !_SYS_MMAN_H_ */
