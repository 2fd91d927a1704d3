/*
 * BSD error reporting: "prog: message: strerror(errno)\n" on stderr
 * (warn/err) or without the errno part (warnx/errx); err and errx then
 * exit with the given status.
 */
#ifndef _ERR_H_
#define	_ERR_H_

#include <sys/cdefs.h>
#include <stdarg.h>

__BEGIN_DECLS
void	err(int, const char *, ...) __dead2 __printflike(2, 3);
void	verr(int, const char *, va_list) __dead2 __printflike(2, 0);
void	errc(int, int, const char *, ...) __dead2 __printflike(3, 4);
void	errx(int, const char *, ...) __dead2 __printflike(2, 3);
void	verrx(int, const char *, va_list) __dead2 __printflike(2, 0);
void	warn(const char *, ...) __printflike(1, 2);
void	vwarn(const char *, va_list) __printflike(1, 0);
void	warnc(int, const char *, ...) __printflike(2, 3);
void	warnx(const char *, ...) __printflike(1, 2);
void	vwarnx(const char *, va_list) __printflike(1, 0);
__END_DECLS

#endif /* !_ERR_H_ */
