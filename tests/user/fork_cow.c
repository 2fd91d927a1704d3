/*
 * fork(2) and wait4(2): after fork each side's writes are its own (copy
 * on write, in both directions, for anonymous memory, data, heap and
 * stack), over many pages and nested generations; wait4 reports exit
 * codes and deaths by signal in FreeBSD's status word, honours WNOHANG
 * and WNOWAIT, and says ECHILD when there is nothing to wait for;
 * getppid follows the parent, and init (pid 1) adopts orphans.
 */
#include <sys/types.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

#define	NPAGES_COW	32		/* pages of the two-way test */
#define	MANY_BYTES	(1024 * 1024)	/* size of the many-pages test */

static size_t pg;		/* the page size */
static char data_page[8192];	/* in .data: copy on write like the rest */

/* Byte j of page i for generation gen: every page and generation differ. */
static char
pattern(int gen, size_t i, size_t j)
{

	return ((char)(gen * 31 + i * 7 + j % 251));
}

/* Fill pages [first, first + n) of the mapping at base with generation gen. */
static void
fill_gen(char *base, size_t first, size_t n, int gen)
{
	size_t i, j;

	for (i = first; i < first + n; i++)
		for (j = 0; j < pg; j++)
			base[i * pg + j] = pattern(gen, i, j);
}

/* True if pages [first, first + n) of the mapping at base hold gen. */
static int
holds_gen(const char *base, size_t first, size_t n, int gen)
{
	size_t i, j;

	for (i = first; i < first + n; i++)
		for (j = 0; j < pg; j++)
			if (base[i * pg + j] != pattern(gen, i, j))
				return (0);
	return (1);
}

/*
 * Parent and child both alive: the child's writes never show in the
 * parent and the parent's never in the child, for anonymous pages, .data,
 * the heap and the stack.
 */
static void
test_cow_both_ways(void)
{
	char stack_buf[256];
	char *anon, *heap;
	struct turns turns;
	pid_t pid;

	anon = CHECK_MAP_ANON(NPAGES_COW * pg);
	heap = malloc(3 * pg);
	CHECK(heap != NULL);
	if (heap == NULL)
		return;
	fill_gen(anon, 0, NPAGES_COW, 1);
	memset(data_page, 'd', sizeof(data_page));
	memset(heap, 'h', 3 * pg);
	memset(stack_buf, 's', sizeof(stack_buf));
	turns_open(&turns);

	pid = CHECK_FORK();
	if (pid == 0) {
		CHECK(holds_gen(anon, 0, NPAGES_COW, 1));
		CHECK_EQ(data_page[4000], 'd');
		CHECK_EQ(heap[2 * pg], 'h');
		CHECK_EQ(stack_buf[100], 's');
		fill_gen(anon, 0, NPAGES_COW, 2);
		memset(data_page, 'D', sizeof(data_page));
		memset(heap, 'H', 3 * pg);
		memset(stack_buf, 'S', sizeof(stack_buf));
		turns_child_pass(&turns);
		/* The parent has written its own generation by now. */
		CHECK(holds_gen(anon, 0, NPAGES_COW, 2));
		CHECK_EQ(data_page[0], 'D');
		CHECK_EQ(data_page[sizeof(data_page) - 1], 'D');
		CHECK_EQ(heap[3 * pg - 1], 'H');
		CHECK_EQ(stack_buf[255], 'S');
		check_child_exit();
	}
	turns_parent_wait(&turns);
	/* The child has written its generation by now. */
	CHECK(holds_gen(anon, 0, NPAGES_COW, 1));
	CHECK_EQ(data_page[0], 'd');
	CHECK_EQ(heap[0], 'h');
	CHECK_EQ(stack_buf[0], 's');
	fill_gen(anon, 0, NPAGES_COW, 3);
	memset(data_page, 'p', sizeof(data_page));
	memset(heap, 'q', 3 * pg);
	memset(stack_buf, 'r', sizeof(stack_buf));
	turns_parent_pass(&turns);
	CHECK_WAIT_EXIT(pid, 0);
	CHECK(holds_gen(anon, 0, NPAGES_COW, 3));
	CHECK_EQ(data_page[8191], 'p');
	CHECK_EQ(heap[pg], 'q');
	CHECK_EQ(stack_buf[200], 'r');

	turns_close(&turns);
	free(heap);
	CHECK_OK(munmap(anon, NPAGES_COW * pg));
}

/*
 * A megabyte: the child rewrites every other page and reads all; the
 * parent's copy is untouched.  A second child only reads.
 */
static void
test_cow_many_pages(void)
{
	size_t i, npages;
	char *p;
	pid_t pid;

	npages = MANY_BYTES / pg;
	p = CHECK_MAP_ANON(npages * pg);
	fill_gen(p, 0, npages, 4);

	pid = CHECK_FORK();
	if (pid == 0) {
		CHECK(holds_gen(p, 0, npages, 4));
		for (i = 0; i < npages; i += 2)
			fill_gen(p, i, 1, 5);
		for (i = 0; i < npages; i++)
			CHECK(holds_gen(p, i, 1, i % 2 == 0 ? 5 : 4));
		check_child_exit();
	}
	CHECK_WAIT_EXIT(pid, 0);
	CHECK(holds_gen(p, 0, npages, 4));

	pid = CHECK_FORK();
	if (pid == 0) {
		CHECK(holds_gen(p, 0, npages, 4));
		check_child_exit();
	}
	/* The parent writes while the reading child may still run. */
	fill_gen(p, 0, npages / 2, 6);
	CHECK_WAIT_EXIT(pid, 0);
	CHECK(holds_gen(p, 0, npages / 2, 6));
	CHECK(holds_gen(p, npages / 2, npages - npages / 2, 4));
	CHECK_OK(munmap(p, npages * pg));
}

/*
 * Three generations: each sees what its parent had at fork, writes its
 * own, and its writes reach neither ancestor.
 */
static void
test_nested(void)
{
	char *p;
	pid_t child, grandchild, me;

	p = CHECK_MAP_ANON(2 * pg);
	p[0] = 'A';
	p[pg] = 'a';
	child = CHECK_FORK();
	if (child == 0) {
		CHECK_EQ(p[0], 'A');
		p[0] = 'B';
		me = getpid();
		grandchild = CHECK_FORK();
		if (grandchild == 0) {
			CHECK_EQ(p[0], 'B');
			CHECK_EQ(p[pg], 'a');
			p[0] = 'C';
			p[pg] = 'c';
			CHECK_EQ(getppid(), me);
			check_child_exit();
		}
		CHECK_WAIT_EXIT(grandchild, 0);
		CHECK_EQ(p[0], 'B');
		CHECK_EQ(p[pg], 'a');
		check_child_exit();
	}
	CHECK_WAIT_EXIT(child, 0);
	CHECK_EQ(p[0], 'A');
	CHECK_EQ(p[pg], 'a');
	CHECK_OK(munmap(p, 2 * pg));
}

/* Sleep in ms-steps for ever: a child that waits to be killed. */
static void __dead2
sleep_forever(void)
{
	struct timespec ts = { 0, 10 * 1000 * 1000 };

	for (;;)
		nanosleep(&ts, NULL);
}

/* wait4's status word: exit codes and deaths by signal (docs/abi.md section 3.4). */
static void
test_wait_status(void)
{
	static const int codes[] = { 0, 1, 42, 127, 255 };
	volatile char *bad;
	size_t k;
	int status;
	pid_t pid;

	for (k = 0; k < sizeof(codes) / sizeof(codes[0]); k++) {
		pid = CHECK_FORK();
		if (pid == 0)
			_exit(codes[k]);
		CHECK_EQ(wait4(pid, &status, 0, NULL), pid);
		CHECK(WIFEXITED(status));
		CHECK(!WIFSIGNALED(status));
		CHECK(!WIFSTOPPED(status));
		CHECK_EQ(WEXITSTATUS(status), codes[k]);
	}

	/* exit(3) and returning from main's caller are the same exit. */
	pid = CHECK_FORK();
	if (pid == 0)
		exit(7);
	CHECK_WAIT_EXIT(pid, 7);

	/* Killed while asleep: WNOHANG sees it running first. */
	pid = CHECK_FORK();
	if (pid == 0)
		sleep_forever();
	CHECK_EQ(wait4(pid, &status, WNOHANG, NULL), 0);
	CHECK_OK(kill(pid, SIGKILL));
	CHECK_EQ(wait4(pid, &status, 0, NULL), pid);
	CHECK(WIFSIGNALED(status));
	CHECK(!WIFEXITED(status));
	CHECK_EQ(WTERMSIG(status), SIGKILL);

	/* SIGTERM and SIGUSR1 left at their default action end a process. */
	pid = CHECK_FORK();
	if (pid == 0)
		sleep_forever();
	CHECK_OK(kill(pid, SIGTERM));
	CHECK_WAIT_SIGNAL(pid, SIGTERM);
	pid = CHECK_FORK();
	if (pid == 0) {
		kill(getpid(), SIGUSR1);
		_exit(0);
	}
	CHECK_WAIT_SIGNAL(pid, SIGUSR1);

	/* A fault with no handler: death by SIGSEGV, whatever the address. */
	bad = CHECK_MAP_ANON(pg);
	CHECK_OK(munmap((void *)bad, pg));
	pid = CHECK_FORK();
	if (pid == 0) {
		*bad = 1;
		_exit(0);
	}
	CHECK_WAIT_SIGNAL(pid, SIGSEGV);

	pid = CHECK_FORK();
	if (pid == 0)
		abort();
	CHECK_WAIT_SIGNAL(pid, SIGABRT);
}

/*
 * getppid is the parent's pid; when the parent exits first the child is
 * init's (pid 1).  The orphan is left for init to reap.
 */
static void
test_getppid(void)
{
	struct timespec ts = { 0, 5 * 1000 * 1000 };
	pid_t child, grandchild, parent, ppid;
	int fds[2], i;

	parent = getpid();
	CHECK(parent > 0);
	child = CHECK_FORK();
	if (child == 0) {
		CHECK_EQ(getppid(), parent);
		CHECK(getpid() != parent);
		check_child_exit();
	}
	CHECK(child > 0 && child != parent);
	CHECK_WAIT_EXIT(child, 0);

	CHECK_OK(pipe2(fds, 0));
	child = CHECK_FORK();
	if (child == 0) {
		grandchild = fork();
		if (grandchild == 0) {
			/* Up to 2 s for the parent's exit to reparent us. */
			for (i = 0; i < 400 && getppid() != 1; i++)
				nanosleep(&ts, NULL);
			ppid = getppid();
			write(fds[1], &ppid, sizeof(ppid));
			_exit(0);
		}
		_exit(grandchild > 0 ? 0 : 1);
	}
	CHECK_WAIT_EXIT(child, 0);
	close(fds[1]);
	ppid = -1;
	CHECK_EQ(read(fds[0], &ppid, sizeof(ppid)), sizeof(ppid));
	CHECK_EQ(ppid, 1);
	close(fds[0]);
	/* The grandchild was init's, not ours. */
	CHECK_ERRNO(waitpid(-1, NULL, WNOHANG), ECHILD);
}

/*
 * WNOHANG, WNOWAIT, waiting for any child, and ECHILD when there is no
 * child to wait for (kern_wait6()).  Unknown options are EINVAL.
 */
static void
test_wait_options(void)
{
	pid_t pids[3], pid, w;
	int found[3], i, j, status;

	CHECK_ERRNO(wait4(-1, &status, 0, NULL), ECHILD);
	CHECK_ERRNO(wait4(-1, &status, WNOHANG, NULL), ECHILD);
	CHECK_ERRNO(waitpid(getpid(), &status, 0), ECHILD);
	CHECK_ERRNO(waitpid(1, &status, WNOHANG), ECHILD);

	pid = CHECK_FORK();
	if (pid == 0) {
		struct timespec ts = { 0, 50 * 1000 * 1000 };

		nanosleep(&ts, NULL);
		_exit(3);
	}
	CHECK_ERRNO(wait4(pid, &status, 0x1000, NULL), EINVAL);
	/* Poll until it is gone; then WNOWAIT leaves it to be waited again. */
	w = 0;
	for (i = 0; i < 1000; i++) {
		struct timespec ts = { 0, 2 * 1000 * 1000 };

		w = wait4(pid, &status, WNOHANG | WNOWAIT, NULL);
		if (w != 0)
			break;
		nanosleep(&ts, NULL);
	}
	CHECK_EQ(w, pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 3);
	status = 0;
	CHECK_EQ(wait4(pid, &status, 0, NULL), pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 3);
	CHECK_ERRNO(wait4(pid, &status, WNOHANG, NULL), ECHILD);

	/* Three children, collected by wait(-1) in whatever order. */
	for (i = 0; i < 3; i++) {
		pids[i] = CHECK_FORK();
		if (pids[i] == 0)
			_exit(10 + i);
		found[i] = 0;
	}
	for (j = 0; j < 3; j++) {
		w = wait(&status);
		for (i = 0; i < 3; i++)
			if (w == pids[i]) {
				found[i]++;
				CHECK(WIFEXITED(status));
				CHECK_EQ(WEXITSTATUS(status), 10 + i);
			}
	}
	for (i = 0; i < 3; i++)
		CHECK_EQ(found[i], 1);
	CHECK_ERRNO(wait(NULL), ECHILD);

	/* A NULL status pointer is allowed. */
	pid = CHECK_FORK();
	if (pid == 0)
		_exit(0);
	CHECK_EQ(waitpid(pid, NULL, 0), pid);
}

/* Thirty forks in a row, each child checking a value the parent set. */
static void
test_fork_loop(void)
{
	volatile int value;
	pid_t pid;
	int i;

	for (i = 0; i < 30; i++) {
		value = i * 3;
		pid = CHECK_FORK();
		if (pid == 0)
			_exit(value == i * 3 ? i : 200);
		CHECK_WAIT_EXIT(pid, i);
	}
}

int
main(void)
{

	pg = getpagesize();
	test_cow_both_ways();
	test_cow_many_pages();
	test_nested();
	test_wait_status();
	test_getppid();
	test_wait_options();
	test_fork_loop();
	return (check_done());
}
