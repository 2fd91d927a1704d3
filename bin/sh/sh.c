/*
 * sh: a small shell.  Reads a line, splits it into words, and runs the
 * program the first word names (a path, or a name found in /bin or
 * /tests) with the other words as arguments.  "> file", ">> file" and
 * "< file" (also written ">file") redirect the program's standard output
 * or input.  Built-ins: help, exit, poweroff.
 */
#include <errno.h>
#include <fcntl.h>
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

/*
 * The program a command names, or NULL: a name with a '/' is a path
 * (any file there with an execute bit, /tmp included); a bare name is
 * looked for in /bin, then /tests.  The result may be in buf.
 */
static const char *
find_program(const char *name, char *buf, size_t size)
{
	const char *const dirs[] = { "/bin", "/tests" };
	size_t i;

	if (strchr(name, '/') != NULL)
		return (access(name, X_OK) == 0 ? name : NULL);
	for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		snprintf(buf, size, "%s/%s", dirs[i], name);
		if (access(buf, X_OK) == 0)
			return (buf);
	}
	return (NULL);
}

/*
 * Take the redirections out of argv (NULL-terminated, changed in place)
 * and apply them to this process: a child about to exec.  false, with a
 * message, if a file cannot be opened.
 */
static bool
redirect(char **argv)
{
	char **in = argv, **out = argv, *word, *file;
	int fd, target, flags;

	while ((word = *in++) != NULL) {
		if (word[0] != '<' && word[0] != '>') {
			*out++ = word;
			continue;
		}
		target = word[0] == '<' ? STDIN_FILENO : STDOUT_FILENO;
		if (word[0] == '<')
			flags = O_RDONLY;
		else if (word[1] == '>')
			flags = O_WRONLY | O_CREAT | O_APPEND;
		else
			flags = O_WRONLY | O_CREAT | O_TRUNC;
		file = word + ((flags & O_APPEND) != 0 ? 2 : 1);
		if (*file == '\0' && (file = *in++) == NULL) {
			printf("sh: %s: missing file name\n", word);
			return (false);
		}
		if ((fd = open(file, flags, 0666)) < 0) {
			printf("sh: %s: %s\n", file, strerror(errno));
			return (false);
		}
		if (fd != target) {
			dup2(fd, target);
			close(fd);
		}
	}
	*out = NULL;
	return (true);
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
	char *envp[] = { NULL }, buf[LINE_MAX_LEN + 16];
	const char *path = find_program(argv[0], buf, sizeof(buf));
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
		if (!redirect(argv))
			_exit(1);
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
