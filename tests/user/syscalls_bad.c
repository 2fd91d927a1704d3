/*
 * Malformed arguments to the implemented system calls: each gets an errno
 * (FreeBSD's), and neither the kernel nor the calling process falls over
 * (docs/abi.md row 22).  Pointers that are NULL, in the kernel's half,
 * beyond user space or simply unmapped are EFAULT; closed descriptors
 * EBADF; bad signal numbers, ops and sizes EINVAL.  A system call that
 * does not exist is ENOSYS and raises SIGSYS (FreeBSD's nosys(), for
 * SV_SIGSYS ABIs such as the native one); `svc' with an immediate other
 * than 0 is SIGILL, ILL_ILLOPN (arm64 trap.c svc_handler()).
 *
 * Calls that might wrongly succeed in a way that ends the process (exec,
 * sigreturn) run in a child.  If an exec wrongly succeeds, the program
 * starts again with other arguments and exits 99 at once.
 */
#include <sys/types.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/thr.h>
#include <sys/umtx.h>
#include <machine/sysarch.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>

#include "check.h"

#define	SELF		"/tests/syscalls_bad"
#define	EXECED_VAR	"SYSCALLS_BAD_EXECED"	/* set if an exec got through */
#define	NBAD		6
#define	NO_SUCH_SYSCALL	1000			/* beyond FreeBSD's table */

static size_t pg;		/* the page size */
static void *bad[NBAD];		/* the bad pointers; bad[0] is NULL */

/* The bad pointers: NULL, kernel, past user space, unmapped, wrapping. */
static void
init_bad_pointers(void)
{
	char *p;

	/* A guard, not a hole: later mappings cannot land there. */
	p = CHECK_MMAP(NULL, pg, PROT_NONE, MAP_GUARD, -1, 0);
	bad[0] = NULL;
	bad[1] = (void *)0xffff000000000000UL;	/* the kernel's half */
	bad[2] = (void *)0x00ff000000000000UL;	/* past user space */
	bad[3] = p;				/* reserved, never mapped */
	bad[4] = (void *)0x0001000000000000UL;	/* first past user space */
	bad[5] = (void *)-16L;			/* the very top */
}

/* After a round of checks with bad[i]: say which pointer failed. */
static void
note_pointer(int before, int i)
{

	if (check_failures != before)
		printf("  (those with bad pointer %p)\n", bad[i]);
}

/* The lowest free descriptor number. */
static int
lowest_free_fd(void)
{
	int fds[2];

	if (pipe2(fds, 0) != 0)
		return (-1);
	close(fds[0]);
	close(fds[1]);
	return (fds[0]);
}

/* read, write, fstat, pipe2 and mincore with bad buffers: EFAULT. */
static void
test_io_pointers(void)
{
	struct stat st;
	char buf[16], *p;
	int i, before, fds[2], free_fd;

	CHECK_OK(pipe2(fds, 0));
	p = CHECK_MAP_ANON(pg);
	free_fd = lowest_free_fd();
	for (i = 0; i < NBAD; i++) {
		before = check_failures;
		CHECK_EQ(write(fds[1], "12345678", 8), 8);
		CHECK_ERRNO(read(fds[0], bad[i], 8), EFAULT);
		CHECK_ERRNO(write(fds[1], bad[i], 8), EFAULT);
		CHECK_ERRNO(fstat(fds[0], bad[i]), EFAULT);
		CHECK_ERRNO(pipe2(bad[i], 0), EFAULT);
		CHECK_ERRNO(mincore(p, pg, bad[i]), EFAULT);
		note_pointer(before, i);
	}
	/* pipe2's failed copyout closed the descriptors it had made. */
	CHECK_EQ(lowest_free_fd(), free_fd);
	CHECK_OK(fstat(fds[0], &st));
	close(fds[0]);
	close(fds[1]);
	/*
	 * Counts beyond SSIZE_MAX (IOSIZE_MAX, sys_generic.c); on an empty
	 * non-blocking pipe, so a kernel that took them could not block.
	 */
	CHECK_OK(pipe2(fds, O_NONBLOCK));
	CHECK_ERRNO(read(fds[0], buf, SIZE_MAX), EINVAL);
	CHECK_ERRNO(write(fds[1], buf, SIZE_MAX), EINVAL);
	CHECK_ERRNO(write(fds[1], buf, (size_t)INT64_MAX + 1), EINVAL);
	close(fds[0]);
	close(fds[1]);
	CHECK_OK(munmap(p, pg));
}

/* Signal calls with bad pointers: EFAULT, and the state is unchanged. */
static void
test_signal_pointers(void)
{
	struct sigaction sa;
	sigset_t cur;
	pid_t pid;
	int i, before;

	for (i = 0; i < NBAD; i++) {
		before = check_failures;
		/* NULL is fine where it means "none". */
		if (bad[i] != NULL) {
			CHECK_ERRNO(sigaction(SIGUSR1, bad[i], NULL), EFAULT);
			CHECK_ERRNO(sigaction(SIGUSR1, NULL, bad[i]), EFAULT);
			CHECK_ERRNO(sigprocmask(SIG_BLOCK, bad[i], NULL),
			    EFAULT);
			CHECK_ERRNO(sigprocmask(SIG_BLOCK, NULL, bad[i]),
			    EFAULT);
		}
		CHECK_ERRNO(sigsuspend(bad[i]), EFAULT);
		note_pointer(before, i);
	}
	CHECK_OK(sigaction(SIGUSR1, NULL, &sa));
	CHECK(sa.sa_handler == SIG_DFL);
	CHECK_OK(sigprocmask(SIG_BLOCK, NULL, &cur));
	CHECK(!sigismember(&cur, SIGUSR1) && !sigismember(&cur, SIGTERM));

	/* wait4's status pointer; NULL there is allowed. */
	for (i = 1; i < NBAD; i++) {
		before = check_failures;
		pid = CHECK_FORK();
		if (pid == 0)
			_exit(5);
		CHECK_ERRNO(wait4(pid, bad[i], 0, NULL), EFAULT);
		/* Reaped or not, the child is no longer ours to wait for. */
		errno = 0;
		CHECK(waitpid(pid, NULL, 0) == pid || errno == ECHILD);
		note_pointer(before, i);
	}
}

/* clock_gettime and nanosleep with bad pointers or values. */
static void
test_time_args(void)
{
	struct timespec ts;
	int i, before;

	for (i = 0; i < NBAD; i++) {
		before = check_failures;
		CHECK_ERRNO(__sys_clock_gettime(CLOCK_MONOTONIC, bad[i]),
		    EFAULT);
		CHECK_ERRNO(__sys_clock_gettime(CLOCK_REALTIME, bad[i]),
		    EFAULT);
		CHECK_ERRNO(nanosleep(bad[i], NULL), EFAULT);
		note_pointer(before, i);
	}
	CHECK_ERRNO(clock_gettime(1000, &ts), EINVAL);
	CHECK_ERRNO(clock_gettime(16, &ts), EINVAL);
	ts.tv_sec = 0;
	ts.tv_nsec = 1000000000;
	CHECK_ERRNO(nanosleep(&ts, NULL), EINVAL);
	ts.tv_nsec = -1;
	CHECK_ERRNO(nanosleep(&ts, NULL), EINVAL);
}

/* The stack of threads that should not start. */
static char thread_stack[16384] __aligned(16);

/* Where a wrongly started thread goes: end at once. */
static void
thread_exit_at_once(void *arg)
{

	(void)arg;
	thr_exit(NULL);
}

/* thr_self, thr_new, thr_kill and _umtx_op with bad arguments. */
static void
test_thread_args(void)
{
	struct thr_param param;
	struct timespec ts;
	uint32_t word;
	long me;
	int i, before;

	for (i = 0; i < NBAD; i++) {
		before = check_failures;
		CHECK_ERRNO(thr_self(bad[i]), EFAULT);
		CHECK_ERRNO(thr_new(bad[i], sizeof(param)), EFAULT);
		CHECK_ERRNO(_umtx_op(bad[i], UMTX_OP_WAIT_UINT_PRIVATE, 0,
		    NULL, NULL), EFAULT);
		CHECK_ERRNO(_umtx_op(bad[i], UMTX_OP_WAIT_UINT, 0, NULL, NULL),
		    EFAULT);
		CHECK_ERRNO(_umtx_op(bad[i], UMTX_OP_WAIT, 0, NULL, NULL),
		    EFAULT);
		/* A bad timeout (NULL would mean "wait for ever"). */
		word = 0;
		if (bad[i] != NULL)
			CHECK_ERRNO(_umtx_op(&word, UMTX_OP_WAIT_UINT_PRIVATE,
			    0, (void *)sizeof(ts), bad[i]), EFAULT);
		note_pointer(before, i);
	}
	CHECK_ERRNO(_umtx_op(&word, 1000, 0, NULL, NULL), EINVAL);
	CHECK_ERRNO(_umtx_op(&word, -1, 0, NULL, NULL), EINVAL);

	memset(&param, 0, sizeof(param));
	param.start_func = thread_exit_at_once;
	param.stack_base = thread_stack;
	param.stack_size = sizeof(thread_stack);
	CHECK_ERRNO(thr_new(&param, sizeof(param) + 1), EINVAL);
	CHECK_ERRNO(thr_new(&param, 1000), EINVAL);
	CHECK_ERRNO(thr_new(&param, -1), EINVAL);
	/* The new thread's id cannot be stored: no thread. */
	param.child_tid = bad[1];
	CHECK_ERRNO(thr_new(&param, sizeof(param)), EFAULT);
	param.child_tid = NULL;
	param.parent_tid = bad[3];
	CHECK_ERRNO(thr_new(&param, sizeof(param)), EFAULT);
	param.parent_tid = NULL;
	/* TLS in the kernel's half (cpu_set_user_tls()). */
	param.tls_base = bad[1];
	CHECK_ERRNO(thr_new(&param, sizeof(param)), EINVAL);

	CHECK_OK(thr_self(&me));
	CHECK_ERRNO(thr_kill(me, -1), EINVAL);
	CHECK_ERRNO(thr_kill(me, 129), EINVAL);
	CHECK_ERRNO(thr_kill(-5, 0), ESRCH);
}

/* Descriptors that are not open: EBADF everywhere. */
static void
test_bad_fds(void)
{
	static const int fds[] = { -1, 99, 4096, 0x7fffffff };
	struct stat st;
	char c;
	size_t k;
	int before;

	for (k = 0; k < sizeof(fds) / sizeof(fds[0]); k++) {
		before = check_failures;
		CHECK_ERRNO(read(fds[k], &c, 1), EBADF);
		CHECK_ERRNO(write(fds[k], &c, 1), EBADF);
		CHECK_ERRNO(close(fds[k]), EBADF);
		CHECK_ERRNO(fstat(fds[k], &st), EBADF);
		CHECK_ERRNO(dup2(fds[k], 20), EBADF);
		CHECK_ERRNO(ftruncate(fds[k], 0), EBADF);
		CHECK_ERRNO(mmap(NULL, pg, PROT_READ, MAP_SHARED, fds[k], 0),
		    EBADF);
		if (check_failures != before)
			printf("  (those with descriptor %d)\n", fds[k]);
	}
}

/* Bad signal numbers are EINVAL; a pid nobody has is ESRCH. */
static void
test_bad_signals(void)
{
	static const int sigs[] = { 0, -1, 129, 1000 };
	struct sigaction sa;
	pid_t gone;
	size_t k;

	CHECK_ERRNO(kill(getpid(), -1), EINVAL);
	CHECK_ERRNO(kill(getpid(), 129), EINVAL);
	CHECK_ERRNO(kill(getpid(), 1000), EINVAL);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_IGN;
	for (k = 0; k < sizeof(sigs) / sizeof(sigs[0]); k++) {
		CHECK_ERRNO(sigaction(sigs[k], &sa, NULL), EINVAL);
		CHECK_ERRNO(sigaction(sigs[k], NULL, &sa), EINVAL);
	}
	CHECK_ERRNO(sigaction(SIGKILL, &sa, NULL), EINVAL);

	gone = CHECK_FORK();
	if (gone == 0)
		_exit(0);
	CHECK_WAIT_EXIT(gone, 0);
	CHECK_ERRNO(kill(gone, 0), ESRCH);
	CHECK_ERRNO(kill(gone, SIGTERM), ESRCH);
}

/*
 * sysarch: unknown ops are EINVAL; the MTE ops with bad pointers EFAULT
 * (EOPNOTSUPP without MTE, docs/abi.md section 5).
 */
static void
test_sysarch(void)
{
	int i, before, mte_err;

	CHECK_ERRNO(sysarch(0, NULL), EINVAL);
	CHECK_ERRNO(sysarch(0x9999, NULL), EINVAL);
	CHECK_ERRNO(sysarch(-1, bad[1]), EINVAL);
	mte_err = check_have_mte() ? EFAULT : EOPNOTSUPP;
	for (i = 0; i < NBAD; i++) {
		before = check_failures;
		CHECK_ERRNO(sysarch(ARM64_MTE_GETCTRL, bad[i]), mte_err);
		CHECK_ERRNO(sysarch(ARM64_MTE_CTRL, bad[i]), mte_err);
		note_pointer(before, i);
	}
}

/* shm_open2 with a path it cannot read (not SHM_ANON): EFAULT. */
static void
test_shm_path(void)
{
	int i, before;

	for (i = 0; i < NBAD; i++) {
		before = check_failures;
		CHECK_ERRNO(shm_open2(bad[i], O_RDWR | O_CREAT, 0600, 0, NULL),
		    EFAULT);
		note_pointer(before, i);
	}
}

/*
 * execve with bad path, argv or envp pointers (EFAULT), and with a path
 * longer than PATH_MAX or more argument bytes than ARG_MAX: both E2BIG,
 * since exec_args_add_fname() and exec_args_add_str() turn copyinstr's
 * ENAMETOOLONG into E2BIG (kern_exec.c).  In a child: a wrong success
 * replaces it, and it exits 99.
 */
static void
test_exec_args(void)
{
	char *argv[3], *envp[3], *huge, *longpath;
	size_t len;
	pid_t pid;
	int i, before;

	pid = CHECK_FORK();
	if (pid != 0) {
		CHECK_WAIT_EXIT(pid, 0);
		return;
	}
	envp[0] = EXECED_VAR "=1";
	envp[1] = NULL;
	argv[0] = SELF;
	argv[1] = "again";
	argv[2] = NULL;
	/*
	 * A NULL path is FreeBSD's fexecve path (exec_args_add_fname() takes
	 * it, do_execve() then uses descriptor 0): it fails, how depends on
	 * what descriptor 0 is.
	 */
	CHECK(execve(NULL, argv, envp) == -1);
	for (i = 0; i < NBAD; i++) {
		before = check_failures;
		if (bad[i] != NULL)
			CHECK_ERRNO(execve(bad[i], argv, envp), EFAULT);
		/* A NULL argv is EFAULT (exec_copyin_args()) ... */
		CHECK_ERRNO(execve(SELF, bad[i], envp), EFAULT);
		/* ... a NULL envp just an empty environment. */
		if (bad[i] != NULL)
			CHECK_ERRNO(execve(SELF, argv, bad[i]), EFAULT);
		argv[1] = bad[i] != NULL ? bad[i] : (char *)bad[3];
		CHECK_ERRNO(execve(SELF, argv, envp), EFAULT);
		argv[1] = "again";
		envp[1] = bad[i] != NULL ? bad[i] : (char *)bad[3];
		envp[2] = NULL;
		CHECK_ERRNO(execve(SELF, argv, envp), EFAULT);
		envp[1] = NULL;
		note_pointer(before, i);
	}

	len = 2000;
	longpath = malloc(len + 1);
	if (longpath != NULL) {
		memset(longpath, 'a', len);
		longpath[0] = '/';
		longpath[len] = '\0';
		CHECK_ERRNO(execve(longpath, argv, envp), E2BIG);
	}
	len = 1024 * 1024;
	huge = malloc(len + 1);
	if (huge != NULL) {
		memset(huge, 'h', len);
		huge[len] = '\0';
		argv[1] = huge;
		CHECK_ERRNO(execve(SELF, argv, envp), E2BIG);
	}
	check_child_exit();
}

/*
 * sigreturn with an unreadable context is EFAULT; with a context that
 * would return to EL1 it is EINVAL (set_mcontext() checks spsr).  In a
 * child: a kernel that took such a context would not come back.
 */
static void
test_sigreturn(void)
{
	ucontext_t uc;
	pid_t pid;
	int i;

	pid = CHECK_FORK();
	if (pid != 0) {
		CHECK_WAIT_EXIT(pid, 0);
		return;
	}
	for (i = 0; i < NBAD; i++)
		CHECK_ERRNO(sigreturn(bad[i]), EFAULT);
	memset(&uc, 0, sizeof(uc));
	uc.uc_mcontext.mc_gpregs.gp_spsr = 0x5;		/* EL1h */
	uc.uc_mcontext.mc_gpregs.gp_elr = (uintptr_t)thread_exit_at_once;
	uc.uc_mcontext.mc_gpregs.gp_sp = (uintptr_t)thread_stack +
	    sizeof(thread_stack);
	CHECK_ERRNO(sigreturn(&uc), EINVAL);
	uc.uc_mcontext.mc_gpregs.gp_spsr = 0x10;	/* AArch32 */
	CHECK_ERRNO(sigreturn(&uc), EINVAL);
	check_child_exit();
}

/*
 * A raw system call: number in x8, arguments in x0-x1 (docs/abi.md section 2.1).
 * Returns x0 and sets *carry to PSTATE.C (set: x0 is an errno).
 */
static long
raw_syscall(long number, long a0, long a1, int *carry)
{
	register long x0 __asm("x0") = a0;
	register long x1 __asm("x1") = a1;
	register long x8 __asm("x8") = number;
	long nzcv;

	__asm __volatile("svc #0\n\tmrs %2, nzcv"
	    : "+r" (x0), "+r" (x1), "=&r" (nzcv)
	    : "r" (x8)
	    : "memory", "cc");
	*carry = (nzcv >> 29) & 1;
	return (x0);
}

/* `svc #1': not a system call on FreeBSD/arm64. */
static void
svc_one(void *arg)
{
	register long x0 __asm("x0") = 0;
	register long x1 __asm("x1") = 0;
	register long x8 __asm("x8") = SYS_getpid;

	(void)arg;
	__asm __volatile("svc #1" : "+r" (x0), "+r" (x1) : "r" (x8)
	    : "memory", "cc");
}

/*
 * Numbers with no system call: ENOSYS and SIGSYS, directly and through
 * syscall(0)/__syscall(198); the indirect calls reach real calls too.
 * By default SIGSYS ends the process; ignored, only ENOSYS is left.
 */
static void
test_nosys(void)
{
	siginfo_t si;
	long r;
	pid_t pid;
	int carry;

	signal(SIGSYS, check_catch);
	check_caught[SIGSYS] = 0;
	r = raw_syscall(NO_SUCH_SYSCALL, 0, 0, &carry);
	CHECK_EQ(carry, 1);
	CHECK_EQ(r, ENOSYS);
	CHECK_EQ(check_caught[SIGSYS], 1);
	r = raw_syscall(-1, 0, 0, &carry);
	CHECK_EQ(carry, 1);
	CHECK_EQ(r, ENOSYS);
	CHECK_EQ(check_caught[SIGSYS], 2);
	r = raw_syscall(SYS_syscall, NO_SUCH_SYSCALL, 0, &carry);
	CHECK_EQ(carry, 1);
	CHECK_EQ(r, ENOSYS);
	CHECK_EQ(check_caught[SIGSYS], 3);

	r = raw_syscall(SYS___syscall, SYS_getpid, 0, &carry);
	CHECK_EQ(carry, 0);
	CHECK_EQ(r, getpid());
	r = raw_syscall(SYS_syscall, SYS_getppid, 0, &carry);
	CHECK_EQ(carry, 0);
	CHECK_EQ(r, getppid());
	r = raw_syscall(SYS_getpid, 0, 0, &carry);
	CHECK_EQ(carry, 0);
	CHECK_EQ(r, getpid());
	CHECK_EQ(check_caught[SIGSYS], 3);

	signal(SIGSYS, SIG_IGN);
	r = raw_syscall(NO_SUCH_SYSCALL, 0, 0, &carry);
	CHECK_EQ(carry, 1);
	CHECK_EQ(r, ENOSYS);
	signal(SIGSYS, SIG_DFL);

	pid = CHECK_FORK();
	if (pid == 0) {
		raw_syscall(NO_SUCH_SYSCALL, 0, 0, &carry);
		_exit(0);
	}
	CHECK_WAIT_SIGNAL(pid, SIGSYS);

	memset(&si, 0, sizeof(si));
	CHECK_EQ(check_run(svc_one, NULL, &si), SIGILL);
	CHECK_EQ(si.si_code, ILL_ILLOPN);
}

int
main(int argc, char **argv)
{

	pid_t watchdog;

	(void)argv;
	/* Started again by an exec that should have failed. */
	if (argc != 1 || getenv(EXECED_VAR) != NULL)
		return (99);
	pg = getpagesize();
	/* A bad pointer taken for a good one could make a call sleep. */
	watchdog = check_watchdog_start(60);
	init_bad_pointers();
	test_io_pointers();
	test_signal_pointers();
	test_time_args();
	test_thread_args();
	test_bad_fds();
	test_bad_signals();
	test_sysarch();
	test_shm_path();
	test_exec_args();
	test_sigreturn();
	test_nosys();
	check_watchdog_stop(watchdog);
	return (check_done());
}
