/*
 * The kernel's everyday services: console output, panic, assertions and
 * the string functions.  Machine-independent code that includes only this
 * header (and types.h, param.h) also builds in host unit tests, where
 * tests/host/kstub.c supplies printf-to-stdout and panic-to-abort.
 */
#ifndef _SYS_SYSTM_H_
#define _SYS_SYSTM_H_

#include <stdarg.h>
#include "sys/cdefs.h"
#include "sys/types.h"

/* Console output (kern_cons.c); kvprintf and friends (subr_prf.c). */
int	printf(const char *fmt, ...) __printflike(1, 2);
int	vprintf(const char *fmt, va_list ap);
int	kvprintf(const char *fmt, void (*put)(int c, void *arg), void *arg,
	    va_list ap);
int	ksnprintf(char *buf, size_t size, const char *fmt, ...)
	    __printflike(3, 4);
int	kvsnprintf(char *buf, size_t size, const char *fmt, va_list ap);

void	panic(const char *fmt, ...) __dead2 __printflike(1, 2);

/*
 * KASSERT(expr, (fmt, args...)): a kernel invariant.  Always compiled in;
 * the message names the function and the values involved.
 */
#define KASSERT(exp, msg) do {						\
	if (__predict_false(!(exp)))					\
		panic msg;						\
} while (0)
#define CTASSERT(x)	_Static_assert(x, #x)

/*
 * Kernel access to user memory (copy.S): unprivileged accesses that fault
 * like the user's own; 0, or EFAULT for a bad address.
 */
int	copyin(const void *uaddr, void *kaddr, size_t len);
int	copyout(const void *kaddr, void *uaddr, size_t len);
int	copyinstr(const void *uaddr, char *kaddr, size_t len, size_t *done);
/* As copyin/copyout, and *done says how many bytes went before a fault. */
int	copyin_partial(const void *uaddr, void *kaddr, size_t len,
	    size_t *done);
int	copyout_partial(const void *kaddr, void *uaddr, size_t len,
	    size_t *done);
int	fueword32(const void *uaddr, uint32_t *val);

void	*memset(void *b, int c, size_t len);
void	bzero(void *b, size_t len);
void	*memcpy(void *dst, const void *src, size_t len);
void	*memmove(void *dst, const void *src, size_t len);
int	memcmp(const void *a, const void *b, size_t len);
size_t	strlen(const char *s);
int	strcmp(const char *a, const char *b);
int	strncmp(const char *a, const char *b, size_t len);
char	*strchr(const char *s, int c);
char	*strrchr(const char *s, int c);
size_t	strlcpy(char *dst, const char *src, size_t size);

#endif /* !_SYS_SYSTM_H_ */
