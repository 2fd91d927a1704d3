/*
 * Memory exhaustion (docs/robustness.md): when memory runs out a call
 * fails with ENOMEM or EAGAIN, or the faulting process gets SIGBUS
 * BUS_OOMERR; never a panic or a hang, and once the memory is back a
 * fresh program runs correctly.
 *
 *  1. A "hog" child touches the pages of a mapping twice the size of free
 *     memory until it takes SIGBUS BUS_OOMERR, and keeps what it got.
 *  2. Then helpers, forked beforehand with their stacks resident, each
 *     drive one resource until it fails: touching new pages (tagged ones
 *     too), exec, fork, pipe2, shm_open with a mapping touched; each must
 *     fail cleanly, and keeps what it got until the end.  One more has a
 *     thread thr_exit with its state word on a never-touched page: the
 *     store cannot be made, so the thread must get SIGBUS BUS_OOMERR at
 *     that word instead of leaving silently (its joiner would wait for
 *     ever on the 0 it reads).
 *  3. Once all have exited: a fresh program (this one, exec'd with
 *     "child") runs, and memory, pipes and shared memory work again.
 *
 * Bounded in time by the RAM it must fill: it runs where RAM is at most
 * MAX_RAM_MB (tools/run-tests.sh boots a 128 MiB machine for it, with no
 * swap and the OOM killer off: vm.oom_kill=0) and says it skips elsewhere.
 */
#include <sys/types.h>
#include <sys/mman.h>
#include <sys/sysctl.h>
#include <sys/thr.h>
#include <sys/umtx.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <setjmp.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "thr_park.h"

#define	SELF		"/tests/exhaust"
#define	MAX_RAM_MB	256
#define	WATCHDOG_SECS	300
#define	STACK_PREFAULT	(64 * 1024)	/* stack bytes made resident early */
#define	EXEC_OK		42		/* exit code: the exec'd image ran */
#define	MAX_PIPES	64
#define	THREAD_STACK	(16 * 1024)	/* the thr_exit helper's thread */

static size_t pg;			/* the page size */
static sigjmp_buf hog_env;

/* Make STACK_PREFAULT bytes of stack below the caller resident. */
static void __attribute__((noinline))
prefault_stack(void)
{
	volatile char buf[STACK_PREFAULT];
	size_t i;

	for (i = 0; i < sizeof(buf); i += 512)
		buf[i] = 1;
}

extern char __ehdr_start[], etext[], _end[];

/*
 * Write to every page of the stack near the caller and of the data and
 * bss segment (from _end down to the gap after the text), so that fork's
 * copy-on-write sharing is undone and later writes need no new page; and
 * read every page of the read-only data and the text, so that they are
 * mapped: a fork child maps its program's pages afresh, and with memory
 * exhausted even mapping a resident page can fail for want of a page
 * table or a pv entry (SIGBUS BUS_OOMERR at, say, a switch's jump table).
 */
static void
own_writable_pages(void)
{
	uintptr_t a, text_end = ((uintptr_t)etext + pg - 1) & ~(pg - 1);
	char v;

	prefault_stack();
	for (a = ((uintptr_t)_end - 1) & ~(pg - 1); a >= text_end &&
	    mincore((void *)a, pg, &v) == 0; a -= pg)
		*(volatile char *)a = *(volatile char *)a;
	for (a = (uintptr_t)__ehdr_start & ~(pg - 1); a < text_end; a += pg)
		if (mincore((void *)a, pg, &v) == 0)
			(void)*(volatile char *)a;
}

/* Write one byte to every page of [p, p + len) in order; the pages done. */
static size_t
touch_pages(char *p, size_t len)
{
	size_t off;

	for (off = 0; off < len; off += pg)
		((volatile char *)p)[off] = 1;
	return (len / pg);
}

/* A mapping twice the size of free memory, never touched yet. */
static char *
map_twice_free(size_t *lenp)
{
	*lenp = 2 * CHECK_SYSCTL("vm.stats.vm.v_free_count") * pg;
	return (mmap(NULL, *lenp, PROT_READ | PROT_WRITE, MAP_PRIVATE |
	    MAP_ANON, -1, 0));
}

static void
hog_on_sigbus(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	siglongjmp(hog_env, si->si_code == BUS_OOMERR ? 1 : 2);
}

/* Catch SIGBUS with handler, and make the stack resident for it. */
static void
catch_sigbus(void (*handler)(int, siginfo_t *, void *))
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = handler;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGBUS, &sa, NULL) != 0)
		_exit(250);
	own_writable_pages();
}

/*
 * The hog: once told to go, it takes every page it can (touching a
 * mapping twice the size of free memory until SIGBUS), says on ready
 * whether the fault was BUS_OOMERR ('y') or not ('n'), and keeps the
 * pages until ctl's write end closes.
 */
static void __dead2
hog_main(int go, int ready, int ctl)
{
	size_t len;
	char *p, c;
	int r;

	catch_sigbus(hog_on_sigbus);
	if (read(go, &c, 1) != 1)
		_exit(251);
	p = map_twice_free(&len);
	if (p == MAP_FAILED)
		_exit(3);
	r = sigsetjmp(hog_env, 1);
	if (r == 0) {
		touch_pages(p, len);
		_exit(4);	/* all of twice the free memory: impossible */
	}
	c = r == 1 ? 'y' : 'n';
	(void)write(ready, &c, 1);
	(void)read(ctl, &c, 1);
	_exit(0);
}

/* What a helper tries while the hog holds the memory. */
enum attempt {
	TRY_TOUCH,	/* touch new pages until SIGBUS BUS_OOMERR */
	TRY_TOUCH_MTE,	/* the same with PROT_MTE (pages zeroed with tags) */
	TRY_EXEC,	/* execve: ENOMEM, the old image still runs */
	TRY_FORK,	/* fork until it fails: ENOMEM or EAGAIN */
	TRY_PIPES,	/* pipe2 until it fails: ENOMEM (or EMFILE) */
	TRY_SHM,	/* shm_open + map + touch until one step fails */
	TRY_THR_EXIT,	/* thr_exit storing to a new page: SIGBUS BUS_OOMERR */
	ATTEMPTS
};

static const char *const attempt_names[ATTEMPTS] = {
	"touch", "touch PROT_MTE", "exec", "fork", "pipe2", "shm_open",
	"thr_exit",
};

#define	UNARMED_SIGBUS	210	/* a helper's code: SIGBUS outside a touch */

static volatile sig_atomic_t helper_sigbus_code;
static volatile sig_atomic_t helper_armed;	/* helper_env is set */
static sigjmp_buf helper_env;
static int helper_result = -1;		/* the result pipe's write end */

/*
 * SIGBUS in a helper: back to try_touch if it is touching, else report a
 * fault nobody expected on the result pipe and end (never a jump through
 * an unset helper_env).
 */
static void
helper_on_sigbus(int sig, siginfo_t *si, void *uc)
{
	char c = UNARMED_SIGBUS;

	(void)sig;
	(void)uc;
	helper_sigbus_code = si->si_code;
	if (helper_armed)
		siglongjmp(helper_env, 1);
	(void)write(helper_result, &c, 1);
	_exit(1);
}

/*
 * Touch the pages of a new mapping of len bytes with prot (of fd's object
 * if fd >= 0) until one fails.  Returns 0 if all worked, ENOMEM if the
 * mapping was refused, EFAULT if a touch raised SIGBUS BUS_OOMERR, else
 * -1.
 */
static int
try_touch(int fd, size_t len, int prot)
{
	char *p;

	p = mmap(NULL, len, prot, fd >= 0 ? MAP_SHARED :
	    MAP_PRIVATE | MAP_ANON, fd, 0);
	if (p == MAP_FAILED)
		return (errno == ENOMEM ? ENOMEM : -1);
	helper_sigbus_code = 0;
	if (sigsetjmp(helper_env, 1) == 0) {
		helper_armed = 1;
		touch_pages(p, len);
		helper_armed = 0;
		return (0);
	}
	helper_armed = 0;
	return (helper_sigbus_code == BUS_OOMERR ? EFAULT : -1);
}

/*
 * The thr_exit attempt's thread: park(state) (thr_park.h) sleeps until
 * park_release is set, then calls thr_exit(state) again and again.  Raw
 * system calls: the thread has no TLS (no errno).  Its SIGBUS handler,
 * thr_on_sigbus, records what it got and ends the thread with
 * thr_exit(NULL).
 */
static long thr_tid;
static long *thr_state;		/* never touched before thr_exit */
static volatile long thr_sigbus_code, thr_sigbus_addr;
static char thr_stack[THREAD_STACK] __aligned(16);

void thr_leave(void) __dead2;
__asm__(
	"	.text\n"
	"	.p2align 2\n"
	"	.globl	thr_leave\n"
	"	.type	thr_leave, %function\n"
	"thr_leave:\n"
	"	mov	x0, #0\n"
	"	mov	x8, #431\n"		/* SYS_thr_exit(NULL) */
	"	svc	#0\n"
	"	b	thr_leave\n"
	"	.size	thr_leave, . - thr_leave\n");

static void
thr_on_sigbus(int sig, siginfo_t *si, void *uc)
{
	char here;

	if (&here < thr_stack || &here >= thr_stack + sizeof(thr_stack)) {
		/* Not the parked thread: the helper itself faulted. */
		helper_on_sigbus(sig, si, uc);
		return;
	}
	thr_sigbus_code = si->si_code;
	thr_sigbus_addr = (long)si->si_addr;
	thr_leave();
}

/*
 * Before memory runs out: start the parked thread, its stack and every
 * page it touches resident.
 */
static int
thr_exit_prepare(void)
{
	struct thr_param param;

	thr_state = mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_PRIVATE |
	    MAP_ANON, -1, 0);
	if (thr_state == MAP_FAILED)
		return (-1);
	memset(thr_stack, 0, sizeof(thr_stack));
	memset(&param, 0, sizeof(param));
	param.start_func = park;
	param.arg = thr_state;
	param.stack_base = thr_stack;
	param.stack_size = sizeof(thr_stack);
	param.child_tid = &thr_tid;
	return (thr_new(&param, sizeof(param)));
}

/*
 * With memory exhausted (and to be sure, every page this process can
 * still get taken too): release the parked thread, whose thr_exit must
 * store to its never-touched state page, and wait until it is gone.  0 if
 * it got SIGBUS BUS_OOMERR at its state word first; 204 if it left
 * without (the store was lost, and a joiner would wait for ever).
 */
static int
thr_exit_try(void)
{
	int r;

	r = try_touch(-1,
	    2 * CHECK_SYSCTL("vm.stats.vm.v_free_count") * pg + pg,
	    PROT_READ | PROT_WRITE);
	if (r != ENOMEM && r != EFAULT)
		return (100 + r);
	__atomic_store_n(&park_release, 1, __ATOMIC_RELEASE);
	(void)_umtx_op(&park_release, UMTX_OP_WAKE, INT_MAX, NULL, NULL);
	while (thr_kill(thr_tid, 0) == 0)
		(void)sched_yield();
	if (thr_sigbus_code == BUS_OOMERR &&
	    thr_sigbus_addr == (long)thr_state)
		return (0);
	return (204);
}

/*
 * A helper's attempt.  Returns 0 if the resource failed as it must, else
 * a code saying what went wrong (an unexpected errno, or 200 and up: it
 * never failed).  An exec that gets through after all (memory came back)
 * reports EXEC_OK from the new image through result.
 */
static int
helper_try(enum attempt what, int result)
{
	char fdarg[16];
	char *const argv[] = { SELF, "child", fdarg, NULL };
	int fds[2 * MAX_PIPES], hold[2], i, n, r, fd;
	size_t len;
	pid_t pid;

	switch (what) {
	case TRY_TOUCH:
	case TRY_TOUCH_MTE:
		if (what == TRY_TOUCH_MTE && !check_have_mte())
			return (0);
		len = 2 * CHECK_SYSCTL("vm.stats.vm.v_free_count") * pg + pg;
		r = try_touch(-1, len, PROT_READ | PROT_WRITE |
		    (what == TRY_TOUCH_MTE ? PROT_MTE : 0));
		return (r == ENOMEM || r == EFAULT ? 0 : 100 + r);
	case TRY_EXEC:
		snprintf(fdarg, sizeof(fdarg), "%d", result);
		execve(SELF, argv, NULL);
		return (errno == ENOMEM ? 0 : errno);
	case TRY_FORK:
		/* The children live until the helper closes hold[1]. */
		if (pipe2(hold, 0) != 0)
			return (errno == ENOMEM ? 0 : errno);
		for (i = 0, r = 200; i < 1000 && r == 200; i++) {
			pid = fork();
			if (pid == 0) {
				close(hold[1]);
				(void)read(hold[0], &i, 1);
				_exit(0);
			}
			if (pid == -1)
				r = errno == ENOMEM || errno == EAGAIN ? 0 :
				    errno;
		}
		close(hold[1]);
		while (waitpid(-1, NULL, 0) > 0)
			;
		return (r);
	case TRY_PIPES:
		for (n = 0; n < MAX_PIPES; n++)
			if (pipe2(&fds[2 * n], 0) != 0)
				return (errno == ENOMEM || errno == EMFILE ?
				    0 : errno);
		return (201);
	case TRY_SHM:
		for (i = 0; i < 100000; i++) {
			fd = shm_open(SHM_ANON, O_RDWR, 0600);
			if (fd < 0)
				return (errno == ENOMEM || errno == EMFILE ?
				    0 : errno);
			if (ftruncate(fd, 16 * pg) != 0)
				return (errno == ENOMEM ? 0 : errno);
			r = try_touch(fd, 16 * pg, PROT_READ | PROT_WRITE);
			if (r != 0)
				return (r == ENOMEM || r == EFAULT ? 0 :
				    100 + r);
		}
		return (202);
	case TRY_THR_EXIT:
		return (thr_exit_try());
	default:
		return (203);
	}
}

/*
 * A helper: once told to go, make its attempt, report its code on
 * result, and keep what it got until ctl's write end closes.
 */
static void __dead2
helper_main(enum attempt what, int go, int result, int ctl)
{
	char c;

	helper_result = result;
	catch_sigbus(what == TRY_THR_EXIT ? thr_on_sigbus : helper_on_sigbus);
	if (what == TRY_THR_EXIT && thr_exit_prepare() != 0)
		_exit(252);
	if (read(go, &c, 1) != 1)
		_exit(251);
	c = (char)helper_try(what, result);
	(void)write(result, &c, 1);
	(void)read(ctl, &c, 1);
	_exit(0);
}

/*
 * 1 and 2: fork the helpers and the hog, own every writable page (so
 * that no write of this process needs a page from now on: fork left them
 * shared copy-on-write), let the hog fill memory, then run each helper's
 * attempt in turn, the memory each one got still held.  Each child has
 * its own result pipe whose write end only it holds, so one that dies
 * before it reports is an end of file here, not a wait for ever.
 */
static void
test_under_exhaustion(void)
{
	int go[ATTEMPTS + 1][2], result[ATTEMPTS + 1][2], ctl[2], i, j, n;
	int status;
	pid_t pids[ATTEMPTS + 1];
	char c;

	CHECK_OK(pipe2(ctl, 0));
	for (i = 0; i <= ATTEMPTS; i++) {
		CHECK_OK(pipe2(go[i], 0));
		CHECK_OK(pipe2(result[i], 0));
		pids[i] = CHECK_FORK();
		if (pids[i] != 0) {
			close(result[i][1]);
			continue;
		}
		close(ctl[1]);
		for (j = 0; j < i; j++)
			close(result[j][0]);
		close(result[i][0]);
		if (i == ATTEMPTS)
			hog_main(go[i][0], result[i][1], ctl[0]);
		helper_main((enum attempt)i, go[i][0], result[i][1], ctl[0]);
	}
	close(ctl[0]);
	own_writable_pages();

	CHECK_EQ(write(go[ATTEMPTS][1], "g", 1), 1);
	c = 0;
	CHECK_EQ(read(result[ATTEMPTS][0], &c, 1), 1);
	CHECK_EQ(c, 'y');		/* the hog's fault was BUS_OOMERR */
	for (i = 0; i < ATTEMPTS; i++) {
		CHECK_EQ(write(go[i][1], "g", 1), 1);
		c = -1;
		n = read(result[i][0], &c, 1);
		printf("exhaust: %s with memory exhausted: %s\n",
		    attempt_names[i], n != 1 ? "died" : c == 0 ?
		    "failed cleanly" : c == EXEC_OK ? "worked" : "wrong");
		check_count++;
		if (n != 1)
			check_fail(__FILE__, __LINE__, "%s with memory "
			    "exhausted: the helper died without a report",
			    attempt_names[i]);
		else if (c != 0 && !(i == TRY_EXEC && c == EXEC_OK))
			check_fail(__FILE__, __LINE__, "%s with memory "
			    "exhausted: code %d (an unexpected errno, 100 and "
			    "up: a touch went wrong, 200 and up: it never "
			    "failed, %d: SIGBUS outside a touch)",
			    attempt_names[i], c, UNARMED_SIGBUS);
	}

	close(ctl[1]);
	for (i = 0; i <= ATTEMPTS; i++) {
		status = check_wait(pids[i]);
		check_count++;
		if (status == -1 || !WIFEXITED(status) ||
		    (WEXITSTATUS(status) != 0 &&
		    WEXITSTATUS(status) != EXEC_OK))
			check_fail(__FILE__, __LINE__, "%s: status %#x",
			    i == ATTEMPTS ? "hog" : attempt_names[i], status);
		close(go[i][0]);
		close(go[i][1]);
		close(result[i][0]);
	}
}

/* 3: everything works again once the memory is back. */
static void
test_recovered(void)
{
	char *const argv[] = { SELF, "child", NULL };
	size_t len = 256 * pg;
	int fds[2], fd;
	char *p, c = 'r';
	pid_t pid;

	pid = CHECK_FORK();
	if (pid == 0) {
		execve(SELF, argv, NULL);
		_exit(126);
	}
	CHECK_WAIT_EXIT(pid, EXEC_OK);
	p = CHECK_MAP_ANON(len);
	CHECK_EQ(touch_pages(p, len), 256);
	CHECK_OK(munmap(p, len));
	CHECK_OK(pipe2(fds, 0));
	CHECK_EQ(write(fds[1], &c, 1), 1);
	c = 0;
	CHECK_EQ(read(fds[0], &c, 1), 1);
	CHECK_EQ(c, 'r');
	close(fds[0]);
	close(fds[1]);
	fd = shm_open(SHM_ANON, O_RDWR, 0600);
	CHECK(fd >= 0);
	CHECK_OK(ftruncate(fd, 4 * pg));
	p = CHECK_MMAP(NULL, 4 * pg, PROT_READ | PROT_WRITE, MAP_SHARED, fd,
	    0);
	p[3 * pg] = 's';
	CHECK_EQ(p[3 * pg], 's');
	close(fd);
}

int
main(int argc, char **argv)
{
	u_long ram_mb;
	pid_t dog;
	char c;

	if (argc > 1 && strcmp(argv[1], "child") == 0) {
		/* A fresh image; with a descriptor, report on it too. */
		if (argc > 2) {
			c = EXEC_OK;
			(void)write(atoi(argv[2]), &c, 1);
		}
		return (EXEC_OK);
	}
	pg = getpagesize();
	ram_mb = CHECK_SYSCTL("vm.stats.vm.v_page_count") * pg >> 20;
	if (ram_mb > MAX_RAM_MB) {
		printf("exhaust: skipped: %lu MiB of RAM, runs at most %d\n",
		    ram_mb, MAX_RAM_MB);
		return (check_done());
	}
	/* With the OOM killer on, the hog is killed instead of failing. */
	if (CHECK_SYSCTL("vm.oom_kill") != 0) {
		printf("exhaust: skipped: the OOM killer is on (boot with "
		    "vm.oom_kill=0)\n");
		return (check_done());
	}
	dog = check_watchdog_start(WATCHDOG_SECS);
	test_under_exhaustion();
	test_recovered();
	check_watchdog_stop(dog);
	return (check_done());
}
