/*
 * init: the first process.  The kernel passes its boot arguments as
 * init's arguments.  With "usertests" init runs every user test (see
 * run_tests()) and powers off ("usertests=name": just that one); with
 * "fuzz=a,b,..." it runs the sequence fuzzer /tests/seqfuzz with
 * arguments a b ... (see run_fuzzer()) and powers off; otherwise it
 * runs the MTE demo (/bin/mtedemo) once, then starts the shell, again
 * whenever it exits, and reaps orphans meanwhile.
 */
#include <stdio.h>
#include <string.h>
#include <sys/reboot.h>
#include <sys/wait.h>
#include <unistd.h>

#include "programs.h"

/*
 * Run path with arguments argv (argv[0] is path); returns its wait
 * status, or -1.  Orphans that end meanwhile are reaped as they come, so
 * a program that counts the kernel's objects sees them go.
 */
static int
run_argv(const char *path, char **argv)
{
	char *envp[] = { NULL };
	int status;
	pid_t pid, w;

	pid = fork();
	if (pid < 0)
		return (-1);
	if (pid == 0) {
		execve(path, argv, envp);
		printf("init: cannot run %s\n", path);
		_exit(127);
	}
	while ((w = waitpid(-1, &status, 0)) != pid)
		if (w < 0)
			return (-1);
	return (status);
}

/* Run path with no arguments; returns its wait status, or -1. */
static int
run(const char *path)
{
	char *argv[] = { (char *)path, NULL };

	return (run_argv(path, argv));
}

/*
 * Run the sequence fuzzer with the comma-separated arguments of
 * "fuzz=...", print its exit status, then power off.
 */
static void
run_fuzzer(char *args)
{
	char *argv[8], *p;
	int argc, status;

	argv[0] = "/tests/seqfuzz";
	argc = 1;
	for (p = args; p != NULL && *p != '\0' && argc < 7; argc++) {
		argv[argc] = p;
		p = strchr(p, ',');
		if (p != NULL)
			*p++ = '\0';
	}
	argv[argc] = NULL;
	status = run_argv(argv[0], argv);
	printf("init: seqfuzz ended with status %#x\n", status);
	reboot(RB_POWEROFF);
}

/*
 * Run every test program one after the other, print a PASS or FAIL line
 * for each (exit status 0 is a pass) and the totals, then power off.
 */
static void
run_tests(const char *only)
{
	int i, status, passed = 0, failed = 0;
	const char *name;

	for (i = 0; tagos_tests[i] != NULL; i++) {
		name = strrchr(tagos_tests[i], '/') + 1;
		if (only != NULL && strcmp(only, name) != 0)
			continue;
		printf("== user test %s\n", name);
		status = run(tagos_tests[i]);
		/* Orphans the test left behind are init's to reap. */
		while (waitpid(-1, NULL, WNOHANG) > 0)
			;
		if (status >= 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0) {
			printf("PASS user/%s\n", name);
			passed++;
		} else if (status >= 0 && WIFSIGNALED(status)) {
			printf("FAIL user/%s: killed by signal %d\n", name,
			    WTERMSIG(status));
			failed++;
		} else {
			printf("FAIL user/%s: exit status %d\n", name,
			    status >= 0 ? WEXITSTATUS(status) : -1);
			failed++;
		}
	}
	printf("user tests: %d passed, %d failed\n", passed, failed);
	reboot(RB_POWEROFF);
}

int
main(int argc, char **argv)
{
	int i, status;

	for (i = 1; i < argc; i++)
		if (strcmp(argv[i], "usertests") == 0)
			run_tests(NULL);
		else if (strncmp(argv[i], "usertests=", 10) == 0)
			run_tests(argv[i] + 10);
		else if (strncmp(argv[i], "fuzz=", 5) == 0)
			run_fuzzer(argv[i] + 5);
	/* Once per boot, before the shell: what MTE catches. */
	run("/bin/mtedemo");
	printf("init: starting the shell (type help)\n");
	for (;;) {
		status = run("/bin/sh");
		if (status < 0)
			break;
		/* Reap orphans the shell's children left behind. */
		while (waitpid(-1, &status, WNOHANG) > 0)
			;
	}
	printf("init: cannot start /bin/sh\n");
	return (1);
}
