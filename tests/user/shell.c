/*
 * What a shell user does with the file system: bin/sh runs `echo > file`,
 * `cat`, `ls` and `>>`, and a program another program wrote into /tmp
 * runs from there (exec loads from the file system, not the initramfs).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

/*
 * Run /bin/sh with script as its standard input and its output going to
 * the file out; the shell's wait status.
 */
static int
run_shell(const char *script, const char *out)
{
	char *argv[] = { "sh", NULL }, *envp[] = { NULL };
	int p[2], fd, status;
	pid_t pid;

	CHECK_OK(pipe(p));
	pid = CHECK_FORK();
	if (pid == 0) {
		fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (fd < 0 || dup2(p[0], 0) < 0 || dup2(fd, 1) < 0 ||
		    dup2(fd, 2) < 0)
			_exit(126);
		close(p[0]);
		close(p[1]);
		execve("/bin/sh", argv, envp);
		_exit(127);
	}
	close(p[0]);
	CHECK_EQ(write(p[1], script, strlen(script)), (ssize_t)strlen(script));
	close(p[1]);
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	return (status);
}

/* Copy file from to file to (created with mode); false on error. */
static bool
copy_file(const char *from, const char *to, int mode)
{
	char buf[4096];
	ssize_t n;
	int in, out;
	bool ok = true;

	if ((in = open(from, O_RDONLY)) < 0)
		return (false);
	if ((out = open(to, O_WRONLY | O_CREAT | O_TRUNC, mode)) < 0) {
		close(in);
		return (false);
	}
	while (ok && (n = read(in, buf, sizeof(buf))) > 0)
		ok = write(out, buf, n) == n;
	close(in);
	close(out);
	return (ok && n == 0);
}

int
main(void)
{
	char buf[4096], *argv[] = { "myecho", "from", "tmp", NULL };
	char *envp[] = { NULL };
	int status, fd;
	pid_t pid;

	/* echo > file, >> file, cat, ls. */
	status = run_shell("echo hello world > /tmp/sh_x\n"
	    "echo again >> /tmp/sh_x\n"
	    "cat /tmp/sh_x\n"
	    "echo -n no newline >/tmp/sh_y\n"
	    "ls /tmp\n"
	    "cat < /tmp/sh_y\n"
	    "exit\n", "/tmp/sh_out");
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	CHECK_EQ(slurp("/tmp/sh_x", buf, sizeof(buf)), 18);
	CHECK(strcmp(buf, "hello world\nagain\n") == 0);
	CHECK_EQ(slurp("/tmp/sh_y", buf, sizeof(buf)), 10);
	CHECK(strcmp(buf, "no newline") == 0);
	CHECK(slurp("/tmp/sh_out", buf, sizeof(buf)) > 0);
	CHECK(strstr(buf, "hello world\nagain\n") != NULL);
	CHECK(strstr(buf, "sh_x\nsh_y\n") != NULL);
	CHECK(strstr(buf, "no newline") != NULL);

	/* ls of a missing directory fails; the shell goes on. */
	status = run_shell("ls /nonexistent\necho still > /tmp/sh_x\n",
	    "/tmp/sh_out");
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	CHECK_EQ(slurp("/tmp/sh_x", buf, sizeof(buf)), 6);

	/* A program written into /tmp by this one runs from there. */
	CHECK(copy_file("/bin/echo", "/tmp/myecho", 0755));
	pid = CHECK_FORK();
	if (pid == 0) {
		fd = open("/tmp/sh_out", O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (fd < 0 || dup2(fd, 1) < 0)
			_exit(126);
		execve("/tmp/myecho", argv, envp);
		_exit(127);
	}
	CHECK_WAIT_EXIT(pid, 0);
	CHECK_EQ(slurp("/tmp/sh_out", buf, sizeof(buf)), 9);
	CHECK(strcmp(buf, "from tmp\n") == 0);
	/* ... and from the shell, by path. */
	status = run_shell("/tmp/myecho via sh > /tmp/sh_x\n", "/tmp/sh_out");
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	CHECK_EQ(slurp("/tmp/sh_x", buf, sizeof(buf)), 7);

	/* exec's errors: no execute bit, a directory, a missing file. */
	CHECK(copy_file("/bin/echo", "/tmp/noexec", 0644));
	CHECK_ERRNO(execve("/tmp/noexec", argv, envp), EACCES);
	CHECK_ERRNO(execve("/tmp", argv, envp), EACCES);
	CHECK_ERRNO(execve("/tmp/nothing", argv, envp), ENOENT);
	/* Not an ELF file. */
	CHECK(copy_file("/tmp/sh_x", "/tmp/notelf", 0755));
	CHECK_ERRNO(execve("/tmp/notelf", argv, envp), ENOEXEC);

	CHECK_OK(unlink("/tmp/myecho"));
	CHECK_OK(unlink("/tmp/noexec"));
	CHECK_OK(unlink("/tmp/notelf"));
	CHECK_OK(unlink("/tmp/sh_x"));
	CHECK_OK(unlink("/tmp/sh_y"));
	CHECK_OK(unlink("/tmp/sh_out"));
	return (check_done());
}
