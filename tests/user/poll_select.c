/*
 * Waiting on descriptors (docs/abi.md section 4.8): select and poll time
 * out (no earlier than asked), wake when a child writes a pipe, see end of
 * file and a gone reader as FreeBSD does, find regular files, /dev/null
 * and the console ready, and fail on bad input with FreeBSD's errnos
 * (POLLNVAL for a descriptor poll cannot find); a signal interrupts them
 * (EINTR) and SIGKILL ends a process blocked in them.  Pipes: O_NONBLOCK
 * set by fcntl gives EAGAIN, writers of PIPE_BUF bytes never interleave,
 * a 64 KiB write into an empty pipe goes in whole (the buffer grows), and
 * both ends read and write, as FreeBSD's.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/select.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

#define	PIPE_ATOMIC	512		/* PIPE_BUF */
#define	WRITERS		4		/* processes writing one pipe */
#define	RECORDS		64		/* PIPE_ATOMIC records per writer */
#define	BIG_WRITE	(64 * 1024)	/* the grown pipe buffer */
#define	BAD_ADDR	((void *)16)	/* in the unmapped page zero */

/* Nanoseconds of CLOCK_MONOTONIC. */
static int64_t
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec);
}

/* Sleep ms milliseconds. */
static void
sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000 };

	nanosleep(&ts, NULL);
}

/* A timeout returns 0, and only once the time asked has passed. */
static void
test_timeouts(void)
{
	struct timeval tv;
	struct pollfd pfd;
	fd_set rd;
	int64_t t0;
	int p[2];

	CHECK_OK(pipe(p));
	FD_ZERO(&rd);
	FD_SET(p[0], &rd);
	tv.tv_sec = 0;
	tv.tv_usec = 50000;
	t0 = now_ns();
	CHECK_EQ(select(p[0] + 1, &rd, NULL, NULL, &tv), 0);
	CHECK(now_ns() - t0 >= 50000000);
	CHECK(!FD_ISSET(p[0], &rd));

	pfd.fd = p[0];
	pfd.events = POLLIN;
	pfd.revents = -1;
	t0 = now_ns();
	CHECK_EQ(poll(&pfd, 1, 70), 0);
	CHECK(now_ns() - t0 >= 70000000);
	CHECK_EQ(pfd.revents, 0);

	/* A zero timeout only looks. */
	tv.tv_sec = 0;
	tv.tv_usec = 0;
	FD_SET(p[0], &rd);
	CHECK_EQ(select(p[0] + 1, &rd, NULL, NULL, &tv), 0);
	CHECK_EQ(poll(&pfd, 1, 0), 0);
	/* Nothing to wait for still waits for the timeout. */
	t0 = now_ns();
	CHECK_EQ(poll(NULL, 0, 30), 0);
	CHECK(now_ns() - t0 >= 30000000);
	close(p[0]);
	close(p[1]);
}

/* A child writes the pipe after a while: select, then poll, wake. */
static void
test_wake(void)
{
	struct pollfd pfd;
	fd_set rd, wr;
	pid_t pid;
	char c;
	int p[2];

	CHECK_OK(pipe(p));
	pid = CHECK_FORK();
	if (pid == 0) {
		sleep_ms(50);
		CHECK_EQ(write(p[1], "a", 1), 1);
		sleep_ms(50);
		CHECK_EQ(write(p[1], "b", 1), 1);
		check_child_exit();
	}
	FD_ZERO(&rd);
	FD_ZERO(&wr);
	FD_SET(p[0], &rd);
	FD_SET(p[1], &wr);
	/* The write end is writable at once. */
	CHECK_EQ(select(p[1] + 1, NULL, &wr, NULL, NULL), 1);
	CHECK(FD_ISSET(p[1], &wr));
	CHECK_EQ(select(p[0] + 1, &rd, NULL, NULL, NULL), 1);
	CHECK(FD_ISSET(p[0], &rd));
	CHECK_EQ(read(p[0], &c, 1), 1);
	CHECK_EQ(c, 'a');
	pfd.fd = p[0];
	pfd.events = POLLIN;
	CHECK_EQ(poll(&pfd, 1, INFTIM), 1);
	CHECK_EQ(pfd.revents, POLLIN);
	CHECK_EQ(read(p[0], &c, 1), 1);
	CHECK_EQ(c, 'b');
	CHECK_WAIT_EXIT(pid, 0);
	close(p[1]);
	/* Every writer gone: readable (end of file) and POLLHUP. */
	CHECK_EQ(poll(&pfd, 1, INFTIM), 1);
	CHECK_EQ(pfd.revents, POLLIN | POLLHUP);
	CHECK_EQ(select(p[0] + 1, &rd, NULL, NULL, NULL), 1);
	CHECK_EQ(read(p[0], &c, 1), 0);
	close(p[0]);

	/* The reader gone: the write end says POLLHUP, not POLLOUT. */
	CHECK_OK(pipe(p));
	close(p[0]);
	pfd.fd = p[1];
	pfd.events = POLLOUT;
	CHECK_EQ(poll(&pfd, 1, 0), 1);
	CHECK_EQ(pfd.revents, POLLHUP);
	close(p[1]);
}

/* Regular files, /dev/null and the console's output are always ready. */
static void
test_always_ready(void)
{
	struct pollfd pfd[3];
	fd_set rd, wr;
	int fd, dn;

	fd = open("/tmp/poll_select", O_RDWR | O_CREAT | O_TRUNC, 0600);
	CHECK(fd >= 0);
	dn = open("/dev/null", O_RDWR);
	CHECK(dn >= 0);
	pfd[0].fd = fd;
	pfd[0].events = POLLIN | POLLOUT;
	pfd[1].fd = dn;
	pfd[1].events = POLLIN | POLLOUT;
	pfd[2].fd = 1;
	pfd[2].events = POLLOUT;
	CHECK_EQ(poll(pfd, 3, INFTIM), 3);
	CHECK_EQ(pfd[0].revents, POLLIN | POLLOUT);
	CHECK_EQ(pfd[1].revents, POLLIN | POLLOUT);
	CHECK_EQ(pfd[2].revents, POLLOUT);
	FD_ZERO(&rd);
	FD_ZERO(&wr);
	FD_SET(fd, &rd);
	FD_SET(dn, &rd);
	FD_SET(fd, &wr);
	FD_SET(dn, &wr);
	CHECK_EQ(select(MAX(fd, dn) + 1, &rd, &wr, NULL, NULL), 4);
	close(fd);
	close(dn);
	unlink("/tmp/poll_select");
}

/*
 * The console with O_NONBLOCK: no line typed, so a read is EAGAIN (tests
 * run with nothing typed).  The flag is the console file's, shared with
 * every process, so it is put back at once.
 */
static void
test_console_nonblock(void)
{
	char c;
	int fl;

	fl = fcntl(0, F_GETFL);
	CHECK(fl != -1);
	CHECK_OK(fcntl(0, F_SETFL, fl | O_NONBLOCK));
	CHECK_ERRNO(read(0, &c, 1), EAGAIN);
	CHECK_OK(fcntl(0, F_SETFL, fl));
}

/*
 * Both ends read and write, as FreeBSD's: what one end writes the other
 * reads, in each direction apart; closing one end is end of file and
 * POLLHUP at the other.
 */
static void
test_bidirectional(void)
{
	struct pollfd pfd[2];
	char buf[8];
	pid_t pid;
	int p[2];

	CHECK_OK(pipe(p));
	CHECK_EQ(fcntl(p[0], F_GETFL) & O_ACCMODE, O_RDWR);
	CHECK_EQ(fcntl(p[1], F_GETFL) & O_ACCMODE, O_RDWR);
	CHECK_EQ(write(p[0], "back", 4), 4);
	CHECK_EQ(write(p[1], "fwd", 3), 3);
	pfd[0].fd = p[0];
	pfd[1].fd = p[1];
	pfd[0].events = pfd[1].events = POLLIN | POLLOUT;
	CHECK_EQ(poll(pfd, 2, 0), 2);
	CHECK_EQ(pfd[0].revents, POLLIN | POLLOUT);
	CHECK_EQ(pfd[1].revents, POLLIN | POLLOUT);
	CHECK_EQ(read(p[1], buf, sizeof(buf)), 4);
	CHECK(memcmp(buf, "back", 4) == 0);
	CHECK_EQ(read(p[0], buf, sizeof(buf)), 3);
	CHECK(memcmp(buf, "fwd", 3) == 0);
	CHECK_EQ(poll(pfd, 2, 0), 2);
	CHECK_EQ(pfd[0].revents, POLLOUT);
	CHECK_EQ(pfd[1].revents, POLLOUT);

	/* A child answers on the same pipe: a request, then its reply. */
	pid = CHECK_FORK();
	if (pid == 0) {
		CHECK_EQ(read(p[1], buf, 4), 4);
		CHECK(memcmp(buf, "ping", 4) == 0);
		CHECK_EQ(write(p[1], "pong", 4), 4);
		check_child_exit();
	}
	CHECK_EQ(write(p[0], "ping", 4), 4);
	pfd[0].events = POLLIN;
	CHECK_EQ(poll(pfd, 1, INFTIM), 1);
	CHECK_EQ(read(p[0], buf, 4), 4);
	CHECK(memcmp(buf, "pong", 4) == 0);
	CHECK_WAIT_EXIT(pid, 0);

	/* Closing end 1: end 0 reads end of file and cannot write. */
	CHECK_EQ(write(p[0], "x", 1), 1);
	close(p[1]);
	pfd[0].events = POLLIN | POLLOUT;
	CHECK_EQ(poll(pfd, 1, 0), 1);
	CHECK_EQ(pfd[0].revents, POLLIN | POLLHUP);
	CHECK_EQ(read(p[0], buf, 1), 0);
	signal(SIGPIPE, SIG_IGN);
	CHECK_ERRNO(write(p[0], "y", 1), EPIPE);
	signal(SIGPIPE, SIG_DFL);
	close(p[0]);
}

/* O_NONBLOCK set by fcntl: EAGAIN for an empty read and a full pipe. */
static void
test_nonblock(void)
{
	static char buf[4096];
	struct pollfd pfd;
	ssize_t n;
	size_t total = 0;
	int p[2];

	CHECK_OK(pipe(p));
	CHECK_OK(fcntl(p[0], F_SETFL, fcntl(p[0], F_GETFL) | O_NONBLOCK));
	CHECK_OK(fcntl(p[1], F_SETFL, fcntl(p[1], F_GETFL) | O_NONBLOCK));
	CHECK(fcntl(p[0], F_GETFL) & O_NONBLOCK);
	CHECK_ERRNO(read(p[0], buf, 1), EAGAIN);
	memset(buf, 'n', sizeof(buf));
	while ((n = write(p[1], buf, sizeof(buf))) > 0)
		total += n;
	CHECK_EQ(n, -1);
	CHECK_EQ(errno, EAGAIN);
	CHECK(total >= 16384);
	/* Full: not writable now. */
	pfd.fd = p[1];
	pfd.events = POLLOUT;
	CHECK_EQ(poll(&pfd, 1, 0), 0);
	while ((n = read(p[0], buf, sizeof(buf))) > 0)
		total -= n;
	CHECK_EQ(n, -1);
	CHECK_EQ(errno, EAGAIN);
	CHECK_EQ(total, 0);
	CHECK_EQ(poll(&pfd, 1, 0), 1);
	close(p[0]);
	close(p[1]);
}

/* A 64 KiB write into an empty pipe goes in whole, with nobody reading. */
static void
test_big_write(void)
{
	static char buf[BIG_WRITE], back[BIG_WRITE];
	size_t i;
	int p[2];

	for (i = 0; i < sizeof(buf); i++)
		buf[i] = (char)(i * 13 + i / 511);
	/* Non-blocking, so a pipe that did not grow fails and cannot hang. */
	CHECK_OK(pipe2(p, O_NONBLOCK));
	CHECK_EQ(write(p[1], buf, sizeof(buf)), sizeof(buf));
	CHECK_ERRNO(write(p[1], buf, 1), EAGAIN);
	CHECK_EQ(read(p[0], back, sizeof(back)), sizeof(back));
	CHECK(memcmp(buf, back, sizeof(buf)) == 0);
	close(p[0]);
	close(p[1]);
}

/* Several writers of PIPE_BUF-byte records: no record is torn. */
static void
test_atomic(void)
{
	static char buf[WRITERS * RECORDS * PIPE_ATOMIC];
	char rec[PIPE_ATOMIC];
	pid_t pids[WRITERS];
	size_t got = 0, i;
	ssize_t n;
	int counts[WRITERS] = { 0 }, p[2], w, r;

	CHECK_OK(pipe(p));
	for (w = 0; w < WRITERS; w++) {
		pids[w] = CHECK_FORK();
		if (pids[w] == 0) {
			close(p[0]);
			memset(rec, 'A' + w, sizeof(rec));
			for (r = 0; r < RECORDS; r++)
				CHECK_EQ(write(p[1], rec, sizeof(rec)),
				    sizeof(rec));
			check_child_exit();
		}
	}
	close(p[1]);
	while (got < sizeof(buf) &&
	    (n = read(p[0], buf + got, sizeof(buf) - got)) > 0)
		got += n;
	CHECK_EQ(got, sizeof(buf));
	for (i = 0; i + PIPE_ATOMIC <= got; i += PIPE_ATOMIC) {
		w = buf[i] - 'A';
		CHECK(w >= 0 && w < WRITERS);
		CHECK(all_are(buf + i, PIPE_ATOMIC, buf[i]));
		if (w >= 0 && w < WRITERS)
			counts[w]++;
	}
	for (w = 0; w < WRITERS; w++) {
		CHECK_EQ(counts[w], RECORDS);
		CHECK_WAIT_EXIT(pids[w], 0);
	}
	close(p[0]);
}

/* FreeBSD's errnos for bad input; POLLNVAL for a closed descriptor. */
static void
test_bad_input(void)
{
	struct pollfd pfd[2];
	struct timeval tv;
	fd_set rd;
	int p[2];

	CHECK_OK(pipe(p));
	CHECK_ERRNO(poll(BAD_ADDR, 1, 0), EFAULT);
	CHECK_ERRNO(poll(pfd, FD_SETSIZE + 1, 0), EINVAL);
	pfd[0].fd = p[0];
	pfd[0].events = POLLIN;
	CHECK_ERRNO(poll(pfd, 1, -2), EINVAL);
	pfd[0].fd = 60;			/* not open */
	pfd[0].events = POLLIN;
	pfd[1].fd = -1;			/* ignored */
	pfd[1].events = POLLIN;
	pfd[1].revents = -1;
	CHECK_EQ(poll(pfd, 2, INFTIM), 1);
	CHECK_EQ(pfd[0].revents, POLLNVAL);
	CHECK_EQ(pfd[1].revents, 0);

	FD_ZERO(&rd);
	CHECK_ERRNO(select(-1, &rd, NULL, NULL, NULL), EINVAL);
	FD_SET(60, &rd);
	CHECK_ERRNO(select(61, &rd, NULL, NULL, NULL), EBADF);
	FD_ZERO(&rd);
	FD_SET(p[0], &rd);
	tv.tv_sec = 0;
	tv.tv_usec = 1000000;
	CHECK_ERRNO(select(p[0] + 1, &rd, NULL, NULL, &tv), EINVAL);
	tv.tv_sec = -1;
	tv.tv_usec = 0;
	CHECK_ERRNO(select(p[0] + 1, &rd, NULL, NULL, &tv), EINVAL);
	CHECK_ERRNO(select(p[0] + 1, BAD_ADDR, NULL, NULL, NULL), EFAULT);
	CHECK_ERRNO(select(p[0] + 1, &rd, NULL, NULL, BAD_ADDR), EFAULT);
	/* Descriptors at or above nd are not looked at. */
	FD_SET(60, &rd);
	tv.tv_sec = 0;
	tv.tv_usec = 0;
	CHECK_EQ(select(p[0] + 1, &rd, NULL, NULL, &tv), 0);
	close(p[0]);
	close(p[1]);
}

static void
on_alarm(int sig)
{
	(void)sig;
}

/* A caught signal ends the wait with EINTR; SIGKILL ends the process. */
static void
test_signals(void)
{
	struct sigaction sa;
	struct itimerval it;
	struct pollfd pfd;
	fd_set rd;
	pid_t pid;
	int p[2];

	CHECK_OK(pipe(p));
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;
	CHECK_OK(sigaction(SIGALRM, &sa, NULL));
	memset(&it, 0, sizeof(it));
	it.it_value.tv_usec = 50000;
	CHECK_OK(setitimer(ITIMER_REAL, &it, NULL));
	pfd.fd = p[0];
	pfd.events = POLLIN;
	CHECK_ERRNO(poll(&pfd, 1, INFTIM), EINTR);
	/* As FreeBSD, even SA_RESTART does not restart select. */
	sa.sa_flags = SA_RESTART;
	CHECK_OK(sigaction(SIGALRM, &sa, NULL));
	CHECK_OK(setitimer(ITIMER_REAL, &it, NULL));
	FD_ZERO(&rd);
	FD_SET(p[0], &rd);
	CHECK_ERRNO(select(p[0] + 1, &rd, NULL, NULL, NULL), EINTR);
	sa.sa_handler = SIG_DFL;
	CHECK_OK(sigaction(SIGALRM, &sa, NULL));

	pid = CHECK_FORK();
	if (pid == 0) {
		FD_SET(p[0], &rd);
		select(p[0] + 1, &rd, NULL, NULL, NULL);
		_exit(1);
	}
	sleep_ms(50);
	CHECK_OK(kill(pid, SIGKILL));
	CHECK_WAIT_SIGNAL(pid, SIGKILL);
	close(p[0]);
	close(p[1]);
}

int
main(void)
{
	pid_t dog;

	dog = check_watchdog_start(60);
	test_timeouts();
	test_wake();
	test_always_ready();
	test_bidirectional();
	test_console_nonblock();
	test_nonblock();
	test_big_write();
	test_atomic();
	test_bad_input();
	test_signals();
	check_watchdog_stop(dog);
	return (check_done());
}
