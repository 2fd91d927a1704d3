/*
 * System call numbers: FreeBSD's (syscalls.master, docs/abi.md section 4.1),
 * for the calls TagOS implements or reserves.  This one table is shared by
 * libc's stubs and the kernel's dispatcher, so it holds nothing but
 * defines and is safe to include from assembly.
 *
 * Convention (docs/abi.md section 2.1): number in x8, arguments in x0..x7,
 * `svc #0`; on return PSTATE.C clear means success with the result in x0
 * (and x1), C set means failure with the errno value in x0.
 */
#ifndef _SYS_SYSCALL_H_
#define	_SYS_SYSCALL_H_

#define	SYS_syscall		0
#define	SYS_exit		1
#define	SYS_fork		2
#define	SYS_read		3
#define	SYS_write		4
#define	SYS_open		5
#define	SYS_close		6
#define	SYS_wait4		7
#define	SYS_unlink		10
#define	SYS_getpid		20
#define	SYS_access		33
#define	SYS_kill		37
#define	SYS_getppid		39
#define	SYS_dup			41
#define	SYS_sigaltstack		53
#define	SYS_reboot		55
#define	SYS_execve		59
#define	SYS_munmap		73
#define	SYS_mprotect		74
#define	SYS_madvise		75
#define	SYS_mincore		78
#define	SYS_getpgrp		81
#define	SYS_setpgid		82
#define	SYS_setitimer		83
#define	SYS_getitimer		86
#define	SYS_dup2		90
#define	SYS_fcntl		92
#define	SYS_select		93
#define	SYS_readv		120
#define	SYS_writev		121
#define	SYS_rename		128
#define	SYS_mkdir		136
#define	SYS_rmdir		137
#define	SYS_setsid		147
#define	SYS_sysarch		165
#define	SYS_getrlimit		194
#define	SYS_setrlimit		195
#define	SYS___syscall		198
#define	SYS___sysctl		202
#define	SYS_mlock		203
#define	SYS_munlock		204
#define	SYS_getpgid		207
#define	SYS_poll		209
#define	SYS_clock_gettime	232
#define	SYS_nanosleep		240
#define	SYS_minherit		250
#define	SYS_issetugid		253
#define	SYS_getsid		310
#define	SYS_mlockall		324
#define	SYS_munlockall		325
#define	SYS_sched_yield		331
#define	SYS_sigprocmask		340
#define	SYS_sigsuspend		341
#define	SYS_sigpending		343
#define	SYS_sigtimedwait	345
#define	SYS_sigwaitinfo		346
#define	SYS_sigaction		416
#define	SYS_sigreturn		417
#define	SYS_getcontext		421
#define	SYS_setcontext		422
#define	SYS_sigwait		429
#define	SYS_thr_exit		431
#define	SYS_thr_self		432
#define	SYS_thr_kill		433
#define	SYS_thr_suspend		442
#define	SYS_thr_wake		443
#define	SYS__umtx_op		454
#define	SYS_thr_new		455
#define	SYS_pread		475
#define	SYS_pwrite		476
#define	SYS_mmap		477
#define	SYS_lseek		478
#define	SYS_ftruncate		480
#define	SYS_faccessat		489
#define	SYS_mkdirat		496
#define	SYS_openat		499
#define	SYS_renameat		501
#define	SYS_unlinkat		503
#define	SYS_wait6		532
#define	SYS_pipe2		542
#define	SYS_procctl		544
#define	SYS_fstat		551
#define	SYS_fstatat		552
#define	SYS_getdirentries	554
#define	SYS_getrandom		563
#define	SYS___sysctlbyname	570
#define	SYS_shm_open2		571

#endif /* !_SYS_SYSCALL_H_ */
