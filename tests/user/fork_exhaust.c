/*
 * Fork until memory runs out: fork fails with ENOMEM or EAGAIN (never a
 * kernel panic, docs/abi.md row 23), and afterwards
 * the system still forks and runs a fresh child.
 *
 * A helper process first takes all but a little of the free memory
 * (touching an INHERIT_NONE mapping, so that forks copy none of it),
 * then forks children until fork fails.  The forking loop and the
 * children are a few instructions of assembly that touch no memory: with
 * memory gone, any store to a page that fork made copy-on-write would
 * fault and need a page, and the helper would die of SIGBUS instead of
 * seeing fork's error.  On failure the loop gives the memory back at
 * once, then the children see end of file on a pipe and exit.
 */
#include <sys/types.h>
#include <sys/mman.h>
#include <sys/sysctl.h>
#include <sys/wait.h>
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "check.h"

#define	RESERVE_PAGES	1024	/* left free before forking: 4 MiB */
#define	MAX_FORKS	20000	/* fork must have failed long before */
#define	MAX_FREE_MB	640	/* more free memory takes too long to fill */

/* What fork_until_failure() returns (in x0 and x1). */
struct fork_result {
	long	forks;		/* children created */
	long	error;		/* fork's errno, 0 if max was reached */
};

/*
 * struct fork_result fork_until_failure(long max, int rfd, int wfd,
 *     void *mem, size_t len)
 *
 * Fork up to max children; on the first failure munmap [mem, mem + len)
 * before anything else.  Each child closes wfd, waits for end of file on
 * rfd and exits with status 0.  Only registers are used: x9-x15 survive
 * system calls (FreeBSD's arm64 ABI preserves all but x0 and x1).
 */
struct fork_result fork_until_failure(long max, int rfd, int wfd, void *mem,
    size_t len);
__asm__(
	"	.text\n"
	"	.p2align 2\n"
	"	.globl	fork_until_failure\n"
	"	.type	fork_until_failure, %function\n"
	"fork_until_failure:\n"
	"	mov	x9, x0\n"
	"	mov	x10, #0\n"		/* forks so far */
	"	mov	x11, x1\n"
	"	mov	x12, x2\n"
	"	mov	x13, x3\n"
	"	mov	x14, x4\n"
	"	mov	x15, #0\n"		/* errno */
	"1:	cmp	x10, x9\n"
	"	b.hs	3f\n"
	"	mov	x8, #2\n"		/* SYS_fork */
	"	svc	#0\n"
	"	b.cs	2f\n"
	"	cbz	x0, 4f\n"		/* the child */
	"	add	x10, x10, #1\n"
	"	b	1b\n"
	"2:	mov	x15, x0\n"
	"3:	mov	x0, x13\n"
	"	mov	x1, x14\n"
	"	mov	x8, #73\n"		/* SYS_munmap */
	"	svc	#0\n"
	"	mov	x0, x10\n"
	"	mov	x1, x15\n"
	"	ret\n"
	"4:	mov	x0, x12\n"
	"	mov	x8, #6\n"		/* SYS_close */
	"	svc	#0\n"
	"5:	mov	x0, x11\n"
	"	mov	x1, sp\n"		/* never written: EOF */
	"	mov	x2, #1\n"
	"	mov	x8, #3\n"		/* SYS_read */
	"	svc	#0\n"
	"	b.cs	5b\n"
	"	cbnz	x0, 5b\n"
	"	mov	x0, #0\n"
	"	mov	x8, #1\n"		/* SYS_exit */
	"	svc	#0\n"
	"	b	5b\n"
	"	.size	fork_until_failure, . - fork_until_failure\n");

static u_int
free_pages(void)
{
	return (CHECK_SYSCTL("vm.stats.vm.v_free_count"));
}

/* A fresh child touches new memory, forks a grandchild and exits 7. */
static void
fresh_child_works(void)
{
	char *p;
	int i, status;
	pid_t pid;

	pid = CHECK_FORK();
	if (pid == 0) {
		p = CHECK_MAP_ANON(64 * 4096);
		for (i = 0; i < 64; i++)
			p[i * 4096] = (char)i;
		for (i = 0; i < 64; i++)
			CHECK_EQ(p[i * 4096], (char)i);
		pid = CHECK_FORK();
		if (pid == 0)
			_exit(p[5 * 4096]);
		CHECK_EQ(waitpid(pid, &status, 0), pid);
		CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 5);
		if (check_failures == 0)
			_exit(7);
		check_child_exit();
	}
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 7);
}

/*
 * The helper: fill memory, fork until fork fails, then reap the children
 * and check that a fresh child works.
 */
static void
exhaust(void)
{
	struct fork_result r;
	size_t len, touched = 0;
	char *mem;
	int fds[2], status, exited = 0, killed = 0;
	pid_t pid;

	len = (size_t)free_pages() * 4096;
	mem = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANON,
	    -1, 0);
	CHECK(mem != MAP_FAILED);
	if (mem == MAP_FAILED)
		check_child_exit();
	CHECK_OK(minherit(mem, len, INHERIT_NONE));
	while (touched < len && (touched % (64 * 4096) != 0 ||
	    free_pages() > RESERVE_PAGES)) {
		mem[touched] = 1;
		touched += 4096;
	}
	CHECK_OK(pipe(fds));

	r = fork_until_failure(MAX_FORKS, fds[0], fds[1], mem, len);
	printf("fork_exhaust: %ld forks, then errno %ld, after filling "
	    "%zu MiB\n", r.forks, r.error, touched >> 20);
	CHECK(r.forks > 0);
	CHECK(r.error == ENOMEM || r.error == EAGAIN);

	close(fds[1]);
	while ((pid = wait(&status)) > 0) {
		if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
			exited++;
		else
			killed++;	/* SIGBUS: no page to run */
	}
	CHECK_EQ(exited + killed, r.forks);
	fresh_child_works();
	check_child_exit();
}

int
main(void)
{
	int status;
	pid_t pid;

	if (free_pages() > MAX_FREE_MB * 256) {
		printf("fork_exhaust: over %d MiB free: not run\n",
		    MAX_FREE_MB);
		return (check_done());
	}
	pid = CHECK_FORK();
	if (pid == 0)
		exhaust();
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	fresh_child_works();
	return (check_done());
}
