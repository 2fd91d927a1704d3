/* Compiler attributes, spelled as FreeBSD spells them. */
#ifndef _SYS_CDEFS_H_
#define _SYS_CDEFS_H_

#define __dead2			__attribute__((__noreturn__))
#define __unused		__attribute__((__unused__))
#define __used			__attribute__((__used__))
#define __packed		__attribute__((__packed__))
#define __aligned(x)		__attribute__((__aligned__(x)))
#define __section(x)		__attribute__((__section__(x)))
#define __printflike(f, a)	__attribute__((__format__(__printf__, f, a)))
#define __predict_true(e)	__builtin_expect(!!(e), 1)
#define __predict_false(e)	__builtin_expect(!!(e), 0)
#define __containerof(p, type, field) \
	((type *)((char *)(p) - offsetof(type, field)))

#endif /* !_SYS_CDEFS_H_ */
