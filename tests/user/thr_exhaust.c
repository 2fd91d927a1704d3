/*
 * Create threads until thr_new fails: every thread costs a kernel stack
 * in its own KVA slot, and every 64th slot a new kernel page table, so
 * the kernel runs out of slots or memory; thr_new must then fail with
 * ENOMEM or EAGAIN (never a panic, docs/abi.md row 23).  At least 1000 threads must be created first, and afterwards
 * threads and fork still work.
 *
 * The threads are a few instructions of assembly that sleep in _umtx_op
 * until released and then thr_exit, touching no stack, so they all share
 * one small stack and cost only kernel memory.
 */
#include <sys/types.h>
#include <sys/mman.h>
#include <sys/thr.h>
#include <sys/umtx.h>
#include <sys/wait.h>
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "thr_park.h"

#define	MAX_THREADS	10000	/* more than the kernel has stack slots */
#define	MIN_THREADS	1000

/* Set to 1 by each thread's thr_exit, which wakes its waiters. */
static long exited[MAX_THREADS];

static void *
add_one(void *arg)
{
	return ((void *)((uintptr_t)arg + 1));
}

int
main(void)
{
	struct thr_param param;
	char *stack;
	void *ret;
	pthread_t pt;
	long tid;
	int n, error = 0, status;
	pid_t pid;

	stack = CHECK_MAP_ANON(4096);
	/*
	 * Make exited[] resident now: once the threads have used up memory,
	 * neither their thr_exit's store nor our read could bring in a page
	 * (the store would be SIGBUS BUS_OOMERR, docs/abi.md section 4.2).
	 */
	memset(exited, 0, sizeof(exited));
	for (n = 0; n < MAX_THREADS; n++) {
		memset(&param, 0, sizeof(param));
		param.start_func = park;
		param.arg = &exited[n];
		param.stack_base = stack;
		param.stack_size = 4096;
		param.child_tid = &tid;
		if (thr_new(&param, sizeof(param)) != 0) {
			error = errno;
			break;
		}
	}
	printf("thr_exhaust: %d threads, then errno %d\n", n, error);
	CHECK(n >= MIN_THREADS);
	CHECK(error == ENOMEM || error == EAGAIN);

	/* Release them all and wait until every one is gone. */
	__atomic_store_n(&park_release, 1, __ATOMIC_RELEASE);
	CHECK_OK(_umtx_op(&park_release, UMTX_OP_WAKE, INT_MAX, NULL, NULL));
	while (n-- > 0)
		while (__atomic_load_n(&exited[n], __ATOMIC_ACQUIRE) == 0)
			_umtx_op(&exited[n], UMTX_OP_WAIT, 0, NULL, NULL);

	/* Threads and processes still work. */
	CHECK_EQ(pthread_create(&pt, NULL, add_one, (void *)41), 0);
	CHECK_EQ(pthread_join(pt, &ret), 0);
	CHECK_EQ((uintptr_t)ret, 42);
	pid = CHECK_FORK();
	if (pid == 0)
		_exit(3);
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 3);
	return (check_done());
}
