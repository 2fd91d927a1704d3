/*
 * docs/abi.md section 6, "a tag fault with no handler": the process dies of SIGSEGV,
 * as its parent's waitpid tells, in every checking mode: SYNC at the
 * access, ASYNC by its next system call, ASYMM both ways (with
 * FEAT_MTE3).  As with FreeBSD's trapsignal(), ignoring or blocking
 * SIGSEGV does not save the process either.  The report the kernel
 * prints on the console is for a human to read; it is not checked here.
 */
#include <sys/types.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <machine/sysarch.h>
#include <errno.h>
#include <signal.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "mte_util.h"

#define	CHILD_SECS	20	/* a child still alive then is stuck */

/* How the child's SIGSEGV is set up. */
enum disposition { DEFAULT, IGNORED, BLOCKED };

static size_t pg;	/* the page size */

/*
 * The child: in mode, with SIGSEGV as how says, make one mismatched
 * access (write: a store), then a system call.  Exits 3 if it survives.
 */
static void __dead2
child(uint32_t mode, int write, enum disposition how)
{
	sigset_t set;
	char *p;

	if (mte_set_mode(mode, MTE_ALL_TAGS) != 0)
		_exit(2);
	if (how == IGNORED)
		signal(SIGSEGV, SIG_IGN);
	if (how == BLOCKED) {
		sigemptyset(&set);
		sigaddset(&set, SIGSEGV);
		sigprocmask(SIG_BLOCK, &set, NULL);
	}
	p = mmap(NULL, pg, MTE_RW, MAP_PRIVATE | MAP_ANON, -1, 0);
	if (p == MAP_FAILED)
		_exit(2);
	stg(set_tag(p, 5));
	if (write)
		*(volatile char *)set_tag(p, 6) = 1;
	else
		(void)*(volatile char *)set_tag(p, 6);
	(void)getpid();
	_exit(3);
}

/*
 * Wait for pid for at most CHILD_SECS seconds, then kill it.  Returns
 * its wait status, or -1 if it had to be killed or could not be waited.
 */
static int
wait_briefly(pid_t pid)
{
	struct timespec ts = { 0, 10 * 1000 * 1000 };
	int i, status;
	pid_t w;

	for (i = 0; i < CHILD_SECS * 100; i++) {
		w = waitpid(pid, &status, WNOHANG);
		if (w == pid)
			return (status);
		if (w == -1 && errno != EINTR)
			return (-1);
		nanosleep(&ts, NULL);
	}
	kill(pid, SIGKILL);
	check_wait(pid);
	return (-1);
}

/* A child doing what child() says dies of SIGSEGV. */
static void
check_dies(uint32_t mode, int write, enum disposition how)
{
	int status;
	pid_t pid;

	pid = CHECK_FORK();
	if (pid == 0)
		child(mode, write, how);
	status = wait_briefly(pid);
	check_count++;
	if (status == -1 || !WIFSIGNALED(status) ||
	    WTERMSIG(status) != SIGSEGV)
		check_fail(__FILE__, __LINE__, "mode %u, mismatched %s, "
		    "SIGSEGV %s: expected death by SIGSEGV, got %s %d", mode,
		    write ? "store" : "load", how == DEFAULT ? "default" :
		    how == IGNORED ? "ignored" : "blocked",
		    status == -1 ? "no end, status" : WIFSIGNALED(status) ?
		    "signal" : "exit", status == -1 ? -1 :
		    WIFSIGNALED(status) ? WTERMSIG(status) :
		    WEXITSTATUS(status));
}

/* Every test of this program, in tag-check mode mode. */
static void
test_mode(uint32_t mode)
{
	check_dies(mode, 0, DEFAULT);
	check_dies(mode, 1, DEFAULT);
	check_dies(mode, 1, IGNORED);
	check_dies(mode, 1, BLOCKED);
}

int
main(void)
{

	pg = getpagesize();
	return (mte_main(test_mode));
}
