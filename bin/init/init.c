/*
 * init: the first process.  The kernel passes its boot arguments as
 * init's arguments.  With "usertests" init runs every user test (see
 * run_tests()) and powers off ("usertests=a,b,...": just those).  With
 * "run=name,arg,..." it runs that one program with those arguments and
 * powers off (see run_one()): a program run without a keyboard, e.g.
 * under `make gdb', from a script, or the sequence fuzzer (tools/fuzz.sh
 * boots with "run=seqfuzz,SECONDS,SEED").  Otherwise it runs the MTE demo
 * (/bin/mtedemo) once, then starts the shell, again whenever it exits,
 * and reaps orphans meanwhile.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/reboot.h>
#include <sys/wait.h>
#include <unistd.h>

#include "programs.h"

/*
 * Run path with arguments argv (NULL: none); returns its wait status, or
 * -1.  Orphans that end meanwhile are reaped as they come, so a program
 * that counts the kernel's objects (the fuzzer's leak check) sees them go.
 */
static int
run_args(const char *path, char **argv)
{
	char *noargs[] = { (char *)path, NULL };
	char *envp[] = { NULL };
	int status;
	pid_t pid, w;

	pid = fork();
	if (pid < 0)
		return (-1);
	if (pid == 0) {
		execve(path, argv != NULL ? argv : noargs, envp);
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

	return (run_args(path, NULL));
}

/*
 * "run=name,arg,...": run /bin/name (or /tests/name) with those
 * arguments, say how it ended, and power off.
 */
static void
run_one(char *spec)
{
	char path[64], *argv[17], *p;
	int argc, i, status;

	argc = 0;
	for (p = spec; p != NULL && argc < 16; ) {
		argv[argc++] = p;
		p = strchr(p, ',');
		if (p != NULL)
			*p++ = '\0';
	}
	argv[argc] = NULL;
	path[0] = '\0';
	for (i = 0; tagos_programs[i] != NULL; i++)
		if (strcmp(strrchr(tagos_programs[i], '/') + 1, argv[0]) == 0)
			snprintf(path, sizeof(path), "%s", tagos_programs[i]);
	for (i = 0; path[0] == '\0' && tagos_tests[i] != NULL; i++)
		if (strcmp(strrchr(tagos_tests[i], '/') + 1, argv[0]) == 0)
			snprintf(path, sizeof(path), "%s", tagos_tests[i]);
	if (path[0] == '\0') {
		printf("init: run=%s: no such program (see help in the "
		    "shell)\n", argv[0]);
	} else {
		printf("init: running %s\n", path);
		status = run_args(path, argv);
		if (status < 0)
			printf("init: %s: could not run it\n", argv[0]);
		else if (WIFSIGNALED(status))
			printf("init: %s: killed by signal %d\n", argv[0],
			    WTERMSIG(status));
		else
			printf("init: %s: exit status %d\n", argv[0],
			    WEXITSTATUS(status));
	}
	reboot(RB_POWEROFF);
}

/* True if only is NULL or name is one of its comma-separated names. */
static bool
listed(const char *only, const char *name)
{
	size_t len = strlen(name);
	const char *p;

	if (only == NULL)
		return (true);
	for (p = only;; p++) {
		if (strncmp(p, name, len) == 0 &&
		    (p[len] == ',' || p[len] == '\0'))
			return (true);
		if ((p = strchr(p, ',')) == NULL)
			return (false);
	}
}

/*
 * Run every test program (or those only names) one after the other, print a PASS or FAIL line
 * for each (exit status 0 is a pass; a test that skipped itself, exit
 * status TEST_SKIP_STATUS, printed its own SKIP line with the reason) and
 * the totals, then power off.
 */
static void
run_tests(const char *only)
{
	int i, status, passed = 0, failed = 0, skipped = 0;
	const char *name;

	for (i = 0; tagos_tests[i] != NULL; i++) {
		name = strrchr(tagos_tests[i], '/') + 1;
		if (!listed(only, name))
			continue;
		printf("== user test %s\n", name);
		status = run(tagos_tests[i]);
		/* Orphans the test left behind are init's to reap. */
		while (waitpid(-1, NULL, WNOHANG) > 0)
			;
		if (status >= 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0) {
			printf("PASS user/%s\n", name);
			passed++;
		} else if (status >= 0 && WIFEXITED(status) &&
		    WEXITSTATUS(status) == TEST_SKIP_STATUS) {
			skipped++;
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
	printf("user tests: %d passed, %d failed, %d skipped\n", passed,
	    failed, skipped);
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
		else if (strncmp(argv[i], "run=", 4) == 0)
			run_one(argv[i] + 4);
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
