/*
 * Compiler attributes and declaration brackets, spelled as FreeBSD's
 * <sys/cdefs.h> spells them so FreeBSD sources that use them build
 * unchanged.  One copy for the kernel and programs
 * (lib/libc/include/sys/cdefs.h forwards here); what only the C library's
 * headers use is outside _KERNEL, so kernel sources built as host unit
 * tests do not collide with the host's own <sys/cdefs.h>.
 */
#ifndef _SYS_CDEFS_H_
#define	_SYS_CDEFS_H_

#define	__dead2			__attribute__((__noreturn__))
#define	__unused		__attribute__((__unused__))
#define	__used			__attribute__((__used__))
#define	__packed		__attribute__((__packed__))
#define	__aligned(x)		__attribute__((__aligned__(x)))
#define	__section(x)		__attribute__((__section__(x)))
#define	__printflike(f, a)	__attribute__((__format__(__printf__, f, a)))
#define	__predict_true(e)	__builtin_expect(!!(e), 1)
#define	__predict_false(e)	__builtin_expect(!!(e), 0)
#ifndef __noinline
#define	__noinline		__attribute__((__noinline__))
#endif
#define	__containerof(p, type, field) \
	((type *)((char *)(p) - __builtin_offsetof(type, field)))

#ifndef _KERNEL
#ifdef __cplusplus
#define	__BEGIN_DECLS	extern "C" {
#define	__END_DECLS	}
#else
#define	__BEGIN_DECLS
#define	__END_DECLS
#endif

#define	__pure2			__attribute__((__const__))
#define	__weak_symbol		__attribute__((__weak__))
#define	__returns_twice		__attribute__((__returns_twice__))
#define	__malloc_like		__attribute__((__malloc__))
#define	__alloc_size(x)		__attribute__((__alloc_size__(x)))
#define	__alloc_size2(n, x)	__attribute__((__alloc_size__(n, x)))
#define	__alloc_align(x)	__attribute__((__alloc_align__(x)))
#define	__nonnull(x)		__attribute__((__nonnull__(x)))
#define	__restrict		restrict
#define	__DECONST(type, var)	((type)(__UINTPTR_TYPE__)(const void *)(var))
#define	__FBSDID(s)		struct __hack
#define	__CONCAT(x, y)		x ## y
#define	__STRING(x)		#x

/* Everything this library offers is visible; there is no strict mode. */
#define	__BSD_VISIBLE		1
#define	__POSIX_VISIBLE		200809
#define	__XSI_VISIBLE		700
#define	__ISO_C_VISIBLE		2011
#endif /* !_KERNEL */

#endif /* !_SYS_CDEFS_H_ */
