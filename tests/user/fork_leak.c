/*
 * A thousand fork/exit cycles leave the free page count where it was
 * (vm.stats.vm.v_free_count), counting the pages kmalloc holds as free
 * (vm.stats.kmalloc_pages: kmalloc keeps the pages it carves, and with
 * several CPUs its per-CPU free lists may still be filling after the
 * first round), and leave as many kmalloc allocations live
 * (vm.stats.kmalloc_live), once a first round has warmed the kernel's
 * caches.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/sysctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

#define CYCLES	1000

/* Free pages, counting those kmalloc holds for its free chunks. */
static u_int
free_pages(void)
{
	return (CHECK_SYSCTL("vm.stats.vm.v_free_count") +
	    CHECK_SYSCTL("vm.stats.kmalloc_pages"));
}

/* Fork children that touch memory, map some of their own and exit. */
static void
fork_cycles(int n, char *shared)
{
	int i, status;
	pid_t pid;

	for (i = 0; i < n; i++) {
		pid = fork();
		if (pid == 0) {
			char *p = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE,
			    MAP_PRIVATE | MAP_ANON, -1, 0);

			if (p == MAP_FAILED)
				_exit(2);
			p[0] = shared[0];
			shared[4096] = 'c';	/* copy on write */
			_exit(0);
		}
		CHECK(pid > 0);
		CHECK_EQ(waitpid(pid, &status, 0), pid);
		CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
}

int
main(void)
{
	char *shared;
	u_int before, after, live;

	shared = CHECK_MAP_ANON(2 * 4096);
	memset(shared, 'p', 2 * 4096);
	fork_cycles(20, shared);
	before = free_pages();
	live = CHECK_SYSCTL("vm.stats.kmalloc_live");
	fork_cycles(CYCLES, shared);
	after = free_pages();
	CHECK_EQ(after, before);
	CHECK_EQ(CHECK_SYSCTL("vm.stats.kmalloc_live"), live);
	CHECK_EQ(shared[4096], 'p');
	return (check_done());
}
