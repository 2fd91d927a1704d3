/*
 * The benchmark runner, the first process of a benchmark boot: /bin/init
 * on TagOS, /init on Linux.  Its entry point reads the counter before
 * anything else runs in user space, which gives the "boot" row
 * (instructions from reset to the first user instruction).  It then runs
 * each /bench/<name> in turn, or only the one named by a boot argument
 * "bench=<name>" (TagOS passes it as an argument, Linux in the
 * environment), and powers off.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/reboot.h>
#include <sys/wait.h>

#include "bench.h"

#ifndef RB_POWEROFF
#define	RB_POWEROFF	RB_POWER_OFF
#endif

/* Written by bench_entry; in .data, so nothing clears it before main. */
uint64_t bench_boot_counter = 1;

/*
 * The entry point: read the counter into bench_boot_counter, then go on to
 * the C library's own entry with every register as the kernel left it
 * (x9 and x10 carry nothing at entry).
 */
__asm__(
	"	.text\n"
	"	.globl	bench_entry\n"
	"	.type	bench_entry, %function\n"
	"bench_entry:\n"
	"	mrs	x9, cntvct_el0\n"
	"	adrp	x10, bench_boot_counter\n"
	"	str	x9, [x10, :lo12:bench_boot_counter]\n"
	"	b	_start\n"
	"	.size	bench_entry, . - bench_entry\n");

static const char *const programs[] = {
	"getpid", "touch", "fork", "mprotect", "tagfault", "malloc", "pageout",
	NULL
};

/* Run /bench/name; say how it ended if it did not exit with 0. */
static void
run(const char *name)
{
	char path[64];
	char *argv[2], *envp[1];
	int status;
	pid_t pid;

	snprintf(path, sizeof(path), "/bench/%s", name);
	argv[0] = path;
	argv[1] = NULL;
	envp[0] = NULL;
	pid = fork();
	if (pid < 0) {
		printf("bench: cannot fork for %s\n", name);
		return;
	}
	if (pid == 0) {
		execve(path, argv, envp);
		printf("bench: cannot run %s\n", path);
		_exit(127);
	}
	if (waitpid(pid, &status, 0) != pid)
		printf("bench: %s: waitpid failed\n", name);
	else if (WIFSIGNALED(status))
		printf("bench: %s: killed by signal %d\n", name,
		    WTERMSIG(status));
	else if (WEXITSTATUS(status) != 0)
		printf("bench: %s: exit status %d\n", name,
		    WEXITSTATUS(status));
	fflush(stdout);
}

int
main(int argc, char **argv)
{
	uint64_t boot[BENCH_ROUNDS];
	const char *only;
	int i;

	only = getenv("bench");
	for (i = 1; i < argc; i++)
		if (strncmp(argv[i], "bench=", 6) == 0)
			only = argv[i] + 6;
	printf("bench: %s\n", BENCH_SYSTEM);
	for (i = 0; i < BENCH_ROUNDS; i++)
		boot[i] = bench_boot_counter;
	bench_row("boot", "-", 1, boot);
	for (i = 0; programs[i] != NULL; i++)
		if (only == NULL || strcmp(only, programs[i]) == 0)
			run(programs[i]);
	printf("bench: done\n");
	fflush(stdout);
	reboot(RB_POWEROFF);
	return (0);
}
