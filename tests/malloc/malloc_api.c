/*
 * The tagging malloc's interface (<malloc_np.h>, docs/malloc.md): the
 * MALLOC_TAGGING variable, malloc_set_tagging()'s errors, the tags a
 * tagged heap hands out, the report's stacks, a program's own SIGSEGV
 * handler still running behind malloc's, and a SIGSEGV sent with kill(2)
 * still killing.
 */
#include <sys/mman.h>

#include "malloc_bug.h"

#define	SELF	"/tests/malloc_api"

/* The tag pointer p carries. */
static unsigned int
tag_of(const void *p)
{

	return (((uintptr_t)p >> 56) & 0xf);
}

/* The tag memory holds for the granule at p. */
static unsigned int
mem_tag_of(void *p)
{
	void *r = p;

	__asm__ __volatile__("ldg %0, [%1]" : "+r" (r) : "r" (p) : "memory");
	return (tag_of(r));
}

/* Exec'd with MALLOC_TAGGING=sync: exit 0 if the heap took it. */
static int
env_child(void)
{

	return (malloc_tagging() == (check_have_mte() ? MALLOC_TAGGING_SYNC :
	    MALLOC_TAGGING_OFF) ? 0 : 1);
}

/* MALLOC_TAGGING reaches malloc through exec's environment. */
static void
check_environment(void)
{
	char *argv[] = { SELF, "env", NULL };
	char *envp[] = { "MALLOC_TAGGING=sync", NULL };
	pid_t pid;

	pid = CHECK_FORK();
	if (pid == 0) {
		execve(SELF, argv, envp);
		_exit(3);
	}
	CHECK_WAIT_EXIT(pid, 0);
}

/* malloc_set_tagging() after the first allocation, and a bad mode. */
static void
check_set_errors(void)
{
	pid_t pid;

	pid = CHECK_FORK();
	if (pid == 0) {
		CHECK_ERRNO(malloc_set_tagging(9), EINVAL);
		CHECK_ERRNO(malloc_set_tagging(-1), EINVAL);
		CHECK_EQ(malloc_set_tagging(MALLOC_TAGGING_OFF), 0);
		free(malloc(1));
		CHECK_ERRNO(malloc_set_tagging(MALLOC_TAGGING_SYNC), EBUSY);
		CHECK_EQ(malloc_tagging(), MALLOC_TAGGING_OFF);
		check_child_exit();
	}
	CHECK_WAIT_EXIT(pid, 0);
}

/*
 * Neighbouring chunks never share a tag, none has tag 0, a freed chunk's
 * memory is retagged, and calloc zeroes a recycled chunk.
 */
static void
check_tags(void)
{
	enum { N = 64 };
	char *p[N], *z;
	unsigned int t;
	pid_t pid;
	int i;

	pid = CHECK_FORK();
	if (pid == 0) {
		CHECK_EQ(malloc_set_tagging(MALLOC_TAGGING_SYNC), 0);
		CHECK_EQ(malloc_tagging(), MALLOC_TAGGING_SYNC);
		for (i = 0; i < N; i++) {
			p[i] = malloc(32);
			CHECK(tag_of(p[i]) != 0);
			CHECK_EQ(mem_tag_of(p[i]), tag_of(p[i]));
			CHECK_EQ(mem_tag_of(p[i] + 16), tag_of(p[i]));
		}
		for (i = 1; i < N; i++)
			if (p[i] - p[i - 1] == 48)
				CHECK(tag_of(p[i]) != tag_of(p[i - 1]));
		memset(p[5], 0x77, 32);
		t = tag_of(p[5]);
		free(p[5]);
		CHECK(mem_tag_of(p[5]) != t);
		CHECK(mem_tag_of(p[5]) != 0);
		z = calloc(2, 16);
		CHECK(z != NULL && all_are(z, 32, 0));
		CHECK(tag_of(z) != t);
		check_child_exit();
	}
	CHECK_WAIT_EXIT(pid, 0);
}

static sigjmp_buf program_env;

/* The program's own SIGSEGV handler: say so and leave. */
static void
program_handler(int sig, siginfo_t *si, void *uc)
{

	(void)sig;
	(void)uc;
	fprintf(stderr, "program handler ran, si_code %d\n", si->si_code);
	siglongjmp(program_env, 1);
}

/* A use after free with the program's handler installed. */
static void
handler_bug(void)
{
	struct sigaction sa, old;
	volatile char *p;

	p = opaque(malloc(48));
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = program_handler;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGSEGV, NULL, &old);
	if (old.sa_sigaction != program_handler)
		fprintf(stderr, "sigaction did not keep the handler\n");
	free((void *)p);
	if (sigsetjmp(program_env, 1) == 0)
		p[3] = 1;
	fprintf(stderr, "survived\n");
	_exit(0);
}

/*
 * The report names the kind, both tags and both stacks, and the
 * program's handler still runs after it.
 */
static void
check_report_and_chaining(void)
{
	static char report[4096];
	int status;

	status = malloc_bug_child(handler_bug, MALLOC_TAGGING_SYNC, report,
	    sizeof(report));
	CHECK(WIFEXITED(status));
	check_count++;
	if (strstr(report, "malloc: use after free: 3 bytes into a freed "
	    "48-byte chunk") == NULL || strstr(report, "pointer tag 0x") ==
	    NULL || strstr(report, "memory tag 0x") == NULL ||
	    strstr(report, "allocated at:\n    #0 0x") == NULL ||
	    strstr(report, "freed at:\n    #0 0x") == NULL ||
	    strstr(report, "program handler ran, si_code 9") == NULL ||
	    strstr(report, "survived") == NULL ||
	    strstr(report, "did not keep") != NULL)
		check_fail(__FILE__, __LINE__, "report:\n%s", report);
	else
		printf("%s", report);
}

/*
 * A SIGSEGV sent with kill(2) to a tagged process with no handler of its
 * own still kills it: malloc's handler has no fault to report or retry.
 */
static void
check_sent_segv(void)
{
	pid_t pid;

	pid = CHECK_FORK();
	if (pid == 0) {
		malloc_set_tagging(MALLOC_TAGGING_SYNC);
		free(malloc(16));
		kill(getpid(), SIGSEGV);
		(void)getpid();
		_exit(0);
	}
	CHECK_WAIT_SIGNAL(pid, SIGSEGV);
}

int
main(int argc, char **argv)
{

	if (argc > 1 && strcmp(argv[1], "env") == 0)
		return (env_child());
	check_environment();
	check_set_errors();
	if (!check_have_mte()) {
		CHECK_EQ(malloc_set_tagging(MALLOC_TAGGING_SYNC), 0);
		CHECK_EQ(malloc_tagging(), MALLOC_TAGGING_OFF);
		check_skip("this machine has no MTE (checked that tagging "
		    "requests are ignored)");
	}
	check_tags();
	check_report_and_chaining();
	check_sent_segv();
	return (check_done());
}
