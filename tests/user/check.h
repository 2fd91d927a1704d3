/*
 * Checks shared by the user tests (tests/user/<name>.c -> /tests/<name>).
 * bin/init runs each test with no arguments and counts exit status 0 as a
 * pass, so a test runs all its checks, prints one FAIL line (file:line,
 * expected and got) for each that does not hold, and ends with
 * `return (check_done());'.  A test that made no check at all fails: it
 * would pass whatever the kernel did.  A test whose subject this machine
 * lacks (MTE, say) calls check_skip("why") instead, which prints
 * "SKIP user/<name>: why" and exits with CHECK_SKIP_STATUS, which init
 * counts as skipped.
 *
 * A forked child checks with the same macros and reports through its exit
 * status: fork it with CHECK_FORK(), end it with check_child_exit(), and
 * collect it with CHECK_WAIT_EXIT() or CHECK_WAIT_SIGNAL().
 *
 * Everything here is static: each test is one .c file, so each program
 * has its own copy.
 */
#ifndef _TESTS_USER_CHECK_H_
#define	_TESTS_USER_CHECK_H_

#include <sys/types.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/sysctl.h>
#include <sys/wait.h>
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "programs.h"

/*
 * The clock_gettime(2) system call itself: libc's clock_gettime(3) reads
 * CLOCK_MONOTONIC from the counter without entering the kernel, so tests
 * of the kernel's argument checks call this.
 */
int	__sys_clock_gettime(clockid_t, struct timespec *);

static int check_count __unused;	/* checks made */
static int check_failures __unused;	/* of which failed */

/* p with tag t in bits 63:56, which the MMU ignores (TBI0, docs/abi.md section 2.4). */
#define	TAGGED(p, t)	((void *)((uintptr_t)(p) | (uintptr_t)(t) << 56))

/* True if the machine has MTE: AT_HWCAP2 carries HWCAP2_MTE (docs/abi.md section 3.7). */
static inline int
check_have_mte(void)
{
	u_long hwcap2;

	if (elf_aux_info(AT_HWCAP2, &hwcap2, sizeof(hwcap2)) != 0)
		return (0);
	return ((hwcap2 & HWCAP2_MTE) != 0);
}

/* Report one failed check at file:line and count it. */
static inline void __printflike(3, 4)
check_fail(const char *file, int line, const char *fmt, ...)
{
	char msg[320];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	printf("FAIL %s:%d: %s\n", file, line, msg);
	check_failures++;
}

/* cond holds. */
#define	CHECK(cond) do {						\
	check_count++;							\
	if (!(cond))							\
		check_fail(__FILE__, __LINE__, "%s", #cond);		\
} while (0)

/* got == want, compared as 64-bit integers (pointers too). */
#define	CHECK_EQ(got, want) do {					\
	long long check_got_ = (long long)(got);			\
	long long check_want_ = (long long)(want);			\
									\
	check_count++;							\
	if (check_got_ != check_want_)					\
		check_fail(__FILE__, __LINE__,				\
		    "%s: expected %s = %lld (%#llx), got %lld (%#llx)",	\
		    #got, #want, check_want_, check_want_,		\
		    check_got_, check_got_);				\
} while (0)

/* call succeeds: it returns something other than -1 (or MAP_FAILED). */
#define	CHECK_OK(call) do {						\
	long check_r_;							\
	int check_e_;							\
									\
	errno = 0;							\
	check_r_ = (long)(call);					\
	check_e_ = errno;						\
	check_count++;							\
	if (check_r_ == -1)						\
		check_fail(__FILE__, __LINE__,				\
		    "%s: expected success, got -1 with errno %d (%s)",	\
		    #call, check_e_, strerror(check_e_));		\
} while (0)

/* call fails: it returns -1 (or MAP_FAILED) with errno err. */
#define	CHECK_ERRNO(call, err) do {					\
	long check_r_;							\
	int check_e_, check_want_ = (err);				\
									\
	errno = 0;							\
	check_r_ = (long)(call);					\
	check_e_ = errno;						\
	check_count++;							\
	if (check_r_ != -1 || check_e_ != check_want_)			\
		check_fail(__FILE__, __LINE__,				\
		    "%s: expected -1 with errno %d (%s), "		\
		    "got %ld (%#lx) with errno %d (%s)", #call,		\
		    check_want_, strerror(check_want_), check_r_,	\
		    check_r_, check_e_, strerror(check_e_));		\
} while (0)

/* The exit status of a skipped test, which bin/init counts as such. */
#define	CHECK_SKIP_STATUS	TEST_SKIP_STATUS

/*
 * Print the totals.  Returns main's exit status: 0 if every check held
 * and there was at least one, else 1.
 */
static inline int
check_done(void)
{

	printf("%s: %d checks, %d failed\n", getprogname(), check_count,
	    check_failures);
	if (check_count == 0) {
		printf("FAIL %s: the test made no check\n", getprogname());
		return (1);
	}
	return (check_failures == 0 ? 0 : 1);
}

/*
 * End the test as skipped, saying why (printf-style): only for what this
 * machine does not have, never for a setup step that failed.  If checks
 * made before it failed, the test ends failed instead.
 */
static inline void __dead2 __printflike(1, 2)
check_skip(const char *fmt, ...)
{
	char why[200];
	va_list ap;

	if (check_failures != 0)
		exit(check_done());
	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	printf("SKIP user/%s: %s\n", getprogname(), why);
	exit(CHECK_SKIP_STATUS);
}

/* End a forked child: status 0 if its own checks all held, else 1. */
static inline void __dead2
check_child_exit(void)
{

	_exit(check_failures == 0 ? 0 : 1);
}

/*
 * fork(); the child starts with no failures of its own.  A fork that
 * fails is reported and ends the test: nothing after it could run.
 */
static inline pid_t
check_fork(const char *file, int line)
{
	pid_t pid;

	pid = fork();
	if (pid == -1) {
		check_fail(file, line, "fork: errno %d (%s)", errno,
		    strerror(errno));
		exit(check_done());
	}
	if (pid == 0) {
		check_count = 0;
		check_failures = 0;
	}
	return (pid);
}
#define	CHECK_FORK()	check_fork(__FILE__, __LINE__)

/*
 * Fork a child that execs path with argv and envp; returns its pid.  If
 * the execve fails, the child prints a FAIL line and exits 126, which
 * the parent's CHECK_WAIT_EXIT then reports too.
 */
static inline pid_t
check_spawn(const char *file, int line, const char *path, char *const argv[],
    char *const envp[])
{
	pid_t pid;

	pid = check_fork(file, line);
	if (pid == 0) {
		execve(path, argv, envp);
		printf("FAIL %s:%d: execve(%s): errno %d (%s)\n", file, line,
		    path, errno, strerror(errno));
		_exit(126);
	}
	return (pid);
}
#define	CHECK_SPAWN(path, argv, envp)					\
	check_spawn(__FILE__, __LINE__, (path), (argv), (envp))

/*
 * mmap() that must work; a failure is reported and ends the test, since
 * the checks after it would only fault.
 */
static inline void *
check_mmap(const char *file, int line, void *addr, size_t len, int prot,
    int flags, int fd, off_t off)
{
	void *p;

	p = mmap(addr, len, prot, flags, fd, off);
	if (p == MAP_FAILED) {
		check_fail(file, line, "mmap(%p, %#zx, %#x, %#x, %d, %#llx): "
		    "errno %d (%s)", addr, len, prot, flags, fd,
		    (long long)off, errno, strerror(errno));
		exit(check_done());
	}
	return (p);
}
#define	CHECK_MMAP(addr, len, prot, flags, fd, off)			\
	check_mmap(__FILE__, __LINE__, (addr), (len), (prot), (flags),	\
	    (fd), (off))

/* Private anonymous read-write memory that must be mapped. */
#define	CHECK_MAP_ANON(len)						\
	CHECK_MMAP(NULL, (len), PROT_READ | PROT_WRITE,			\
	    MAP_PRIVATE | MAP_ANON, -1, 0)

/*
 * A new anonymous shared memory object (shm_open2(SHM_ANON)) of size
 * bytes, open for reading and writing; a failure is reported and ends
 * the test, since the checks after it would only fail.
 */
static inline int
check_shm_anon(off_t size)
{
	int fd;

	fd = shm_open2(SHM_ANON, O_RDWR, 0600, 0, NULL);
	if (fd < 0) {
		CHECK_EQ(fd, 0);
		printf("shm_open2: errno %d (%s)\n", errno, strerror(errno));
		exit(check_done());
	}
	CHECK_OK(ftruncate(fd, size));
	return (fd);
}

/* waitpid(pid) retried across EINTR; the status, or -1 with errno. */
static inline int
check_wait(pid_t pid)
{
	pid_t w;
	int status;

	do
		w = waitpid(pid, &status, 0);
	while (w == -1 && errno == EINTR);
	return (w == pid ? status : -1);
}

/* Wait for child pid and check that it exited with code (or died of sig). */
static inline void
check_wait_status(const char *file, int line, pid_t pid, int code, int sig)
{
	int status;

	check_count++;
	status = check_wait(pid);
	if (status == -1)
		check_fail(file, line, "waitpid(%d): errno %d (%s)", (int)pid,
		    errno, strerror(errno));
	else if (sig == 0 && (!WIFEXITED(status) ||
	    WEXITSTATUS(status) != code))
		check_fail(file, line, "child %d: expected exit %d, got "
		    "status %#x (%s %d)", (int)pid, code, status,
		    WIFSIGNALED(status) ? "signal" : "exit",
		    WIFSIGNALED(status) ? WTERMSIG(status) :
		    WEXITSTATUS(status));
	else if (sig != 0 && (!WIFSIGNALED(status) ||
	    WTERMSIG(status) != sig))
		check_fail(file, line, "child %d: expected death by signal %d, "
		    "got status %#x (%s %d)", (int)pid, sig, status,
		    WIFSIGNALED(status) ? "signal" : "exit",
		    WIFSIGNALED(status) ? WTERMSIG(status) :
		    WEXITSTATUS(status));
}

/*
 * Fork a child that runs child(arg) with its standard error sent into a
 * pipe and then exits 0 (unless child exits or dies first); what it wrote
 * there comes back in buf, NUL-terminated, at most len - 1 bytes of it.
 * Returns the child's wait status.
 */
static inline int
check_capture(void (*child)(void *), void *arg, char *buf, size_t len)
{
	size_t got = 0;
	ssize_t n;
	pid_t pid;
	int fd[2];

	if (pipe(fd) != 0) {
		check_fail(__FILE__, __LINE__, "pipe: errno %d", errno);
		exit(check_done());
	}
	pid = CHECK_FORK();
	if (pid == 0) {
		close(fd[0]);
		dup2(fd[1], STDERR_FILENO);
		child(arg);
		_exit(0);
	}
	close(fd[1]);
	while (got < len - 1 && (n = read(fd[0], buf + got,
	    len - 1 - got)) > 0)
		got += n;
	buf[got] = '\0';
	close(fd[0]);
	return (check_wait(pid));
}
#define	CHECK_WAIT_EXIT(pid, code)					\
	check_wait_status(__FILE__, __LINE__, (pid), (code), 0)
#define	CHECK_WAIT_SIGNAL(pid, sig)					\
	check_wait_status(__FILE__, __LINE__, (pid), 0, (sig))

/*
 * A watchdog for calls that a broken kernel could leave asleep for ever:
 * a child that kills the caller with SIGKILL (after saying so) if it still
 * runs after secs seconds, and goes quietly if the caller exits first.
 * check_watchdog_stop() ends and reaps it.  It is a child like any other:
 * tests that wait for "any child" must not run while it does.
 */
static inline pid_t
check_watchdog_start(int secs)
{
	struct timespec ts = { 0, 100 * 1000 * 1000 };
	pid_t parent, pid;
	int i;

	parent = getpid();
	pid = fork();
	if (pid != 0)
		return (pid);
	for (i = 0; i < secs * 10; i++) {
		nanosleep(&ts, NULL);
		if (getppid() != parent)
			_exit(0);
	}
	printf("FAIL %s: still running after %d s: killed\n", getprogname(),
	    secs);
	kill(parent, SIGKILL);
	_exit(0);
}

/* End and reap the watchdog pid. */
static inline void
check_watchdog_stop(pid_t pid)
{

	if (pid > 0) {
		kill(pid, SIGKILL);
		check_wait(pid);
	}
}

/*
 * Running code that may fault.  check_run() calls fn(arg) with handlers
 * for SIGSEGV, SIGBUS, SIGILL and SIGTRAP installed; a fault leaves fn
 * through siglongjmp.  Returns 0 if fn returned, else the signal, with
 * its siginfo in *si.  The handlers are the caller's again afterwards.
 * A fault while no check_run() is active kills the process as usual.
 */
static sigjmp_buf check_run_env __unused;
static volatile sig_atomic_t check_run_armed __unused;
static siginfo_t check_run_info __unused;

/* check_run()'s handler: leave fn with the siginfo. */
static inline void
check_run_handler(int sig, siginfo_t *si, void *uc)
{

	(void)uc;
	if (!check_run_armed) {
		/* Not ours: the retried instruction faults to the default. */
		signal(sig, SIG_DFL);
		return;
	}
	check_run_armed = 0;
	check_run_info = *si;
	siglongjmp(check_run_env, 1);
}

/* See above. */
static inline int
check_run(void (*fn)(void *), void *arg, siginfo_t *si)
{
	static const int sigs[] = { SIGSEGV, SIGBUS, SIGILL, SIGTRAP };
	struct sigaction sa, old[4];
	int i, sig;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = check_run_handler;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < 4; i++)
		sigaction(sigs[i], &sa, &old[i]);
	sig = 0;
	if (sigsetjmp(check_run_env, 1) == 0) {
		check_run_armed = 1;
		fn(arg);
		check_run_armed = 0;
	} else {
		sig = check_run_info.si_signo;
		if (si != NULL)
			*si = check_run_info;
	}
	for (i = 0; i < 4; i++)
		sigaction(sigs[i], &old[i], NULL);
	return (sig);
}

/* One byte access for check_touch(). */
struct check_touch_arg {
	volatile char	*p;
	int		write;
	char		v;
};

/* Do the access *arg describes. */
static inline void
check_touch_fn(void *arg)
{
	struct check_touch_arg *t = arg;

	if (t->write)
		*t->p = t->v;
	else
		(void)*t->p;
}

/*
 * Read the byte at p (write != 0: store v there).  Returns 0, or the
 * signal the access raised with its siginfo in *si (si may be NULL).
 */
static inline int
check_touch(volatile char *p, int write, char v, siginfo_t *si)
{
	struct check_touch_arg t;

	t.p = p;
	t.write = write;
	t.v = v;
	return (check_run(check_touch_fn, &t, si));
}

/*
 * Reading (write == 0) or writing 0x5a to the byte at p raises signal sig
 * with si_code code (0: any code) and si_addr exactly p; sig 0 means the
 * access must work.
 */
static inline void
check_fault(const char *file, int line, const char *what, volatile char *p,
    int write, int sig, int code)
{
	siginfo_t si;
	int got;

	check_count++;
	got = check_touch(p, write, 0x5a, &si);
	if (got != sig) {
		check_fail(file, line, "%s %s (%p): expected signal %d, got %d "
		    "(si_code %d)", write ? "writing" : "reading", what,
		    (void *)p, sig, got, got != 0 ? si.si_code : 0);
		return;
	}
	if (got == 0)
		return;
	if (code != 0 && si.si_code != code)
		check_fail(file, line, "%s %s: signal %d: expected si_code %d, "
		    "got %d", write ? "writing" : "reading", what, sig, code,
		    si.si_code);
	if (si.si_addr != (void *)p)
		check_fail(file, line, "%s %s: signal %d: expected si_addr %p, "
		    "got %p", write ? "writing" : "reading", what, sig,
		    (void *)p, si.si_addr);
}
#define	CHECK_FAULT(p, write, sig, code)				\
	check_fault(__FILE__, __LINE__, #p, (volatile char *)(p), (write),\
	    (sig), (code))
#define	CHECK_READABLE(p)	CHECK_FAULT((p), 0, 0, 0)
#define	CHECK_WRITABLE(p)	CHECK_FAULT((p), 1, 0, 0)

/* True if the len bytes at p are all c. */
static inline int
all_are(const char *p, size_t len, char c)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (p[i] != c)
			return (0);
	return (1);
}

/*
 * The whole of the file path as a NUL-terminated string in buf, of size
 * bytes (at most size - 1 of the file are read); its length, or -1 if
 * the file does not open.
 */
static inline ssize_t
slurp(const char *path, char *buf, size_t size)
{
	ssize_t n, total = 0;
	int fd;

	if ((fd = open(path, O_RDONLY)) < 0)
		return (-1);
	while ((n = read(fd, buf + total, size - 1 - total)) > 0)
		total += n;
	close(fd);
	buf[total] = '\0';
	return (total);
}

/*
 * Read the number the sysctl name holds, u_int or u_long (as FreeBSD's
 * sysctl(8) reads either), into *v: 0, or -1 with errno and *v 0.
 */
static inline int
sysctl_number(const char *name, u_long *v)
{
	u_int v32;
	size_t len = sizeof(*v);

	*v = 0;
	if (sysctlbyname(name, v, &len, NULL, 0) != 0) {
		*v = 0;
		return (-1);
	}
	if (len == sizeof(v32)) {
		memcpy(&v32, v, sizeof(v32));
		*v = v32;
	}
	return (0);
}

/* The number the sysctl name holds, or 0 if there is no such name. */
static inline u_long
sysctl_ulong(const char *name)
{
	u_long v;

	(void)sysctl_number(name, &v);
	return (v);
}

/* The number the sysctl name holds, checked to be readable. */
static inline u_long
check_sysctl(const char *file, int line, const char *name)
{
	u_long v;

	check_count++;
	if (sysctl_number(name, &v) != 0)
		check_fail(file, line, "sysctl %s: errno %d (%s)", name,
		    errno, strerror(errno));
	return (v);
}
#define	CHECK_SYSCTL(name)	check_sysctl(__FILE__, __LINE__, (name))

/*
 * How often check_catch, a signal handler, has caught each
 * signal: a test zeroes check_caught[sig], installs the handler for sig
 * and checks the count.
 */
static volatile sig_atomic_t check_caught[NSIG] __unused;

/* Count one delivery of sig in check_caught[sig]. */
static inline void
check_catch(int sig)
{
	if (sig > 0 && sig < NSIG)
		check_caught[sig]++;
}

/* One byte through a pipe: a rendezvous between processes. */
static inline void
signal_fd(int fd)
{
	char c = 'x';

	CHECK_EQ(write(fd, &c, 1), 1);
}

/* Wait for signal_fd() at the other end. */
static inline void
await_fd(int fd)
{
	char c;

	CHECK_EQ(read(fd, &c, 1), 1);
}

/*
 * Turns between a parent and the child it forks, for tests where each
 * must see what the other wrote after the fork: two pipes.  turns_open()
 * before the fork; the child's turns_child_pass() hands the turn to the
 * parent, whose turns_parent_wait() returns, and waits until the
 * parent's turns_parent_pass() hands it back; turns_close() at the end.
 */
struct turns {
	int	to_child[2];
	int	to_parent[2];
};

/* Open the pipes of t; before the fork. */
static inline void
turns_open(struct turns *t)
{
	CHECK_OK(pipe2(t->to_child, 0));
	CHECK_OK(pipe2(t->to_parent, 0));
}

/* In the child: let the parent run its turn, and wait until it is done. */
static inline void
turns_child_pass(struct turns *t)
{
	signal_fd(t->to_parent[1]);
	await_fd(t->to_child[0]);
}

/* In the parent: wait until the child hands over the turn. */
static inline void
turns_parent_wait(struct turns *t)
{
	await_fd(t->to_parent[0]);
}

/* In the parent: hand the turn back to the child. */
static inline void
turns_parent_pass(struct turns *t)
{
	signal_fd(t->to_child[1]);
}

/* Close the pipes of t. */
static inline void
turns_close(struct turns *t)
{
	close(t->to_child[0]);
	close(t->to_child[1]);
	close(t->to_parent[0]);
	close(t->to_parent[1]);
}

#endif /* !_TESTS_USER_CHECK_H_ */
