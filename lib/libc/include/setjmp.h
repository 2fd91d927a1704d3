/*
 * Non-local jumps.  A jmp_buf holds sp, x19..x30, d8..d15 (the registers
 * the AAPCS64 says a call preserves) and, for setjmp and sigsetjmp with a
 * non-zero savemask, the signal mask.  setjmp saves the mask as BSD's
 * does; _setjmp does not.  The size (32 longs) is FreeBSD's.
 */
#ifndef _SETJMP_H_
#define	_SETJMP_H_

#include <sys/cdefs.h>

#define	_JBLEN	31

typedef	struct _sigjmp_buf { long _sjb[_JBLEN + 1]; } sigjmp_buf[1];
typedef	struct _jmp_buf { long _jb[_JBLEN + 1]; } jmp_buf[1];

__BEGIN_DECLS
int	setjmp(jmp_buf) __returns_twice;
void	longjmp(jmp_buf, int) __dead2;
int	_setjmp(jmp_buf) __returns_twice;
void	_longjmp(jmp_buf, int) __dead2;
int	sigsetjmp(sigjmp_buf, int) __returns_twice;
void	siglongjmp(sigjmp_buf, int) __dead2;
__END_DECLS

#endif /* !_SETJMP_H_ */
