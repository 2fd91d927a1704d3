/*
 * mtedemo: what Arm memory tagging (MTE) catches, shown one bug at a time
 * in a program that only calls malloc and free.  init runs it once before
 * the shell.
 *
 * It turns on libc's tagged heap (malloc_set_tagging(), <malloc_np.h>;
 * the same as running it with MALLOC_TAGGING=sync) and makes classic heap
 * mistakes.  For each, malloc's report says in words what happened (the
 * kind, the chunk, both tags, the allocation and free stacks: turn those
 * into function:line with tools/symbolize), then the demo's own SIGSEGV
 * handler, which malloc calls after its report, goes on to the next.  A
 * double free is caught by malloc itself and aborts, so it runs in a
 * child; last, a child makes an overflow with no handler, so the console
 * also shows the report the kernel prints when a tag fault kills a
 * process.  On a machine without MTE it says so and exits 0.
 */
#include <sys/types.h>
#include <sys/wait.h>
#include <malloc_np.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static sigjmp_buf env;
static volatile int caught_code;

/* The demo's handler, which runs after malloc's report: go on. */
static void
on_segv(int sig, siginfo_t *si, void *uc)
{

	(void)sig;
	(void)uc;
	caught_code = si->si_code;
	siglongjmp(env, 1);
}

/* The tag pointer p carries, bits 59:56. */
static unsigned int
tag_of(const void *p)
{

	return (((uintptr_t)p >> 56) & 0xf);
}

/* Write 'X' to *p (or read it) and say whether it was stopped. */
static void
try_access(volatile char *p, int write)
{

	fflush(stdout);
	if (sigsetjmp(env, 1) == 0) {
		if (write)
			*p = 'X';
		else
			(void)*p;
		printf("    not caught: the access went through!\n");
		return;
	}
	printf("    -> caught before it happened (SIGSEGV, si_code %d%s).\n",
	    caught_code, caught_code == SEGV_MTESERR ? ", SEGV_MTESERR" : "");
}

/* (a) One byte past the end of a chunk. */
static void
show_overflow(void)
{
	char *a, *b;

	a = malloc(32);
	b = malloc(32);
	memset(b, 'B', 32);
	printf("\n(a) Overflow.  a = malloc(32) is %p (tag 0x%x), b = "
	    "malloc(32)\n    is %p (tag 0x%x): neighbours never share a tag.  "
	    "Writing a[32] ...\n", (void *)a, tag_of(a), (void *)b, tag_of(b));
	try_access(a + 32, 1);
	printf("    b[0] still holds '%c'.\n", b[0]);
	free(b);
	free(a);
}

/* (b) A chunk used after free. */
static void
show_use_after_free(void)
{
	char *c;

	c = malloc(48);
	strcpy(c, "secret");
	free(c);
	printf("\n(b) Use after free.  c = malloc(48) (tag 0x%x) is freed: "
	    "free gives its\n    memory a new tag, so the old pointer stops "
	    "matching.  Reading c[0] ...\n", tag_of(c));
	try_access(c, 0);
}

/* (c) free() twice: malloc's own check, which aborts. */
static void
show_double_free(void)
{
	int status;
	pid_t pid;
	char *d;

	printf("\n(c) Double free, in a child process: free() sees that the "
	    "chunk is\n    already free and stops the program before the heap "
	    "is damaged ...\n");
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		d = malloc(64);
		free(d);
		free(d);
		_exit(1);
	}
	if (pid > 0 && waitpid(pid, &status, 0) == pid &&
	    WIFSIGNALED(status))
		printf("    -> the child was stopped by signal %d (SIGABRT).\n",
		    WTERMSIG(status));
}

/*
 * (d) The overflow again, in a child with no handler: malloc reports it,
 * then the kernel kills the child and prints its own report.
 */
static void
show_unhandled(void)
{
	struct sigaction sa;
	int status;
	pid_t pid;
	char *volatile a;	/* the compiler must not drop the bug */

	printf("\n(d) The overflow again, in a child process with no SIGSEGV "
	    "handler.\n    After malloc's report the kernel kills it and "
	    "prints what happened:\n    the process, the program counter and "
	    "mode, both tags, and the\n    memory tags of the granules around "
	    "the faulting one, in [ ] ...\n");
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = SIG_DFL;
		sigaction(SIGSEGV, &sa, NULL);
		a = malloc(32);
		a[32] = 'X';
		_exit(1);
	}
	if (pid > 0 && waitpid(pid, &status, 0) == pid) {
		if (WIFSIGNALED(status))
			printf("    -> the child died of signal %d%s.\n",
			    WTERMSIG(status), WTERMSIG(status) == SIGSEGV ?
			    " (SIGSEGV)" : "");
		else
			printf("    -> the child was not killed: exit status "
			    "%d.\n", WEXITSTATUS(status));
	}
}

int
main(void)
{
	struct sigaction sa;

	printf("MTE demo: memory tagging catches heap bugs when they "
	    "happen.\n");
	malloc_set_tagging(MALLOC_TAGGING_SYNC);
	if (malloc_tagging() == MALLOC_TAGGING_OFF) {
		printf("This machine has no MTE (the Memory Tagging "
		    "Extension), so malloc\ncannot tag the heap.  Boot it "
		    "with MTE on (make run MTE=on) to see\nthe demo.\n\n");
		return (0);
	}
	printf("With MALLOC_TAGGING=sync (here: malloc_set_tagging()), every "
	    "chunk\nmalloc returns has a 4-bit tag on its memory and in its "
	    "pointer\n(bits 59:56).  The CPU compares them on each access; a "
	    "mismatch\nstops the access, and malloc says what it was.\n");
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_segv;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGSEGV, &sa, NULL);
	show_overflow();
	show_use_after_free();
	show_double_free();
	show_unhandled();
	printf("\nEnd of the MTE demo.\n\n");
	return (0);
}
