/*
 * The OOM killer (docs/robustness.md): when memory (and swap, if any) is
 * full and the page daemon can free nothing, the kernel kills the process
 * using most memory with SIGKILL, says so on the console, and the others
 * run on with their memory intact.
 *
 *  1. Two bystanders each fill 2 MiB with a pattern and wait.
 *  2. A hog touches twice RAM plus swap, page after page: it must die of
 *     SIGKILL, and vm.oom_kills must have grown.
 *  3. The bystanders check their memory and exit 0; this process's own
 *     memory works too.
 *
 * Bounded in time by the memory it must fill: skipped above MAX_RAM_MB or
 * MAX_SWAP_MB, and when the OOM killer is off (boot argument vm.oom_kill=0).
 */
#include <sys/types.h>
#include <sys/mman.h>
#include <sys/sysctl.h>
#include <sys/wait.h>
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "check.h"

#define	MAX_RAM_MB	256
#define	MAX_SWAP_MB	1024
#define	BYSTANDERS	2
#define	BYSTANDER_LEN	(2 * 1024 * 1024)

/* Fill, wait for the word on fd, check, exit 0 (1 if memory changed). */
static void __dead2
bystander(int fd, int seed)
{
	size_t n = BYSTANDER_LEN / sizeof(long), i;
	long *p;
	char c;

	p = mmap(NULL, BYSTANDER_LEN, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANON, -1, 0);
	if (p == MAP_FAILED)
		_exit(2);
	for (i = 0; i < n; i++)
		p[i] = (long)i * 7919 + seed;
	if (read(fd, &c, 1) != 1)
		_exit(3);
	for (i = 0; i < n; i++)
		if (p[i] != (long)i * 7919 + seed)
			_exit(1);
	_exit(0);
}

/* Touch len bytes page by page, forever if it must; 4 if it all fit. */
static void __dead2
hog(size_t len)
{
	size_t pg = getpagesize(), off;
	char *p;

	p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANON,
	    -1, 0);
	if (p == MAP_FAILED)
		_exit(5);
	for (off = 0; off < len; off += pg)
		p[off] = 1;
	_exit(4);
}

int
main(void)
{
	u_long ram_pages, swap_bytes, kills;
	pid_t by[BYSTANDERS], hogpid;
	int go[2], i, status;
	size_t len;
	char *q;

	if (sysctl_ulong("vm.oom_kill") == 0)
		check_skip("the OOM killer is off (vm.oom_kill=0)");
	ram_pages = sysctl_ulong("vm.stats.vm.v_page_count");
	swap_bytes = sysctl_ulong("vm.swap_total");
	if (ram_pages * getpagesize() > (u_long)MAX_RAM_MB << 20 ||
	    swap_bytes > (u_long)MAX_SWAP_MB << 20)
		check_skip("RAM or swap too large to fill quickly");
	kills = sysctl_ulong("vm.oom_kills");

	CHECK_OK(pipe(go));
	for (i = 0; i < BYSTANDERS; i++) {
		by[i] = CHECK_FORK();
		if (by[i] == 0) {
			close(go[1]);
			bystander(go[0], i + 1);
		}
	}
	len = 2 * (ram_pages * getpagesize() + swap_bytes);
	hogpid = CHECK_FORK();
	if (hogpid == 0)
		hog(len);
	status = check_wait(hogpid);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
	CHECK(sysctl_ulong("vm.oom_kills") > kills);

	/* The others ran on, their memory as they left it. */
	for (i = 0; i < BYSTANDERS; i++)
		CHECK_EQ(write(go[1], "g", 1), 1);
	for (i = 0; i < BYSTANDERS; i++)
		CHECK_WAIT_EXIT(by[i], 0);
	q = CHECK_MAP_ANON(BYSTANDER_LEN);
	memset(q, 0x5a, BYSTANDER_LEN);
	CHECK_EQ(q[BYSTANDER_LEN - 1], 0x5a);
	CHECK_OK(munmap(q, BYSTANDER_LEN));
	return (check_done());
}
