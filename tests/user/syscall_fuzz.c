/*
 * Bad input never panics the kernel (docs/abi.md row 22): children call
 * every implemented system call with random arguments drawn from values
 * that break things (NULL, -1, kernel and non-canonical addresses, tagged
 * pointers, huge sizes, addresses of their own mappings).  A child may die
 * of what it did to itself; the kernel and this parent must live on.
 * The seed is fixed, so a failure repeats.
 */
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

#define	CHILDREN	24
#define	CALLS		1500

/* Calls that would hurt more than the caller, or just create more work. */
static int
skipped(int nr)
{
	return (nr == SYS_reboot || nr == SYS_fork || nr == SYS_kill ||
	    nr == SYS_execve || nr == SYS_thr_new);
}

/* select's timeouts: a zero one, and one out of range (EINVAL). */
static struct timeval no_select_wait = { 0, 0 };
static struct timeval bad_select_wait = { 0, 1000000 };

static const int calls[] = {
	SYS_exit, SYS_read, SYS_write, SYS_close, SYS_wait4, SYS_getpid,
	SYS_getppid, SYS_munmap, SYS_mprotect, SYS_madvise, SYS_mincore,
	SYS_dup2, SYS_sysarch, SYS_clock_gettime, SYS_nanosleep,
	SYS_minherit, SYS_sched_yield, SYS_sigprocmask, SYS_sigsuspend,
	SYS_sigaction, SYS_sigreturn, SYS_thr_exit, SYS_thr_self,
	SYS_thr_kill, SYS__umtx_op, SYS_mmap, SYS_ftruncate, SYS_pipe2,
	SYS_fstat, SYS_shm_open2, SYS___sysctlbyname, SYS_open, SYS_openat,
	SYS_unlink, SYS_unlinkat, SYS_access, SYS_faccessat, SYS_dup,
	SYS_fcntl, SYS_readv, SYS_writev, SYS_rename, SYS_renameat,
	SYS_mkdir, SYS_mkdirat, SYS_rmdir, SYS_pread, SYS_pwrite, SYS_lseek,
	SYS_fstatat, SYS_getdirentries, SYS_getpgrp, SYS_select, SYS_poll,
	SYS_setpgid, SYS_getpgid, SYS_setsid, SYS_getsid, SYS_setitimer,
	SYS_getitimer, SYS_getrlimit, SYS_setrlimit, SYS_sigpending,
	SYS_sigtimedwait, SYS_sigwaitinfo, SYS_sigwait, SYS_sigaltstack,
	SYS_wait6, SYS_mlock, SYS_munlock, SYS_mlockall, SYS_munlockall,
	SYS_procctl, 3, 599, 1000,
};

/* The timeout every signal wait is given: none, just a look. */
static const struct timespec no_wait;

/*
 * Paths the file system calls may be given besides random bytes: real
 * names (so the calls get past lookup), in a scratch directory of /tmp
 * the child owns, never the programs the other tests need.
 */
static const char *const paths[] = {
	"/tmp/fuzz", "/tmp/fuzz/a", "/tmp/fuzz/b/", "/tmp/fuzz/a/b", "/tmp",
	"/dev/null", "/dev/zero", ".", "..", "/tmp/fuzz/..", "",
};

/* True for the calls that take a path as their first argument. */
static int
takes_path(int nr)
{
	return (nr == SYS_open || nr == SYS_unlink || nr == SYS_access ||
	    nr == SYS_rename || nr == SYS_mkdir || nr == SYS_rmdir);
}

/* True for the *at calls (path second). */
static int
takes_dirfd_path(int nr)
{
	return (nr == SYS_openat || nr == SYS_unlinkat ||
	    nr == SYS_faccessat || nr == SYS_renameat || nr == SYS_mkdirat ||
	    nr == SYS_fstatat);
}

static uint64_t rng;

/*
 * True if every path a removing or renaming call would use lies under
 * /tmp/fuzz or is not a string this process owns (a random address fails
 * harmlessly with EFAULT, a random string names nothing).
 */
static int
scratch_only(int nr, const uint64_t *a)
{
	const char *p[2];
	int i, n;

	switch (nr) {
	case SYS_rename:
		p[0] = (const char *)a[0];
		p[1] = (const char *)a[1];
		n = 2;
		break;
	case SYS_renameat:
		p[0] = (const char *)a[1];
		p[1] = (const char *)a[3];
		n = 2;
		break;
	case SYS_unlinkat:
		p[0] = (const char *)a[1];
		n = 1;
		break;
	default:
		p[0] = (const char *)a[0];
		n = 1;
		break;
	}
	for (i = 0; i < n; i++) {
		if (p[i] == paths[4] || p[i] == paths[5] || p[i] == paths[6] ||
		    p[i] == paths[7] || p[i] == paths[8] || p[i] == paths[9])
			return (0);
		/* A relative path or a dirfd could name anything: refuse. */
		if (nr == SYS_unlinkat || nr == SYS_renameat)
			return (0);
	}
	return (1);
}

static uint64_t
next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (rng);
}

/* One argument: mostly values chosen to hurt, sometimes pure noise. */
static uint64_t
arg(char *mine)
{
	static const uint64_t nasty[] = {
		0, 1, 2, 3, 16, 4095, 4096, 65536, (uint64_t)-1,
		(uint64_t)-4096, 0x7fffffff, 0x80000000, 0xffffffffUL,
		0xffff000000000000UL, 0x00ff000000000000UL,
		0x0001000000000000UL, 0x0000fffffffff000UL,
		0x0500000000400000UL, 0x8000000000000000UL,
	};
	uint64_t r = next();

	switch (r % 4) {
	case 0:
		return (nasty[(r >> 8) % (sizeof(nasty) / sizeof(nasty[0]))]);
	case 1:
		return ((uint64_t)mine + ((r >> 8) % (8 * 4096)));
	case 2:
		return ((r >> 8) % 64);
	default:
		return (next());
	}
}

static long
raw_syscall(int nr, const uint64_t *a)
{
	register uint64_t x0 __asm("x0") = a[0], x1 __asm("x1") = a[1];
	register uint64_t x2 __asm("x2") = a[2], x3 __asm("x3") = a[3];
	register uint64_t x4 __asm("x4") = a[4], x5 __asm("x5") = a[5];
	register uint64_t x8 __asm("x8") = nr;

	__asm __volatile("svc #0" : "+r" (x0), "+r" (x1) : "r" (x2), "r" (x3),
	    "r" (x4), "r" (x5), "r" (x8) : "memory", "cc");
	return ((long)x0);
}

static void __dead2
fuzz(unsigned seed)
{
	char *mine;
	uint64_t a[6];
	int i, j, nr, null;

	rng = 0x9e3779b97f4a7c15ULL * (seed + 1);
	mine = mmap(NULL, 8 * 4096, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANON, -1, 0);
	if (mine == MAP_FAILED)
		_exit(2);
	signal(SIGSYS, SIG_IGN);
	(void)mkdir("/tmp/fuzz", 0755);
	/* dup and writev reach the console too: point it all at /dev/null. */
	null = open("/dev/null", O_RDWR);
	for (j = 0; j <= 2 && null >= 0; j++)
		(void)dup2(null, j);
	signal(SIGALRM, SIG_IGN);	/* setitimer's, when it fires */
	for (i = 0; i < CALLS; i++) {
		nr = calls[next() % (sizeof(calls) / sizeof(calls[0]))];
		if (skipped(nr))
			continue;
		for (j = 0; j < 6; j++)
			a[j] = arg(mine);
		/* Real paths half the time, in the scratch directory. */
		if ((takes_path(nr) || takes_dirfd_path(nr)) && next() % 2) {
			a[takes_path(nr) ? 0 : 1] = (uint64_t)paths[next() %
			    (sizeof(paths) / sizeof(paths[0]))];
			if (nr == SYS_rename || nr == SYS_renameat)
				a[nr == SYS_rename ? 1 : 3] =
				    (uint64_t)paths[next() %
				    (sizeof(paths) / sizeof(paths[0]))];
		}
		/* Never touch what other tests and the shell need. */
		if ((nr == SYS_rename || nr == SYS_renameat ||
		    nr == SYS_unlink || nr == SYS_unlinkat ||
		    nr == SYS_rmdir) && !scratch_only(nr, a))
			continue;
		/* Keep the console readable and the test bounded. */
		if (nr == SYS_write && a[0] <= 2)
			a[0] = 99;
		if (nr == SYS_nanosleep || nr == SYS_sigsuspend ||
		    nr == SYS__umtx_op || nr == SYS_wait4 || nr == SYS_read)
			a[0] = (nr == SYS_read && a[0] == 0) ? 99 : a[0];
		/* A signal wait only looks: nothing would come. */
		if (nr == SYS_sigwait || nr == SYS_sigwaitinfo) {
			nr = SYS_sigtimedwait;
			a[2] = (uint64_t)&no_wait;
		} else if (nr == SYS_sigtimedwait)
			a[2] = (uint64_t)&no_wait;
		/* poll and select only look, unless their timeout is bad. */
		if (nr == SYS_poll && (int)a[2] >= -1)
			a[2] = 0;
		if (nr == SYS_select && (a[4] & 1))
			a[4] = (uint64_t)&no_select_wait;
		else if (nr == SYS_select)
			a[4] = (uint64_t)&bad_select_wait;
		raw_syscall(nr, a);
	}
	_exit(0);
}

int
main(void)
{
	struct timespec tick = { 0, 20 * 1000 * 1000 };
	int i, k, status;
	pid_t pid, w;

	for (i = 0; i < CHILDREN; i++) {
		pid = CHECK_FORK();
		if (pid == 0)
			fuzz(i);
		/* Up to 4 s, then it is stuck in a sleep it asked for. */
		for (k = 0; k < 200; k++) {
			w = waitpid(pid, &status, WNOHANG);
			if (w != 0)
				break;
			nanosleep(&tick, NULL);
		}
		if (w == 0) {
			CHECK_OK(kill(pid, SIGKILL));
			CHECK_EQ(waitpid(pid, &status, 0), pid);
		}
		CHECK(WIFEXITED(status) || WIFSIGNALED(status));
	}
	printf("syscall_fuzz: %d children, %d calls each, kernel alive\n",
	    CHILDREN, CALLS);
	return (check_done());
}
