/*
 * The system call table, indexed by FreeBSD's numbers (sys/syscall.h).
 * Numbers without an entry fail with ENOSYS.
 */
#include "sys/systm.h"
#include "sys/syscall.h"
#include "sys/sysent.h"
#include "sys/sysproto.h"

#define SYSENT(name)	[SYS_##name] = { sys_##name, #name }

const struct sysent sysent[SYS_MAXSYSCALL] = {
	SYSENT(exit),
	SYSENT(fork),
	SYSENT(read),
	SYSENT(write),
	SYSENT(close),
	SYSENT(wait4),
	SYSENT(getpid),
	SYSENT(kill),
	SYSENT(getppid),
	SYSENT(reboot),
	SYSENT(execve),
	SYSENT(munmap),
	SYSENT(mprotect),
	SYSENT(madvise),
	SYSENT(mincore),
	SYSENT(dup2),
	SYSENT(sysarch),
	SYSENT(clock_gettime),
	SYSENT(nanosleep),
	SYSENT(minherit),
	SYSENT(sched_yield),
	SYSENT(sigprocmask),
	SYSENT(sigsuspend),
	SYSENT(sigaction),
	SYSENT(sigreturn),
	SYSENT(thr_exit),
	SYSENT(thr_self),
	SYSENT(thr_kill),
	SYSENT(_umtx_op),
	SYSENT(thr_new),
	SYSENT(mmap),
	SYSENT(ftruncate),
	SYSENT(pipe2),
	SYSENT(fstat),
	SYSENT(shm_open2),
	SYSENT(__sysctlbyname),
	SYSENT(getpgrp),
	SYSENT(setpgid),
	SYSENT(setitimer),
	SYSENT(getitimer),
	SYSENT(setsid),
	SYSENT(getrlimit),
	SYSENT(setrlimit),
	SYSENT(getpgid),
	SYSENT(getsid),
	SYSENT(sigpending),
	SYSENT(sigtimedwait),
	SYSENT(sigwaitinfo),
	SYSENT(sigwait),
	SYSENT(sigaltstack),
	SYSENT(wait6),
	SYSENT(mlock),
	SYSENT(munlock),
	SYSENT(mlockall),
	SYSENT(munlockall),
	SYSENT(procctl),
};
