/*
 * Processes and memory come and go without leaking.  A hundred fork and
 * exit cycles, each child holding memory in a different way when it ends
 * (pages copied on write, private and shared mappings, a thread still
 * running, death by SIGKILL or by a fault, an exec), then churn of
 * mappings, pipes, shared memory objects and threads.  Counting pages is
 * the kernel's job (its tests compare the free page count around the user
 * tests); this program drives the paths and checks that every step keeps
 * working, which a leak would end by running out of memory.
 */
#include <sys/types.h>
#include <sys/mman.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

#define	SELF		"/tests/leak"
#define	CYCLES		100	/* fork cycles (at most ~100, see above) */
#define	PARENT_PAGES	16	/* the parent's pages, shared copy-on-write */
#define	CHILD_PAGES	16	/* each child's own pages */
#define	BIG_BYTES	(4 * 1024 * 1024)	/* the last allocation */

static size_t pg;	/* the page size */

/* Map npages private pages and touch every one; NULL on failure. */
static char *
map_touched(size_t npages, int c)
{
	char *p;

	p = mmap(NULL, npages * pg, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANON, -1, 0);
	if (p == MAP_FAILED)
		return (NULL);
	memset(p, c, npages * pg);
	return (p);
}

/* A thread that takes, touches and frees memory; NULL if all went well. */
static void *
map_worker(void *arg)
{
	char *p;

	p = map_touched(4, 'w');
	if (p == NULL || munmap(p, 4 * pg) != 0)
		return (arg);
	return (NULL);
}

/* A thread that never ends by itself. */
static void *
forever(void *arg)
{
	struct timespec ts = { 0, 5 * 1000 * 1000 };

	(void)arg;
	for (;;)
		nanosleep(&ts, NULL);
	return (NULL);
}

/*
 * Child of cycle i: take memory in one of several ways, then end in one
 * of several ways.  Exit status 0 (or the expected signal) if all went
 * well.
 */
static void __dead2
child_cycle(int i, char *shared, int shm_fd)
{
	char *argv[] = { SELF, "child", NULL };
	char *envp[] = { NULL };
	volatile char *bad;
	pthread_t t;
	char *own, *s;
	size_t k;

	/* Copy on write half of the parent's pages, add pages of our own. */
	for (k = 0; k < PARENT_PAGES; k += 2)
		shared[k * pg] = (char)i;
	own = map_touched(CHILD_PAGES, i);
	if (own == NULL)
		_exit(2);
	s = mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_SHARED, shm_fd, 0);
	if (s == MAP_FAILED)
		_exit(3);
	s[i % pg] = (char)i;
	switch (i % 5) {
	case 0:
		_exit(0);
	case 1:
		kill(getpid(), SIGKILL);
		_exit(4);
	case 2:
		if (pthread_create(&t, NULL, forever, NULL) != 0)
			_exit(5);
		sched_yield();
		_exit(0);
	case 3:
		bad = own + (CHILD_PAGES - 1) * pg;
		munmap((void *)bad, pg);
		*bad = 1;
		_exit(6);
	default:
		if (i % 20 == 4) {
			execve(SELF, argv, envp);
			_exit(7);
		}
		/* Unmap what we took before exiting, for once. */
		munmap(own, CHILD_PAGES * pg);
		munmap(s, pg);
		_exit(0);
	}
}

/*
 * CYCLES fork cycles; each child ends as child_cycle() decides and the
 * parent's memory stays as it was.
 */
static void
test_fork_cycles(void)
{
	char *shared, *page0;
	size_t k;
	pid_t pid;
	int i, fd;

	shared = map_touched(PARENT_PAGES, 'P');
	CHECK(shared != NULL);
	if (shared == NULL)
		return;
	fd = shm_open2(SHM_ANON, O_RDWR, 0600, 0, NULL);
	CHECK(fd >= 0);
	if (fd < 0)
		return;
	CHECK_OK(ftruncate(fd, pg));
	for (i = 0; i < CYCLES; i++) {
		pid = CHECK_FORK();
		if (pid == 0)
			child_cycle(i, shared, fd);
		switch (i % 5) {
		case 1:
			CHECK_WAIT_SIGNAL(pid, SIGKILL);
			break;
		case 3:
			CHECK_WAIT_SIGNAL(pid, SIGSEGV);
			break;
		default:
			CHECK_WAIT_EXIT(pid, 0);
			break;
		}
		/* Now and then the parent's pages are replaced. */
		if (i % 10 == 9) {
			CHECK_OK(munmap(shared, PARENT_PAGES * pg));
			shared = map_touched(PARENT_PAGES, 'P');
			CHECK(shared != NULL);
			if (shared == NULL)
				return;
		}
	}
	for (k = 0; k < PARENT_PAGES; k++)
		CHECK_EQ(shared[k * pg], 'P');
	/* The children's writes to the shared object all landed. */
	page0 = mmap(NULL, pg, PROT_READ, MAP_SHARED, fd, 0);
	CHECK(page0 != MAP_FAILED);
	if (page0 != MAP_FAILED) {
		CHECK_EQ(page0[CYCLES - 1], CYCLES - 1);
		CHECK_OK(munmap(page0, pg));
	}
	CHECK_OK(munmap(shared, PARENT_PAGES * pg));
	CHECK_OK(close(fd));
}

/* Mappings, pipes with data left in them, objects and threads, churned. */
static void
test_churn(void)
{
	char buf[512], *p, *s;
	pthread_t t;
	void *ret;
	int i, fds[2], fd;

	for (i = 0; i < 200; i++) {
		p = map_touched(8, i);
		CHECK(p != NULL);
		if (p == NULL)
			return;
		CHECK_OK(mprotect(p + pg, pg, PROT_READ));
		CHECK_OK(munmap(p, 8 * pg));
	}
	memset(buf, 'b', sizeof(buf));
	for (i = 0; i < 50; i++) {
		CHECK_OK(pipe2(fds, 0));
		CHECK_EQ(write(fds[1], buf, sizeof(buf)), sizeof(buf));
		CHECK_OK(close(fds[0]));
		CHECK_OK(close(fds[1]));
	}
	for (i = 0; i < 20; i++) {
		fd = shm_open2(SHM_ANON, O_RDWR, 0600, 0, NULL);
		CHECK(fd >= 0);
		if (fd < 0)
			return;
		CHECK_OK(ftruncate(fd, 4 * pg));
		s = CHECK_MMAP(NULL, 4 * pg, PROT_READ | PROT_WRITE,
		    MAP_SHARED, fd, 0);
		memset(s, 's', 4 * pg);
		CHECK_OK(close(fd));
		CHECK_OK(munmap(s, 4 * pg));
	}
	for (i = 0; i < 20; i++) {
		CHECK_EQ(pthread_create(&t, NULL, map_worker, (void *)1), 0);
		ret = (void *)1;
		CHECK_EQ(pthread_join(t, &ret), 0);
		CHECK(ret == NULL);
	}
}

/* After all that, BIG_BYTES can still be had and touched. */
static void
test_still_room(void)
{
	char *p;

	p = map_touched(BIG_BYTES / pg, 'r');
	CHECK(p != NULL);
	if (p != NULL) {
		CHECK_EQ(p[BIG_BYTES - 1], 'r');
		CHECK_OK(munmap(p, BIG_BYTES));
	}
}

int
main(int argc, char **argv)
{
	char *p;

	pg = getpagesize();
	/* The exec'd child of a cycle: take some memory and go. */
	if (argc > 1 && strcmp(argv[1], "child") == 0) {
		p = map_touched(CHILD_PAGES, 'x');
		return (p != NULL ? 0 : 1);
	}
	test_fork_cycles();
	test_churn();
	test_still_room();
	return (check_done());
}
