/*
 * Pipes and descriptors, FreeBSD's semantics (sys/kern/sys_pipe.c,
 * sys_generic.c, kern_descrip.c): pipe2 between processes, end of file
 * once every writer is gone, EPIPE and SIGPIPE with no reader, transfers
 * far larger than the buffer, atomic writes of up to PIPE_BUF bytes,
 * O_NONBLOCK, dup2, close, lowest-free descriptor numbers, fstat, and a
 * blocked read restarted after a SA_RESTART handler.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

#define	PIPE_ATOMIC	512		/* PIPE_BUF (<limits.h> on FreeBSD) */
#define	LARGE		(256 * 1024)	/* bytes of the large transfers */
#define	RECORDS		100		/* PIPE_ATOMIC records per writer */

/* Byte i of a transfer: a pattern no buffer size divides. */
static char
stream_byte(size_t i)
{

	return ((char)((i * 7 + i / 251) & 0xff));
}

/* Sleep ms milliseconds. */
static void
sleep_ms(long ms)
{
	struct timespec ts;

	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (ms % 1000) * 1000 * 1000;
	nanosleep(&ts, NULL);
}

/* Read until len bytes or end of file; returns the count read, or -1. */
static ssize_t
read_full(int fd, char *buf, size_t len)
{
	size_t done;
	ssize_t n;

	for (done = 0; done < len; done += n) {
		n = read(fd, buf + done, len - done);
		if (n < 0)
			return (-1);
		if (n == 0)
			break;
	}
	return (done);
}

/*
 * The basics: data comes out as it went in; a read returns what is there
 * without waiting for more; fstat says FIFO, and on the read end st_size
 * is the bytes waiting (pipe_stat()).  Unknown pipe2 flags are EINVAL.
 */
static void
test_basic(void)
{
	struct stat st;
	char buf[64];
	int fds[2];

	fds[0] = fds[1] = -1;
	CHECK_OK(pipe2(fds, 0));
	CHECK(fds[0] >= 0 && fds[1] >= 0 && fds[0] != fds[1]);
	CHECK_EQ(write(fds[1], "hello", 5), 5);
	CHECK_OK(fstat(fds[0], &st));
	CHECK(S_ISFIFO(st.st_mode));
	CHECK_EQ(st.st_size, 5);
	CHECK_OK(fstat(fds[1], &st));
	CHECK(S_ISFIFO(st.st_mode));
	memset(buf, 0, sizeof(buf));
	CHECK_EQ(read(fds[0], buf, sizeof(buf)), 5);
	CHECK_EQ(memcmp(buf, "hello", 5), 0);
	CHECK_EQ(write(fds[1], "ab", 2), 2);
	CHECK_EQ(write(fds[1], "cd", 2), 2);
	CHECK_EQ(read(fds[0], buf, 3), 3);
	CHECK_EQ(memcmp(buf, "abc", 3), 0);
	CHECK_EQ(read(fds[0], buf, sizeof(buf)), 1);
	CHECK_EQ(buf[0], 'd');
	/* Zero bytes: nothing to do, and no blocking. */
	CHECK_EQ(write(fds[1], buf, 0), 0);
	CHECK_EQ(read(fds[0], buf, 0), 0);
	CHECK_OK(close(fds[0]));
	CHECK_OK(close(fds[1]));

	CHECK_OK(pipe2(fds, O_CLOEXEC | O_NONBLOCK));
	CHECK_OK(close(fds[0]));
	CHECK_OK(close(fds[1]));
	CHECK_ERRNO(pipe2(fds, O_APPEND), EINVAL);
	CHECK_ERRNO(pipe2(fds, 0x40000000), EINVAL);
}

/*
 * Between parent and child, both ways; the reader sees end of file only
 * once every copy of the write end is closed.
 */
static void
test_parent_child(void)
{
	int down[2], up[2];
	char buf[32];
	pid_t pid;

	CHECK_OK(pipe2(down, 0));
	CHECK_OK(pipe2(up, 0));
	pid = CHECK_FORK();
	if (pid == 0) {
		close(down[1]);
		close(up[0]);
		CHECK_EQ(read_full(down[0], buf, 4), 4);
		CHECK_EQ(memcmp(buf, "ping", 4), 0);
		CHECK_EQ(write(up[1], "pong", 4), 4);
		/* The parent closes its end next: end of file. */
		CHECK_EQ(read(down[0], buf, sizeof(buf)), 0);
		CHECK_EQ(read(down[0], buf, sizeof(buf)), 0);
		check_child_exit();
	}
	close(down[0]);
	close(up[1]);
	CHECK_EQ(write(down[1], "ping", 4), 4);
	CHECK_EQ(read_full(up[0], buf, 4), 4);
	CHECK_EQ(memcmp(buf, "pong", 4), 0);
	close(down[1]);
	CHECK_WAIT_EXIT(pid, 0);
	/* The child's write end went with it. */
	CHECK_EQ(read(up[0], buf, sizeof(buf)), 0);
	close(up[0]);
}

/* End of file: data written before the close still comes first. */
static void
test_eof(void)
{
	char buf[16];
	int fds[2];

	CHECK_OK(pipe2(fds, 0));
	CHECK_EQ(write(fds[1], "tail", 4), 4);
	CHECK_OK(close(fds[1]));
	CHECK_EQ(read(fds[0], buf, sizeof(buf)), 4);
	CHECK_EQ(read(fds[0], buf, sizeof(buf)), 0);
	CHECK_EQ(read(fds[0], buf, sizeof(buf)), 0);
	CHECK_OK(close(fds[0]));
}

/*
 * Writing with no reader: SIGPIPE, and EPIPE if the process survives
 * (caught or ignored); by default the signal ends the process.
 */
static void
test_epipe(void)
{
	int fds[2];
	pid_t pid;

	CHECK_OK(pipe2(fds, 0));
	CHECK_OK(close(fds[0]));
	check_caught[SIGPIPE] = 0;
	signal(SIGPIPE, check_catch);
	CHECK_ERRNO(write(fds[1], "x", 1), EPIPE);
	CHECK_EQ(check_caught[SIGPIPE], 1);
	signal(SIGPIPE, SIG_IGN);
	CHECK_ERRNO(write(fds[1], "xy", 2), EPIPE);
	CHECK_EQ(check_caught[SIGPIPE], 1);
	signal(SIGPIPE, SIG_DFL);

	pid = CHECK_FORK();
	if (pid == 0) {
		write(fds[1], "z", 1);
		_exit(0);
	}
	CHECK_WAIT_SIGNAL(pid, SIGPIPE);
	CHECK_OK(close(fds[1]));

	/*
	 * The reader goes away while the writer is blocked on a full pipe:
	 * the write returns what it wrote, not EPIPE (pipe_write(): "Don't
	 * return EPIPE if any byte was written"); the next write is EPIPE.
	 */
	CHECK_OK(pipe2(fds, 0));
	pid = CHECK_FORK();
	if (pid == 0) {
		char *big;
		ssize_t n;

		close(fds[0]);
		signal(SIGPIPE, SIG_IGN);
		big = calloc(1, LARGE);
		if (big == NULL)
			_exit(2);
		n = write(fds[1], big, LARGE);
		CHECK(n > 0 && n < LARGE);
		CHECK_ERRNO(write(fds[1], big, 1), EPIPE);
		check_child_exit();
	}
	close(fds[1]);
	sleep_ms(50);
	close(fds[0]);
	CHECK_WAIT_EXIT(pid, 0);
}

/*
 * LARGE bytes each way through a buffer far smaller: one blocking write
 * moves them all, the reader takes them in odd-sized pieces.
 */
static void
test_large(void)
{
	static const size_t chunks[] = { 1, 1000, 4097, 65536, 3, 12345 };
	size_t i, got, k;
	char *buf;
	int down[2], up[2];
	ssize_t n;
	pid_t pid;

	buf = malloc(LARGE);
	CHECK(buf != NULL);
	if (buf == NULL)
		return;
	CHECK_OK(pipe2(down, 0));
	CHECK_OK(pipe2(up, 0));
	pid = CHECK_FORK();
	if (pid == 0) {
		close(down[1]);
		close(up[0]);
		got = 0;
		for (k = 0; got < LARGE; k++) {
			n = read(down[0], buf + got,
			    MIN(chunks[k % 6], LARGE - got));
			if (n <= 0)
				break;
			got += n;
		}
		CHECK_EQ(got, LARGE);
		for (i = 0; i < LARGE; i++)
			if (buf[i] != stream_byte(i))
				break;
		CHECK_EQ(i, LARGE);
		CHECK_EQ(read(down[0], buf, 1), 0);
		/* And back, in one write. */
		for (i = 0; i < LARGE; i++)
			buf[i] = stream_byte(LARGE - i);
		CHECK_EQ(write(up[1], buf, LARGE), LARGE);
		check_child_exit();
	}
	close(down[0]);
	close(up[1]);
	for (i = 0; i < LARGE; i++)
		buf[i] = stream_byte(i);
	CHECK_EQ(write(down[1], buf, LARGE), LARGE);
	close(down[1]);
	memset(buf, 0, LARGE);
	CHECK_EQ(read_full(up[0], buf, LARGE), LARGE);
	for (i = 0; i < LARGE; i++)
		if (buf[i] != stream_byte(LARGE - i))
			break;
	CHECK_EQ(i, LARGE);
	CHECK_WAIT_EXIT(pid, 0);
	close(up[0]);
	free(buf);
}

/*
 * Writes of PIPE_BUF bytes or less are atomic: with two writers, every
 * record arrives whole, never interleaved with the other's.
 */
static void
test_atomic_writes(void)
{
	char rec[PIPE_ATOMIC];
	char *all;
	size_t total, i, j;
	int fds[2], w, n[2];
	pid_t pid[2];

	total = 2 * RECORDS * PIPE_ATOMIC;
	all = malloc(total);
	CHECK(all != NULL);
	if (all == NULL)
		return;
	CHECK_OK(pipe2(fds, 0));
	for (w = 0; w < 2; w++) {
		pid[w] = CHECK_FORK();
		if (pid[w] == 0) {
			close(fds[0]);
			memset(rec, 'A' + w, sizeof(rec));
			for (i = 0; i < RECORDS; i++) {
				rec[0] = (char)i;
				if (write(fds[1], rec, sizeof(rec)) !=
				    sizeof(rec))
					_exit(1);
			}
			_exit(0);
		}
	}
	close(fds[1]);
	CHECK_EQ(read_full(fds[0], all, total), total);
	n[0] = n[1] = 0;
	for (i = 0; i < total; i += PIPE_ATOMIC) {
		w = all[i + 1] - 'A';
		CHECK(w == 0 || w == 1);
		if (w != 0 && w != 1)
			break;
		for (j = 1; j < PIPE_ATOMIC; j++)
			if (all[i + j] != 'A' + w)
				break;
		CHECK_EQ(j, PIPE_ATOMIC);
		/* Each writer's records arrive in order. */
		CHECK_EQ((unsigned char)all[i], n[w]);
		n[w]++;
	}
	CHECK_EQ(n[0], RECORDS);
	CHECK_EQ(n[1], RECORDS);
	CHECK_WAIT_EXIT(pid[0], 0);
	CHECK_WAIT_EXIT(pid[1], 0);
	close(fds[0]);
	free(all);
}

/*
 * O_NONBLOCK: an empty pipe reads EAGAIN, a full one writes EAGAIN; room
 * made by a read is usable again; end of file still reads 0.
 */
static void
test_nonblock(void)
{
	char buf[1024];
	size_t total, drained;
	int fds[2];
	ssize_t n;

	CHECK_OK(pipe2(fds, O_NONBLOCK));
	CHECK_ERRNO(read(fds[0], buf, sizeof(buf)), EAGAIN);
	memset(buf, 'f', sizeof(buf));
	total = 0;
	for (;;) {
		n = write(fds[1], buf, sizeof(buf));
		if (n < 0)
			break;
		total += n;
		if (total > 4 * 1024 * 1024)
			break;
	}
	CHECK_EQ(errno, EAGAIN);
	CHECK(total >= 4096 && total <= 4 * 1024 * 1024);
	CHECK_ERRNO(write(fds[1], buf, 1), EAGAIN);
	CHECK_EQ(read(fds[0], buf, sizeof(buf)), sizeof(buf));
	CHECK_EQ(write(fds[1], buf, PIPE_ATOMIC), PIPE_ATOMIC);
	CHECK_OK(close(fds[1]));
	drained = 0;
	while ((n = read(fds[0], buf, sizeof(buf))) > 0)
		drained += n;
	CHECK_EQ(n, 0);
	CHECK_EQ(drained, total - sizeof(buf) + PIPE_ATOMIC);
	CHECK_OK(close(fds[0]));
}

/*
 * dup2: the copy reaches the same pipe and outlives the original; dup2
 * onto an open descriptor closes that one first; dup2(fd, fd) is fd;
 * bad descriptors are EBADF (kern_dup()).
 */
static void
test_dup2(void)
{
	int p[2], q[2];
	char buf[8];

	CHECK_OK(pipe2(p, 0));
	CHECK_OK(pipe2(q, 0));
	CHECK_EQ(dup2(p[1], 10), 10);
	CHECK_EQ(write(10, "d", 1), 1);
	CHECK_EQ(read(p[0], buf, sizeof(buf)), 1);
	CHECK_EQ(buf[0], 'd');
	CHECK_OK(close(p[1]));
	CHECK_EQ(write(10, "e", 1), 1);
	CHECK_EQ(read(p[0], buf, sizeof(buf)), 1);
	CHECK_EQ(buf[0], 'e');
	CHECK_EQ(dup2(p[0], p[0]), p[0]);
	/* Replacing 10 (p's last writer) by q's writer: p reads EOF. */
	CHECK_EQ(dup2(q[1], 10), 10);
	CHECK_EQ(read(p[0], buf, sizeof(buf)), 0);
	CHECK_EQ(write(10, "f", 1), 1);
	CHECK_EQ(read(q[0], buf, sizeof(buf)), 1);
	CHECK_EQ(buf[0], 'f');

	CHECK_ERRNO(dup2(-1, 11), EBADF);
	CHECK_ERRNO(dup2(77, 11), EBADF);
	CHECK_ERRNO(dup2(q[0], -1), EBADF);
	CHECK_ERRNO(dup2(q[0], 0x7fffffff), EBADF);
	CHECK_ERRNO(dup2(p[1], 11), EBADF);
	CHECK_OK(close(10));
	CHECK_OK(close(p[0]));
	CHECK_OK(close(q[0]));
	CHECK_OK(close(q[1]));
}

/*
 * close: a closed descriptor is EBADF for everything, closing it again
 * too; new descriptors take the lowest free numbers.
 */
static void
test_close(void)
{
	struct stat st;
	char c;
	int a[2], b[2];

	CHECK_OK(pipe2(a, 0));
	CHECK_OK(close(a[0]));
	CHECK_ERRNO(close(a[0]), EBADF);
	CHECK_ERRNO(read(a[0], &c, 1), EBADF);
	CHECK_ERRNO(write(a[0], &c, 1), EBADF);
	CHECK_ERRNO(fstat(a[0], &st), EBADF);
	CHECK_ERRNO(close(-1), EBADF);
	CHECK_ERRNO(close(1000000), EBADF);
	CHECK_OK(pipe2(b, 0));
	CHECK_EQ(b[0], a[0]);
	CHECK(b[1] > a[1]);
	CHECK_OK(close(a[1]));
	CHECK_OK(close(b[0]));
	CHECK_OK(close(b[1]));
}

/*
 * A read blocked on an empty pipe: a SA_RESTART handler runs and the
 * read goes on to return the data written later.  Without SA_RESTART
 * the read returns EINTR, unless the signal came before it blocked.
 */
static void
test_restart(void)
{
	struct sigaction sa;
	int fds[2], restart;
	ssize_t n;
	pid_t pid;
	char c;

	for (restart = 1; restart >= 0; restart--) {
		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = check_catch;
		sa.sa_flags = restart ? SA_RESTART : 0;
		sigemptyset(&sa.sa_mask);
		CHECK_OK(sigaction(SIGUSR1, &sa, NULL));
		check_caught[SIGUSR1] = 0;
		CHECK_OK(pipe2(fds, 0));
		pid = CHECK_FORK();
		if (pid == 0) {
			sleep_ms(200);
			kill(getppid(), SIGUSR1);
			sleep_ms(100);
			write(fds[1], "r", 1);
			_exit(0);
		}
		c = 0;
		n = read(fds[0], &c, 1);
		if (restart) {
			CHECK_EQ(n, 1);
			CHECK_EQ(c, 'r');
		} else {
			CHECK((n == -1 && errno == EINTR) || n == 1);
			if (n == -1)
				CHECK_EQ(read(fds[0], &c, 1), 1);
		}
		CHECK_EQ(check_caught[SIGUSR1], 1);
		CHECK_WAIT_EXIT(pid, 0);
		close(fds[0]);
		close(fds[1]);
	}
	signal(SIGUSR1, SIG_DFL);
}

int
main(void)
{

	test_basic();
	test_parent_child();
	test_eof();
	test_epipe();
	test_large();
	test_atomic_writes();
	test_nonblock();
	test_dup2();
	test_close();
	test_restart();
	return (check_done());
}
