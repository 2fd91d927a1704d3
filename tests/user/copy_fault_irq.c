/*
 * Copy faults with interrupts arriving: threads (and forked processes that
 * then exit) move pages through pipes from and into freshly mapped memory,
 * so every write(2) takes a copyin fault and every read(2) a copyout fault
 * that vm_fault resolves with interrupts on.  The return from such a
 * fault once left interrupts unmasked while it reloaded ELR_EL1: a timer
 * tick there sent the eret back into the restore sequence with the frame
 * already popped, and the kernel panicked with "kernel stack overflow"
 * once sp climbed out of the stack.  The window is a few instructions, so
 * this test makes many thousands of such returns; under a kernel with
 * assertions intr_irq_handler also catches an IRQ landing in it.
 */
#include <sys/types.h>
#include <sys/mman.h>
#include <pthread.h>
#include <string.h>
#include <unistd.h>

#include "check.h"

#define	NTHREADS	3
#define	NPROCS		2
#define	ROUNDS		60	/* fresh mappings per thread or process */
#define	NPAGES		8	/* pages moved through the pipe per round */

static size_t pg;

/*
 * ROUNDS times: map two fresh regions, write each page of the first
 * (untouched, so copyin faults) into a pipe and read it into the second
 * (untouched, so copyout faults), check what arrived, and unmap both.
 * Returns the number of failed steps.
 */
static int
churn(void)
{
	int fd[2], bad = 0, r, i;
	char *src, *dst;

	if (pipe(fd) != 0)
		return (1);
	for (r = 0; r < ROUNDS; r++) {
		src = mmap(NULL, NPAGES * pg, PROT_READ | PROT_WRITE,
		    MAP_ANON | MAP_PRIVATE, -1, 0);
		dst = mmap(NULL, NPAGES * pg, PROT_READ | PROT_WRITE,
		    MAP_ANON | MAP_PRIVATE, -1, 0);
		if (src == MAP_FAILED || dst == MAP_FAILED) {
			bad++;
			break;
		}
		for (i = 0; i < NPAGES; i++) {
			if (write(fd[1], src + i * pg, pg) != (ssize_t)pg ||
			    read(fd[0], dst + i * pg, pg) != (ssize_t)pg)
				bad++;
			if (dst[i * pg] != 0 || dst[i * pg + pg - 1] != 0)
				bad++;
		}
		munmap(src, NPAGES * pg);
		munmap(dst, NPAGES * pg);
	}
	close(fd[0]);
	close(fd[1]);
	return (bad);
}

static void *
thread_main(void *arg)
{
	*(int *)arg = churn();
	return (NULL);
}

int
main(void)
{
	pthread_t t[NTHREADS];
	int bad[NTHREADS];
	pid_t pid[NPROCS], dog;
	int i;

	pg = (size_t)getpagesize();
	dog = check_watchdog_start(300);
	for (i = 0; i < NPROCS; i++) {
		pid[i] = CHECK_FORK();
		if (pid[i] == 0)
			_exit(churn() == 0 ? 0 : 1);
	}
	for (i = 0; i < NTHREADS; i++)
		CHECK_EQ(pthread_create(&t[i], NULL, thread_main, &bad[i]), 0);
	CHECK_EQ(churn(), 0);
	for (i = 0; i < NTHREADS; i++) {
		CHECK_EQ(pthread_join(t[i], NULL), 0);
		CHECK_EQ(bad[i], 0);
	}
	for (i = 0; i < NPROCS; i++)
		CHECK_WAIT_EXIT(pid[i], 0);
	check_watchdog_stop(dog);
	return (check_done());
}
