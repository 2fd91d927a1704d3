/*
 * sh: a small shell.  Reads a line, splits it into words, and runs the
 * program the first word names (a path, or a name found in /bin or
 * /tests) with the other words as arguments.  Built-ins: help, exit,
 * poweroff.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/reboot.h>
#include <sys/wait.h>
#include <unistd.h>

#include "programs.h"

#define LINE_MAX_LEN	256
#define MAX_ARGS	32

/* Read one line from standard input; false at end of input. */
static bool
read_line(char *buf, size_t size)
{
	size_t n = 0;
	char c;

	while (n + 1 < size) {
		if (read(0, &c, 1) != 1)
			return (n > 0);
		if (c == '\n' || c == '\r')
			break;
		buf[n++] = c;
	}
	buf[n] = '\0';
	return (true);
}

/* The program a command names, or NULL. */
static const char *
find_program(const char *name)
{
	const char *const *list[] = { tagos_programs, tagos_tests };
	const char *slash;
	int l, i;

	for (l = 0; l < 2; l++)
		for (i = 0; list[l][i] != NULL; i++) {
			slash = strrchr(list[l][i], '/');
			if (strcmp(list[l][i], name) == 0 ||
			    strcmp(slash + 1, name) == 0)
				return (list[l][i]);
		}
	return (NULL);
}

static void
help(void)
{
	int i;

	printf("built-ins: help, exit, poweroff\nprograms:");
	for (i = 0; tagos_programs[i] != NULL; i++)
		printf(" %s", strrchr(tagos_programs[i], '/') + 1);
	printf("\ntests:");
	for (i = 0; tagos_tests[i] != NULL; i++)
		printf(" %s", strrchr(tagos_tests[i], '/') + 1);
	printf("\n");
}

/* Run argv[0] with its arguments and wait for it. */
static void
run(char **argv)
{
	char *envp[] = { NULL };
	const char *path = find_program(argv[0]);
	int status;
	pid_t pid;

	if (path == NULL) {
		printf("sh: %s: not found (try help)\n", argv[0]);
		return;
	}
	pid = fork();
	if (pid < 0) {
		perror("sh: fork");
		return;
	}
	if (pid == 0) {
		execve(path, argv, envp);
		perror("sh: execve");
		_exit(127);
	}
	if (waitpid(pid, &status, 0) != pid)
		return;
	if (WIFSIGNALED(status))
		printf("sh: %s: killed by signal %d\n", argv[0], WTERMSIG(status));
	else if (WEXITSTATUS(status) != 0)
		printf("sh: %s: exit status %d\n", argv[0], WEXITSTATUS(status));
}

int
main(void)
{
	char line[LINE_MAX_LEN], *argv[MAX_ARGS + 1], *p;
	int argc;

	for (;;) {
		printf("tagos$ ");
		if (!read_line(line, sizeof(line)))
			return (0);
		argc = 0;
		for (p = strtok(line, " \t"); p != NULL && argc < MAX_ARGS;
		    p = strtok(NULL, " \t"))
			argv[argc++] = p;
		argv[argc] = NULL;
		if (argc == 0)
			continue;
		if (strcmp(argv[0], "help") == 0)
			help();
		else if (strcmp(argv[0], "exit") == 0)
			return (0);
		else if (strcmp(argv[0], "poweroff") == 0)
			reboot(RB_POWEROFF);
		else
			run(argv);
	}
}
