/*
 * System call stubs (docs/abi.md section 2.1, numbers in <sys/syscall.h>).
 * Arguments are already in x0..x7 where the C calling convention put
 * them; the number goes in x8 and `svc #0` traps.  The kernel clears
 * PSTATE.C on success, leaving the result in x0, and sets it on failure,
 * leaving the errno value in x0: then __cerror stores it in the calling
 * thread's errno and the stub returns -1 (MAP_FAILED for mmap).
 */
#include <sys/syscall.h>

#include "asm.h"

/* SYSCALL(name, number): `name' is a plain system call. */
#define	SYSCALL(name, number)			\
ENTRY(name);					\
	mov	x8, #(number);			\
	svc	#0;				\
	b.cs	__cerror;			\
	ret;					\
END(name)

/* Store the errno value in x0 for the calling thread and return -1. */
ENTRY(__cerror)
	.hidden	__cerror
	stp	x29, x30, [sp, #-32]!
	mov	x29, sp
	str	x0, [sp, #16]
	bl	__error
	ldr	x1, [sp, #16]
	str	w1, [x0]
	mov	x0, #-1
	ldp	x29, x30, [sp], #32
	ret
END(__cerror)

/* exit(2) never returns; trap if a broken kernel lets it. */
ENTRY(_exit)
	mov	x8, #SYS_exit
	svc	#0
	brk	#0x1
END(_exit)

/*
 * fork(2) returns 0 in the child and the child's pid in the parent, both
 * in x0 (x1 does not tell them apart).  fork() in gen/fork.c wraps this.
 */
SYSCALL(__sys_fork, SYS_fork)

SYSCALL(read, SYS_read)
SYSCALL(write, SYS_write)
SYSCALL(close, SYS_close)
SYSCALL(wait4, SYS_wait4)
SYSCALL(getpid, SYS_getpid)
SYSCALL(kill, SYS_kill)
SYSCALL(getppid, SYS_getppid)
SYSCALL(__sysctlbyname, SYS___sysctlbyname)
SYSCALL(reboot, SYS_reboot)
SYSCALL(execve, SYS_execve)
SYSCALL(munmap, SYS_munmap)
SYSCALL(mprotect, SYS_mprotect)
SYSCALL(madvise, SYS_madvise)
SYSCALL(mincore, SYS_mincore)
SYSCALL(dup2, SYS_dup2)
SYSCALL(sysarch, SYS_sysarch)
SYSCALL(__sys_clock_gettime, SYS_clock_gettime)
SYSCALL(nanosleep, SYS_nanosleep)
SYSCALL(minherit, SYS_minherit)
SYSCALL(sched_yield, SYS_sched_yield)
SYSCALL(sigprocmask, SYS_sigprocmask)
SYSCALL(sigsuspend, SYS_sigsuspend)
/* The kernel returns from handlers through its own trampoline: no restorer. */
SYSCALL(__sys_sigaction, SYS_sigaction)
SYSCALL(sigreturn, SYS_sigreturn)
/*
 * thr_exit returns only when memory is too short to store to its state
 * word (-1, ENOMEM, after SIGBUS BUS_OOMERR).
 */
SYSCALL(thr_exit, SYS_thr_exit)
SYSCALL(thr_self, SYS_thr_self)
SYSCALL(thr_kill, SYS_thr_kill)
SYSCALL(_umtx_op, SYS__umtx_op)
SYSCALL(thr_new, SYS_thr_new)
SYSCALL(mmap, SYS_mmap)
SYSCALL(ftruncate, SYS_ftruncate)
SYSCALL(pipe2, SYS_pipe2)
SYSCALL(select, SYS_select)
SYSCALL(poll, SYS_poll)
SYSCALL(fstat, SYS_fstat)
SYSCALL(shm_open2, SYS_shm_open2)

/* Files (sys/kern/vfs_syscalls.c); stat, lstat and dup3 wrap these in C. */
SYSCALL(open, SYS_open)
SYSCALL(openat, SYS_openat)
SYSCALL(unlink, SYS_unlink)
SYSCALL(unlinkat, SYS_unlinkat)
SYSCALL(access, SYS_access)
SYSCALL(faccessat, SYS_faccessat)
SYSCALL(dup, SYS_dup)
SYSCALL(fcntl, SYS_fcntl)
SYSCALL(readv, SYS_readv)
SYSCALL(writev, SYS_writev)
SYSCALL(rename, SYS_rename)
SYSCALL(renameat, SYS_renameat)
SYSCALL(mkdir, SYS_mkdir)
SYSCALL(mkdirat, SYS_mkdirat)
SYSCALL(rmdir, SYS_rmdir)
SYSCALL(pread, SYS_pread)
SYSCALL(pwrite, SYS_pwrite)
SYSCALL(lseek, SYS_lseek)
SYSCALL(fstatat, SYS_fstatat)
SYSCALL(getdirentries, SYS_getdirentries)
SYSCALL(getpgrp, SYS_getpgrp)
SYSCALL(setpgid, SYS_setpgid)
SYSCALL(getpgid, SYS_getpgid)
SYSCALL(setsid, SYS_setsid)
SYSCALL(getsid, SYS_getsid)
SYSCALL(setitimer, SYS_setitimer)
SYSCALL(getitimer, SYS_getitimer)
SYSCALL(getrlimit, SYS_getrlimit)
SYSCALL(setrlimit, SYS_setrlimit)
SYSCALL(sigpending, SYS_sigpending)
SYSCALL(sigtimedwait, SYS_sigtimedwait)
SYSCALL(sigwaitinfo, SYS_sigwaitinfo)
SYSCALL(sigaltstack, SYS_sigaltstack)
SYSCALL(wait6, SYS_wait6)

/*
 * sigwait(2) returns its error number in x0 and never sets the carry
 * (FreeBSD's convention for it); sigwait() in gen/sigwait.c retries EINTR.
 */
ENTRY(__sys_sigwait)
	mov	x8, #SYS_sigwait
	svc	#0
	ret
END(__sys_sigwait)
SYSCALL(mlock, SYS_mlock)
SYSCALL(munlock, SYS_munlock)
SYSCALL(mlockall, SYS_mlockall)
SYSCALL(munlockall, SYS_munlockall)
SYSCALL(procctl, SYS_procctl)
