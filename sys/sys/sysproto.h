/* System call handlers (see sys/sysent.h for the calling convention). */
#ifndef _SYS_SYSPROTO_H_
#define _SYS_SYSPROTO_H_

#include "sys/sysent.h"

sy_call_t sys_exit, sys_fork, sys_read, sys_write, sys_close, sys_wait4;
sy_call_t sys_getpid, sys_kill, sys_getppid, sys_reboot, sys_execve;
sy_call_t sys_munmap, sys_mprotect, sys_madvise, sys_mincore, sys_dup2;
sy_call_t sys_sysarch, sys_clock_gettime, sys_nanosleep, sys_minherit;
sy_call_t sys_sched_yield, sys_sigprocmask, sys_sigsuspend, sys_sigaction;
sy_call_t sys_sigreturn, sys_thr_exit, sys_thr_self, sys_thr_kill;
sy_call_t sys__umtx_op, sys_thr_new, sys_mmap, sys_ftruncate, sys_pipe2;
sy_call_t sys_select, sys_poll;
sy_call_t sys_fstat, sys_shm_open2, sys___sysctlbyname;
sy_call_t sys_open, sys_openat, sys_unlink, sys_unlinkat, sys_access;
sy_call_t sys_faccessat, sys_dup, sys_fcntl, sys_readv, sys_writev;
sy_call_t sys_rename, sys_renameat, sys_mkdir, sys_mkdirat, sys_rmdir;
sy_call_t sys_pread, sys_pwrite, sys_lseek, sys_fstatat;
sy_call_t sys_getdirentries;
sy_call_t sys_getpgrp, sys_setpgid, sys_getpgid, sys_setsid, sys_getsid;
sy_call_t sys_setitimer, sys_getitimer, sys_getrlimit, sys_setrlimit;
sy_call_t sys_sigpending, sys_sigtimedwait, sys_sigwaitinfo, sys_sigwait;
sy_call_t sys_sigaltstack, sys_wait6;
sy_call_t sys_mlock, sys_munlock, sys_mlockall, sys_munlockall;
sy_call_t sys_procctl;

#endif /* !_SYS_SYSPROTO_H_ */
