/*
 * execve(2), FreeBSD's semantics (sys/kern/kern_exec.c, kern_sig.c
 * execsigs(), kern_descrip.c fdcloseexec()): arguments and environment
 * arrive exactly as given, long ones and tagged pointers too; the
 * auxiliary vector gives the page size; a failed exec leaves the caller
 * running untouched.  The new image keeps the pid, the parent, ignored
 * signals, the signal mask and descriptors without close-on-exec; it
 * loses handlers, other threads, close-on-exec descriptors, the old
 * address space and the MTE control (reset to NONE, docs/abi.md section 5).
 *
 * The program is its own helper: "/tests/exec child <mode> ..." checks
 * what one test expects of the new image and exits 0 if all of it held.
 */
#include <sys/types.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/thr.h>
#include <machine/sysarch.h>
#include <errno.h>
#include <fcntl.h>
#include <osreldate.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

#define	SELF		"/tests/exec"
#define	BIG_ARGS	100		/* arguments of BIG_ARG_LEN bytes */
#define	BIG_ARG_LEN	100
#define	HUGE_ARG_LEN	8000		/* and one this long */
#define	BIG_ENV_LEN	4000		/* an environment string this long */
#define	FAR_AWAY	((char *)0x00005a5a00000000UL)	/* a free range */
#define	MTE_INCLUDE	0xfffe		/* any tag but 0 */

static size_t pg;	/* the page size */

/* Number of entries of the NULL-terminated vector v. */
static int
count(char *const v[])
{
	int n;

	for (n = 0; v[n] != NULL; n++)
		continue;
	return (n);
}

/* A string of len copies of c (never freed: the process execs or ends). */
static char *
repeat(char c, size_t len)
{
	char *s;

	s = malloc(len + 1);
	if (s == NULL) {
		CHECK(!"malloc");
		exit(check_done());
	}
	memset(s, c, len);
	s[len] = '\0';
	return (s);
}

/* True if s is len copies of c. */
static int
is_repeat(const char *s, char c, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (s[i] != c)
			return (0);
	return (s[len] == '\0');
}

/* Child "args": the arguments and environment test_args() passes. */
static void
child_args(int argc, char **argv)
{

	CHECK_EQ(argc, 7);
	if (argc != 7)
		return;
	CHECK_EQ(strcmp(argv[0], SELF), 0);
	CHECK_EQ(strcmp(argv[3], "one"), 0);
	CHECK_EQ(strcmp(argv[4], "two words"), 0);
	CHECK_EQ(strcmp(argv[5], ""), 0);
	CHECK_EQ(strcmp(argv[6], "x=y"), 0);
	CHECK(argv[7] == NULL);
	CHECK_EQ(count(environ), 3);
	if (count(environ) != 3)
		return;
	CHECK_EQ(strcmp(environ[0], "TAGOS_A=1"), 0);
	CHECK_EQ(strcmp(environ[1], "TAGOS_B=hello world"), 0);
	CHECK_EQ(strcmp(environ[2], "EMPTY="), 0);
	CHECK(getenv("TAGOS_B") != NULL &&
	    strcmp(getenv("TAGOS_B"), "hello world") == 0);
	CHECK(getenv("EMPTY") != NULL && *getenv("EMPTY") == '\0');
	CHECK(getenv("NOPE") == NULL);
}

/* Child "big": BIG_ARGS long arguments, a huge one, a long variable. */
static void
child_big(int argc, char **argv)
{
	const char *big;
	int i;

	CHECK_EQ(argc, 3 + BIG_ARGS + 1);
	if (argc != 3 + BIG_ARGS + 1)
		return;
	for (i = 0; i < BIG_ARGS; i++)
		CHECK(is_repeat(argv[3 + i], 'a' + i % 26, BIG_ARG_LEN));
	CHECK(is_repeat(argv[3 + BIG_ARGS], 'z', HUGE_ARG_LEN));
	CHECK_EQ(count(environ), 1);
	big = getenv("BIG");
	CHECK(big != NULL && is_repeat(big, 'e', BIG_ENV_LEN));
}

/*
 * The auxiliary vector: the page size, as every way to ask gives it, and
 * the entries docs/abi.md section 3.7 lists, with the values of the
 * headers the kernel and libc share.
 */
static void
check_auxv(void)
{
	char path[64];
	u_long hwcap, hwcap2;
	long lv;
	int v, ncpus, osrel;

	v = 0;
	CHECK_EQ(elf_aux_info(AT_PAGESZ, &v, sizeof(v)), 0);
	CHECK_EQ(v, getpagesize());
	CHECK_EQ(v, sysconf(_SC_PAGESIZE));
	CHECK(v >= 4096 && (v & (v - 1)) == 0);
	/* elf_aux_info wants the exact size and does not touch errno. */
	errno = 0;
	CHECK_EQ(elf_aux_info(AT_PAGESZ, &lv, sizeof(lv)), EINVAL);
	CHECK_EQ(errno, 0);
	CHECK_EQ(elf_aux_info(AT_HWCAP2, &hwcap2, sizeof(hwcap2)), 0);
	ncpus = 0;
	CHECK_EQ(elf_aux_info(AT_NCPUS, &ncpus, sizeof(ncpus)), 0);
	CHECK(ncpus >= 1);
	CHECK_EQ(sysconf(_SC_NPROCESSORS_ONLN), ncpus);
	osrel = 0;
	CHECK_EQ(elf_aux_info(AT_OSRELDATE, &osrel, sizeof(osrel)), 0);
	CHECK_EQ(osrel, __FreeBSD_version);
	hwcap = 1;
	CHECK_EQ(elf_aux_info(AT_HWCAP, &hwcap, sizeof(hwcap)), 0);
	CHECK_EQ(hwcap, 0);
	/* No AT_EXECPATH is passed. */
	CHECK_EQ(elf_aux_info(AT_EXECPATH, path, sizeof(path)), ENOENT);
}

/*
 * Child "cloexec a0 a1 b0 b1 d": a0 and a1 were close-on-exec and are
 * gone; b0, b1 and d (a dup2 of a1, which clears the flag) are open.
 */
static void
child_cloexec(int argc, char **argv)
{
	struct stat st;
	int a0, a1, b0, b1, d;

	CHECK_EQ(argc, 8);
	if (argc != 8)
		return;
	a0 = atoi(argv[3]);
	a1 = atoi(argv[4]);
	b0 = atoi(argv[5]);
	b1 = atoi(argv[6]);
	d = atoi(argv[7]);
	CHECK_ERRNO(fstat(a0, &st), EBADF);
	CHECK_ERRNO(fstat(a1, &st), EBADF);
	CHECK_OK(fstat(b0, &st));
	CHECK_OK(fstat(b1, &st));
	CHECK_OK(fstat(d, &st));
	CHECK_EQ(write(b1, "ok", 2), 2);
	CHECK_EQ(write(d, "OK", 2), 2);
}

/*
 * Child "sigs": the caught SIGUSR1 is back to SIG_DFL, the ignored
 * SIGUSR2 still ignored, and the mask (SIGINT) kept.
 */
static void
child_sigs(void)
{
	struct sigaction sa;
	sigset_t cur;

	CHECK_OK(sigaction(SIGUSR1, NULL, &sa));
	CHECK(sa.sa_handler == SIG_DFL);
	CHECK_OK(sigaction(SIGUSR2, NULL, &sa));
	CHECK(sa.sa_handler == SIG_IGN);
	CHECK_OK(sigprocmask(SIG_BLOCK, NULL, &cur));
	CHECK(sigismember(&cur, SIGINT));
	CHECK(!sigismember(&cur, SIGUSR1));
	/* The ignored signal is really ignored. */
	CHECK_OK(kill(getpid(), SIGUSR2));
}

/* Child "fresh": nothing of the old image is mapped at FAR_AWAY. */
static void
child_fresh(void)
{
	char vec[1];
	char *p;

	CHECK_ERRNO(mincore(FAR_AWAY, pg, vec), ENOMEM);
	p = CHECK_MAP_ANON(pg);
	p[0] = 1;
	CHECK_OK(munmap(p, pg));
}

/* Child "mte": exec reset the tag control to NONE, include 0. */
static void
child_mte(void)
{
	struct arm64_mte_ctrl ctrl;

	memset(&ctrl, 0xff, sizeof(ctrl));
	CHECK_OK(sysarch(ARM64_MTE_GETCTRL, &ctrl));
	CHECK_EQ(ctrl.mode, MTE_MODE_NONE);
	CHECK_EQ(ctrl.include, 0);
}

/* Child "pid <pid> <ppid>": exec kept both. */
static void
child_pid(int argc, char **argv)
{
	long tid;

	CHECK_EQ(argc, 5);
	if (argc != 5)
		return;
	CHECK_EQ(getpid(), atoi(argv[3]));
	CHECK_EQ(getppid(), atoi(argv[4]));
	CHECK_OK(thr_self(&tid));
}

/* The helper: argv[1] is "child", argv[2] the mode. */
static int
child_main(int argc, char **argv)
{
	const char *mode;

	mode = argc > 2 ? argv[2] : "";
	if (strcmp(mode, "args") == 0)
		child_args(argc, argv);
	else if (strcmp(mode, "big") == 0)
		child_big(argc, argv);
	else if (strcmp(mode, "auxv") == 0)
		check_auxv();
	else if (strcmp(mode, "cloexec") == 0)
		child_cloexec(argc, argv);
	else if (strcmp(mode, "sigs") == 0)
		child_sigs();
	else if (strcmp(mode, "fresh") == 0)
		child_fresh();
	else if (strcmp(mode, "mte") == 0)
		child_mte();
	else if (strcmp(mode, "pid") == 0)
		child_pid(argc, argv);
	else if (strcmp(mode, "tagged") == 0) {
		CHECK_EQ(argc, 4);
		CHECK(argc == 4 && strcmp(argv[3], "tagged-arg") == 0);
		CHECK(getenv("TAG") != NULL && strcmp(getenv("TAG"), "1") == 0);
	} else
		CHECK(!"unknown child mode");
	return (check_done());
}

/* Arguments and environment arrive exactly, empty strings included. */
static void
test_args(void)
{
	char *argv[] = { SELF, "child", "args", "one", "two words", "",
	    "x=y", NULL };
	char *envp[] = { "TAGOS_A=1", "TAGOS_B=hello world", "EMPTY=", NULL };

	CHECK_WAIT_EXIT(CHECK_SPAWN(SELF, argv, envp), 0);
}

/* Many long arguments and a long variable: about 22 KB, several pages. */
static void
test_big_args(void)
{
	char *argv[3 + BIG_ARGS + 2];
	char *envp[2];
	int i;

	argv[0] = SELF;
	argv[1] = "child";
	argv[2] = "big";
	for (i = 0; i < BIG_ARGS; i++)
		argv[3 + i] = repeat('a' + i % 26, BIG_ARG_LEN);
	argv[3 + BIG_ARGS] = repeat('z', HUGE_ARG_LEN);
	argv[3 + BIG_ARGS + 1] = NULL;
	envp[0] = repeat('e', 4 + BIG_ENV_LEN);
	memcpy(envp[0], "BIG=", 4);
	envp[1] = NULL;
	CHECK_WAIT_EXIT(CHECK_SPAWN(SELF, argv, envp), 0);
}

/* AT_PAGESZ and friends, here and in a freshly executed image. */
static void
test_auxv(void)
{
	char *argv[] = { SELF, "child", "auxv", NULL };
	char *envp[] = { NULL };

	check_auxv();
	CHECK_WAIT_EXIT(CHECK_SPAWN(SELF, argv, envp), 0);
}

/*
 * An exec that fails (ENOENT) returns, and the process goes on with its
 * memory, handlers and descriptors as they were.
 */
static void
test_exec_fails(void)
{
	char *argv[] = { "nothing", NULL };
	char *envp[] = { NULL };
	struct stat st;
	char *p;
	int fds[2];

	p = CHECK_MAP_ANON(2 * pg);
	memset(p, 'k', 2 * pg);
	signal(SIGUSR1, check_catch);
	CHECK_OK(pipe2(fds, 0));
	CHECK_ERRNO(execve("/tests/does-not-exist", argv, envp), ENOENT);
	CHECK_ERRNO(execve("/no/such/dir/file", argv, envp), ENOENT);
	CHECK_ERRNO(execve("", argv, envp), ENOENT);
	CHECK_EQ(p[0], 'k');
	CHECK_EQ(p[2 * pg - 1], 'k');
	check_caught[SIGUSR1] = 0;
	CHECK_OK(raise(SIGUSR1));
	CHECK_EQ(check_caught[SIGUSR1], 1);
	CHECK_OK(fstat(fds[0], &st));
	CHECK_EQ(write(fds[1], "z", 1), 1);
	signal(SIGUSR1, SIG_DFL);
	close(fds[0]);
	close(fds[1]);
	CHECK_OK(munmap(p, 2 * pg));
}

/* Read exactly the 2 bytes want from fd. */
static void
read_two(int fd, const char *want)
{
	char buf[2];

	CHECK_EQ(read(fd, buf, 2), 2);
	CHECK(memcmp(buf, want, 2) == 0);
}

/*
 * Close-on-exec descriptors are closed by exec, the others stay; dup2
 * gives a descriptor without the flag.
 */
static void
test_cloexec(void)
{
	char n[5][12];
	char *argv[9], *envp[] = { NULL };
	int a[2], b[2], d, i;
	char c;
	pid_t pid;

	CHECK_OK(pipe2(a, O_CLOEXEC));
	CHECK_OK(pipe2(b, 0));
	d = dup2(a[1], 20);
	CHECK_EQ(d, 20);
	snprintf(n[0], sizeof(n[0]), "%d", a[0]);
	snprintf(n[1], sizeof(n[1]), "%d", a[1]);
	snprintf(n[2], sizeof(n[2]), "%d", b[0]);
	snprintf(n[3], sizeof(n[3]), "%d", b[1]);
	snprintf(n[4], sizeof(n[4]), "%d", d);
	argv[0] = SELF;
	argv[1] = "child";
	argv[2] = "cloexec";
	for (i = 0; i < 5; i++)
		argv[3 + i] = n[i];
	argv[8] = NULL;
	pid = CHECK_SPAWN(SELF, argv, envp);
	close(a[1]);
	close(b[1]);
	close(d);
	read_two(b[0], "ok");
	read_two(a[0], "OK");
	CHECK_WAIT_EXIT(pid, 0);
	/* Every writer is gone: the child's a[1] at exec, its d at exit. */
	CHECK_EQ(read(a[0], &c, 1), 0);
	CHECK_EQ(read(b[0], &c, 1), 0);
	close(a[0]);
	close(b[0]);
}

/* Handlers reset, ignored stays ignored, the mask is kept (execsigs()). */
static void
test_signals_across_exec(void)
{
	char *argv[] = { SELF, "child", "sigs", NULL };
	char *envp[] = { NULL };
	sigset_t set;
	pid_t pid;

	pid = CHECK_FORK();
	if (pid == 0) {
		signal(SIGUSR1, check_catch);
		signal(SIGUSR2, SIG_IGN);
		sigemptyset(&set);
		sigaddset(&set, SIGINT);
		sigprocmask(SIG_BLOCK, &set, NULL);
		execve(SELF, argv, envp);
		_exit(126);
	}
	CHECK_WAIT_EXIT(pid, 0);
}

/* The old address space is gone: a mapping made before exec is not there. */
static void
test_address_space_replaced(void)
{
	char *argv[] = { SELF, "child", "fresh", NULL };
	char *envp[] = { NULL };
	pid_t pid;
	char *p;

	pid = CHECK_FORK();
	if (pid == 0) {
		p = mmap(FAR_AWAY, 4 * pg, PROT_READ | PROT_WRITE,
		    MAP_FIXED | MAP_EXCL | MAP_PRIVATE | MAP_ANON, -1, 0);
		if (p != FAR_AWAY)
			_exit(125);
		memset(p, 'o', 4 * pg);
		execve(SELF, argv, envp);
		_exit(126);
	}
	CHECK_WAIT_EXIT(pid, 0);
}

/*
 * MTE control: fork keeps it, exec resets it (docs/abi.md section 5).  Only on a
 * machine with MTE.
 */
static void
test_mte_across_exec(void)
{
	char *argv[] = { SELF, "child", "mte", NULL };
	char *envp[] = { NULL };
	struct arm64_mte_ctrl ctrl;
	pid_t pid, grandchild;

	if (!check_have_mte())
		return;
	pid = CHECK_FORK();
	if (pid == 0) {
		memset(&ctrl, 0, sizeof(ctrl));
		ctrl.mode = MTE_MODE_SYNC;
		ctrl.include = MTE_INCLUDE;
		CHECK_OK(sysarch(ARM64_MTE_CTRL, &ctrl));
		grandchild = CHECK_FORK();
		if (grandchild == 0) {
			memset(&ctrl, 0, sizeof(ctrl));
			CHECK_OK(sysarch(ARM64_MTE_GETCTRL, &ctrl));
			CHECK_EQ(ctrl.mode, MTE_MODE_SYNC);
			CHECK_EQ(ctrl.include, MTE_INCLUDE);
			check_child_exit();
		}
		CHECK_WAIT_EXIT(grandchild, 0);
		if (check_failures != 0)
			check_child_exit();
		execve(SELF, argv, envp);
		_exit(126);
	}
	CHECK_WAIT_EXIT(pid, 0);
}

/* Path, argv, its strings and envp may all be tagged pointers (docs/abi.md section 2.4). */
static void
test_tagged_exec(void)
{
	static char path[] = SELF;
	static char a0[] = SELF, a1[] = "child", a2[] = "tagged";
	static char a3[] = "tagged-arg", e0[] = "TAG=1";
	char *argv[5], *envp[2];
	pid_t pid;

	argv[0] = TAGGED(a0, 0x01);
	argv[1] = TAGGED(a1, 0x0f);
	argv[2] = a2;
	argv[3] = TAGGED(a3, 0xa5);
	argv[4] = NULL;
	envp[0] = TAGGED(e0, 0x3c);
	envp[1] = NULL;
	pid = CHECK_FORK();
	if (pid == 0) {
		execve(TAGGED(path, 0x02), TAGGED(argv, 0x03),
		    TAGGED(envp, 0xf4));
		printf("FAIL %s:%d: tagged execve: errno %d (%s)\n", __FILE__,
		    __LINE__, errno, strerror(errno));
		_exit(126);
	}
	CHECK_WAIT_EXIT(pid, 0);
}

/* A thread that sleeps until exec ends it. */
static void *
sleeper(void *arg)
{
	struct timespec ts = { 0, 10 * 1000 * 1000 };

	(void)arg;
	for (;;)
		nanosleep(&ts, NULL);
	return (NULL);
}

/*
 * exec keeps pid and parent, also when called from a process with other
 * threads, which exec ends.
 */
static void
test_pid_kept(void)
{
	char *argv[6], *envp[] = { NULL };
	char spid[12], sppid[12];
	pthread_t t;
	pid_t pid;

	pid = CHECK_FORK();
	if (pid == 0) {
		if (pthread_create(&t, NULL, sleeper, NULL) != 0)
			_exit(124);
		snprintf(spid, sizeof(spid), "%d", getpid());
		snprintf(sppid, sizeof(sppid), "%d", getppid());
		argv[0] = SELF;
		argv[1] = "child";
		argv[2] = "pid";
		argv[3] = spid;
		argv[4] = sppid;
		argv[5] = NULL;
		execve(SELF, argv, envp);
		_exit(126);
	}
	CHECK_WAIT_EXIT(pid, 0);
}

int
main(int argc, char **argv)
{

	pg = getpagesize();
	if (argc > 1 && strcmp(argv[1], "child") == 0)
		return (child_main(argc, argv));
	test_args();
	test_big_args();
	test_auxv();
	test_exec_fails();
	test_cloexec();
	test_signals_across_exec();
	test_address_space_replaced();
	test_mte_across_exec();
	test_tagged_exec();
	test_pid_kept();
	return (check_done());
}
