/* Signals: the definitions of <sys/signal.h> and the functions on them. */
#ifndef _SIGNAL_H_
#define	_SIGNAL_H_

#include <sys/cdefs.h>
#include <sys/_types.h>
#include <sys/signal.h>
#include <sys/_timespec.h>
#include <sys/ucontext.h>	/* POSIX: ucontext_t from <signal.h> */

struct pthread;

__BEGIN_DECLS
int	kill(__pid_t, int);
int	raise(int);
__sighandler_t *signal(int, __sighandler_t *);
int	sigaction(int, const struct sigaction * __restrict,
	    struct sigaction * __restrict);
int	sigprocmask(int, const sigset_t * __restrict, sigset_t * __restrict);
int	sigsuspend(const sigset_t *);
int	sigreturn(const struct __ucontext *);
int	sigemptyset(sigset_t *);
int	sigfillset(sigset_t *);
int	sigaddset(sigset_t *, int);
int	sigdelset(sigset_t *, int);
int	sigismember(const sigset_t *, int);
int	sigpending(sigset_t *);
int	sigwait(const sigset_t * __restrict, int * __restrict);
int	sigwaitinfo(const sigset_t * __restrict, siginfo_t * __restrict);
int	sigtimedwait(const sigset_t * __restrict, siginfo_t * __restrict,
	    const struct timespec * __restrict);
int	sigaltstack(const stack_t * __restrict, stack_t * __restrict);
int	killpg(__pid_t, int);
int	pthread_kill(struct pthread *, int);
int	pthread_sigmask(int, const sigset_t * __restrict,
	    sigset_t * __restrict);
__END_DECLS

#endif /* !_SIGNAL_H_ */
