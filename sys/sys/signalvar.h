/* Signal delivery inside the kernel (kern_sig.c, exec_machdep.c). */
#ifndef _SYS_SIGNALVAR_H_
#define _SYS_SIGNALVAR_H_

#include "sys/signal.h"

struct proc;
struct thread;

void	trapsignal(struct thread *td, int sig, int code, uint64_t addr,
	    int trapno);
int	kern_psignal(struct proc *p, int sig, const struct ksiginfo *ksi);
void	postsig(struct thread *td);
void	kern_psignal_thread(struct thread *td, int sig);
bool	sig_discarded(const struct proc *p, int sig);
int	sig_intr_error(struct thread *td);
void	sigacts_fork(struct proc *child, const struct proc *parent);
void	sigacts_exec(struct proc *p);
bool	sigonstack(const struct thread *td, uint64_t sp);

/* Machine dependent (exec_machdep.c). */
int	sendsig(struct thread *td, const struct sigaction *act,
	    const struct ksiginfo *ksi, const sigset_t *oldmask);
int	sys_sigreturn_md(struct thread *td, uint64_t ucp, sigset_t *mask);

#endif /* !_SYS_SIGNALVAR_H_ */
