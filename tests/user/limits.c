/*
 * Resource limits and memory constants (docs/abi.md sections 3.1, 3.8,
 * 4.4): getrlimit/setrlimit and their errors, RLIMIT_NOFILE, RLIMIT_NPROC,
 * RLIMIT_AS, RLIMIT_DATA and RLIMIT_STACK enforced, getpagesizes and
 * hw.pagesizes, hw.physmem, PAGE_SIZE, MAP_RESERVED0080, and page zero: refused
 * unless security.bsd.map_at_zero allows it for new images.
 *
 * The program is its own helper: "/tests/limits stack" touches its stack
 * below a 256 KiB RLIMIT_STACK; "/tests/limits zero" maps page zero.
 */
#include <sys/types.h>
#include <sys/mman.h>
#include <sys/param.h>
#include <sys/resource.h>
#include <sys/sysctl.h>
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "check.h"

#define	SELF	"/tests/limits"

/* Run SELF with mode in a child; returns its wait status. */
static int
run_self(const char *mode)
{
	char *argv[] = { SELF, (char *)(uintptr_t)mode, NULL };
	char *envp[] = { NULL };
	pid_t pid = CHECK_FORK();

	if (pid == 0) {
		execve(SELF, argv, envp);
		_exit(100 + errno);
	}
	return (check_wait(pid));
}

/* getrlimit/setrlimit themselves. */
static void
test_rlimit_calls(void)
{
	struct rlimit rl, saved;

	CHECK_OK(getrlimit(RLIMIT_NOFILE, &rl));
	CHECK(rl.rlim_cur > 3 && rl.rlim_cur <= rl.rlim_max);
	CHECK_OK(getrlimit(RLIMIT_AS, &rl));
	CHECK_EQ(rl.rlim_cur, RLIM_INFINITY);
	CHECK_ERRNO(getrlimit(RLIM_NLIMITS, &rl), EINVAL);
	CHECK_ERRNO(getrlimit(-1, &rl), EINVAL);
	CHECK_ERRNO(getrlimit(RLIMIT_CPU, (void *)16), EFAULT);
	CHECK_ERRNO(setrlimit(RLIMIT_CPU, (void *)16), EFAULT);
	CHECK_ERRNO(setrlimit(RLIM_NLIMITS, &rl), EINVAL);

	CHECK_OK(getrlimit(RLIMIT_CORE, &saved));
	rl.rlim_cur = 200;
	rl.rlim_max = 100;
	CHECK_ERRNO(setrlimit(RLIMIT_CORE, &rl), EINVAL);	/* cur > max */
	rl.rlim_cur = 100;
	CHECK_OK(setrlimit(RLIMIT_CORE, &rl));
	CHECK_OK(getrlimit(RLIMIT_CORE, &rl));
	CHECK_EQ(rl.rlim_cur, 100);
	CHECK_EQ(rl.rlim_max, 100);
	/* Inherited by fork. */
	pid_t pid = CHECK_FORK();
	if (pid == 0) {
		CHECK_OK(getrlimit(RLIMIT_CORE, &rl));
		CHECK_EQ(rl.rlim_max, 100);
		check_child_exit();
	}
	CHECK_WAIT_EXIT(pid, 0);
	/* A negative value is RLIM_INFINITY, as FreeBSD. */
	rl.rlim_cur = -5;
	rl.rlim_max = -5;
	CHECK_OK(setrlimit(RLIMIT_CORE, &rl));
	CHECK_OK(getrlimit(RLIMIT_CORE, &rl));
	CHECK_EQ(rl.rlim_cur, RLIM_INFINITY);
	CHECK_OK(setrlimit(RLIMIT_CORE, &saved));
}

/* RLIMIT_NOFILE: no descriptor at or above the limit. */
static void
test_nofile(void)
{
	struct rlimit rl = { 6, 6 };
	pid_t pid = CHECK_FORK();
	int fds[2], i;

	if (pid == 0) {
		CHECK_OK(setrlimit(RLIMIT_NOFILE, &rl));
		/* 0, 1, 2 are open: one more pipe fits (3, 4), then 5 and
		   no room for its other end. */
		CHECK_OK(pipe(fds));
		CHECK(fds[0] < 6 && fds[1] < 6);
		CHECK_ERRNO(pipe(fds), EMFILE);
		for (i = 3; i < 6; i++)
			close(i);
		CHECK_OK(pipe(fds));
		check_child_exit();
	}
	CHECK_WAIT_EXIT(pid, 0);
}

/* RLIMIT_NPROC: fork fails with EAGAIN once that many processes exist. */
static void
test_nproc(void)
{
	struct rlimit rl = { 1, 1 };
	pid_t pid = CHECK_FORK();

	if (pid == 0) {
		CHECK_OK(setrlimit(RLIMIT_NPROC, &rl));
		CHECK_ERRNO(fork(), EAGAIN);
		rl.rlim_cur = rl.rlim_max = RLIM_INFINITY;
		CHECK_OK(setrlimit(RLIMIT_NPROC, &rl));
		CHECK_OK(getrlimit(RLIMIT_NPROC, &rl));
		CHECK(rl.rlim_cur != RLIM_INFINITY);	/* capped */
		check_child_exit();
	}
	CHECK_WAIT_EXIT(pid, 0);
}

/* RLIMIT_AS bounds mmap; RLIMIT_AS and RLIMIT_DATA bound exec. */
static void
test_as_data(void)
{
	struct rlimit rl;
	size_t pg = getpagesize();
	pid_t pid = CHECK_FORK();
	void *p;

	if (pid == 0) {
		rl.rlim_cur = rl.rlim_max = 64UL << 20;
		CHECK_OK(setrlimit(RLIMIT_AS, &rl));
		CHECK_ERRNO(mmap(NULL, 64UL << 20, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANON, -1, 0), ENOMEM);
		p = mmap(NULL, pg, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANON, -1, 0);
		CHECK(p != MAP_FAILED);
		/* The 8 MiB stack alone is over 4 MiB: exec fails. */
		rl.rlim_cur = rl.rlim_max = 4UL << 20;
		CHECK_OK(setrlimit(RLIMIT_AS, &rl));
		CHECK_ERRNO(execve(SELF, (char *[]){ SELF, "nothing", NULL },
		    (char *[]){ NULL }), ENOMEM);
		rl.rlim_cur = rl.rlim_max = RLIM_INFINITY;
		CHECK_OK(setrlimit(RLIMIT_AS, &rl));
		rl.rlim_cur = rl.rlim_max = 0;
		CHECK_OK(setrlimit(RLIMIT_DATA, &rl));
		CHECK_ERRNO(execve(SELF, (char *[]){ SELF, "nothing", NULL },
		    (char *[]){ NULL }), ENOMEM);
		check_child_exit();
	}
	CHECK_WAIT_EXIT(pid, 0);
}

/* The "stack" helper: touch 512 KiB below here, past a 256 KiB limit. */
static void __dead2
helper_stack(void)
{
	volatile char *deep = (volatile char *)__builtin_frame_address(0) -
	    (512 << 10);

	*deep = 1;
	_exit(0);
}

/* RLIMIT_STACK is the size of the stack exec maps. */
static void
test_stack(void)
{
	struct rlimit rl, saved;
	int status;

	CHECK_OK(getrlimit(RLIMIT_STACK, &saved));
	CHECK_EQ(saved.rlim_cur, 8 << 20);
	rl.rlim_cur = 256 << 10;
	rl.rlim_max = saved.rlim_max;
	CHECK_OK(setrlimit(RLIMIT_STACK, &rl));
	status = run_self("stack");
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV);
	CHECK_OK(setrlimit(RLIMIT_STACK, &saved));
	status = run_self("stack");
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

/* getpagesizes, hw.pagesizes, hw.physmem and the <sys/param.h> constants. */
static void
test_pagesizes(void)
{
	size_t ps[MAXPAGESIZES + 2];
	u_long sizes[MAXPAGESIZES], physmem;
	size_t len = sizeof(sizes);
	u_int pages;
	int n;

	CHECK_EQ(PAGE_SIZE, getpagesize());
	CHECK_EQ(PAGE_SIZE, 1 << PAGE_SHIFT);
	CHECK_EQ(PAGE_MASK, PAGE_SIZE - 1);
	CHECK_EQ(round_page(1), PAGE_SIZE);
	CHECK_EQ(trunc_page(PAGE_SIZE + 1), PAGE_SIZE);
	n = getpagesizes(NULL, 0);
	CHECK(n >= 1 && n <= MAXPAGESIZES);
	memset(ps, 0, sizeof(ps));
	CHECK_EQ(getpagesizes(ps, MAXPAGESIZES + 2), n);
	CHECK_EQ(ps[0], PAGE_SIZE);
	if (n > 1)
		CHECK(ps[1] > ps[0]);
	CHECK_EQ(getpagesizes(ps, 1), 1);
	CHECK_ERRNO(getpagesizes(NULL, 1), EINVAL);
	CHECK_ERRNO(getpagesizes(ps, -1), EINVAL);
	CHECK_OK(sysctlbyname("hw.pagesizes", sizes, &len, NULL, 0));
	CHECK_EQ(len, (size_t)n * sizeof(u_long));
	CHECK_EQ(sizes[0], PAGE_SIZE);
	len = 1;
	CHECK_ERRNO(sysctlbyname("hw.pagesizes", sizes, &len, NULL, 0),
	    ENOMEM);
	/* hw.physmem: bytes of RAM, at least the pages the VM manages. */
	len = sizeof(physmem);
	CHECK_OK(sysctlbyname("hw.physmem", &physmem, &len, NULL, 0));
	CHECK_EQ(len, sizeof(u_long));
	len = sizeof(pages);
	CHECK_OK(sysctlbyname("vm.stats.vm.v_page_count", &pages, &len,
	    NULL, 0));
	CHECK(physmem % PAGE_SIZE == 0);
	CHECK(physmem >= (u_long)pages * PAGE_SIZE);
	/* mmap's retired flags: FreeBSD refuses them. */
	CHECK_EQ(MAP_RESERVED0080, 0x80);
	CHECK_ERRNO(mmap(NULL, PAGE_SIZE, PROT_READ, MAP_PRIVATE | MAP_ANON |
	    MAP_RESERVED0080, -1, 0), EINVAL);
	CHECK_ERRNO(mmap(NULL, PAGE_SIZE, PROT_READ, MAP_PRIVATE | MAP_ANON |
	    MAP_RESERVED0100, -1, 0), EINVAL);
}

/* The "zero" helper: map page zero, write it, report. */
static void __dead2
helper_zero(void)
{
	volatile char *p = mmap(NULL, PAGE_SIZE, PROT_READ | PROT_WRITE,
	    MAP_FIXED | MAP_PRIVATE | MAP_ANON, -1, 0);

	if (p != NULL)
		_exit(1);
	p[1] = 5;
	_exit(p[1] == 5 ? 0 : 2);
}

/* Page zero: refused, never chosen, unless the sysctl allows it. */
static void
test_map_at_zero(void)
{
	int val = -1, one = 1, zero = 0, status;
	size_t len = sizeof(val);
	void *p;

	CHECK_ERRNO(mmap(NULL, PAGE_SIZE, PROT_READ, MAP_FIXED | MAP_PRIVATE |
	    MAP_ANON, -1, 0), EINVAL);
	/* From page one up is fine. */
	p = mmap((void *)PAGE_SIZE, PAGE_SIZE, PROT_READ, MAP_FIXED |
	    MAP_PRIVATE | MAP_ANON, -1, 0);
	CHECK_EQ((uintptr_t)p, PAGE_SIZE);
	CHECK_OK(munmap(p, PAGE_SIZE));
	p = mmap(NULL, PAGE_SIZE, PROT_READ, MAP_PRIVATE | MAP_ANON, -1, 0);
	CHECK(p != MAP_FAILED && p != NULL);
	CHECK_OK(sysctlbyname("security.bsd.map_at_zero", &val, &len, NULL,
	    0));
	CHECK_EQ(val, 0);
	CHECK_EQ(len, sizeof(int));
	/* Read-only variables, wrong sizes. */
	CHECK_ERRNO(sysctlbyname("hw.ncpu", NULL, NULL, &one, sizeof(one)),
	    EPERM);
	CHECK_ERRNO(sysctlbyname("security.bsd.map_at_zero", NULL, NULL,
	    &one, 1), EINVAL);
	CHECK_ERRNO(sysctlbyname("security.bsd.map_at_zero", NULL, NULL,
	    (void *)16, sizeof(int)), EFAULT);
	status = run_self("zero");
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 1);

	/* Allowed for images exec'd after the change, as FreeBSD. */
	CHECK_OK(sysctlbyname("security.bsd.map_at_zero", NULL, NULL, &one,
	    sizeof(one)));
	len = sizeof(val);
	CHECK_OK(sysctlbyname("security.bsd.map_at_zero", &val, &len, NULL,
	    0));
	CHECK_EQ(val, 1);
	status = run_self("zero");
	CHECK_OK(sysctlbyname("security.bsd.map_at_zero", NULL, NULL, &zero,
	    sizeof(zero)));
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	len = sizeof(val);
	CHECK_OK(sysctlbyname("security.bsd.map_at_zero", &val, &len, NULL,
	    0));
	CHECK_EQ(val, 0);
	/* This image was exec'd before: still refused here. */
	CHECK_ERRNO(mmap(NULL, PAGE_SIZE, PROT_READ, MAP_FIXED | MAP_PRIVATE |
	    MAP_ANON, -1, 0), EINVAL);
}

int
main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "stack") == 0)
		helper_stack();
	if (argc > 1 && strcmp(argv[1], "zero") == 0)
		helper_zero();
	if (argc > 1)
		_exit(0);
	test_rlimit_calls();
	test_nofile();
	test_nproc();
	test_as_data();
	test_stack();
	test_pagesizes();
	test_map_at_zero();
	return (check_done());
}
