/*
 * paths: what the kernel's short paths cost, one phase per operation.
 *
 * An ordinary POSIX program (TagOS or Linux).  Each phase is bracketed by
 * "hint #112" (start) and "hint #113" (end): no-ops on hardware, the
 * window markers of the instruction-counting QEMU plugin.  Without the
 * plugin the program prints the counter ticks of each phase per
 * operation (CNTVCT_EL0, readable at EL0).
 *
 * Phases, in order (divide a phase's instructions by the K printed):
 *   0 getpid, K = GETPID_ROUNDS
 *   1 first-touch write fault, untagged, n = 64
 *   2 first-touch write fault, untagged, n = 4096
 *   3 first-touch write fault, tagged, n = 64
 *   4 first-touch write fault, tagged, n = 4096
 *   5 copy-on-write first write in the child, untagged, n = 256
 *   6 copy-on-write first write in the child, tagged, n = 256
 *   7 fork of a process with 4096 resident pages (the parent's fork call)
 */
#include <sys/mman.h>
#include <sys/wait.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#ifndef PROT_MTE
#define PROT_MTE	0x20	/* Linux's value */
#endif

#define PAGE		4096
#define GETPID_ROUNDS	1000
#define COW_PAGES	256
#define FORK_PAGES	4096

#define PHASE_START()	__asm__ volatile("hint #112" ::: "memory")
#define PHASE_END()	__asm__ volatile("hint #113" ::: "memory")

static int phase;

static uint64_t
ticks(void)
{
	uint64_t t;

	__asm__ volatile("isb; mrs %0, cntvct_el0" : "=r"(t) :: "memory");
	return (t);
}

static void
report(const char *what, uint64_t t0, uint64_t t1, unsigned long k)
{

	printf("phase %d %-36s K=%-5lu %lu ticks/op\n", phase++, what, k,
	    (unsigned long)((t1 - t0) / k));
}

static char *
map(size_t pages, int tagged)
{
	char *p;

	p = mmap(NULL, pages * PAGE, PROT_READ | PROT_WRITE |
	    (tagged ? PROT_MTE : 0), MAP_PRIVATE | MAP_ANON, -1, 0);
	if (p == MAP_FAILED) {
		printf("paths: mmap of %zu pages failed\n", pages);
		exit(1);
	}
	return (p);
}

static void
first_touch(size_t pages, int tagged)
{
	char what[64];
	uint64_t t0, t1;
	size_t i;
	char *p;

	p = map(pages, tagged);
	t0 = ticks();
	PHASE_START();
	for (i = 0; i < pages; i++)
		((volatile char *)p)[i * PAGE] = 1;
	PHASE_END();
	t1 = ticks();
	snprintf(what, sizeof(what), "first touch %s n=%zu",
	    tagged ? "tagged" : "untagged", pages);
	report(what, t0, t1, pages);
	munmap(p, pages * PAGE);
}

static void
cow(size_t pages, int tagged)
{
	char what[64];
	uint64_t t0, t1;
	size_t i;
	pid_t pid;
	int status;
	char *p;

	p = map(pages, tagged);
	for (i = 0; i < pages; i++)
		p[i * PAGE] = 1;
	pid = fork();
	if (pid == 0) {
		t0 = ticks();
		PHASE_START();
		for (i = 0; i < pages; i++)
			((volatile char *)p)[i * PAGE] = 2;
		PHASE_END();
		t1 = ticks();
		snprintf(what, sizeof(what), "COW child write %s n=%zu",
		    tagged ? "tagged" : "untagged", pages);
		report(what, t0, t1, pages);
		_exit(0);
	}
	waitpid(pid, &status, 0);
	phase++;
	munmap(p, pages * PAGE);
}

static void
fork_total(size_t pages)
{
	uint64_t t0, t1;
	size_t i;
	pid_t pid;
	int status;
	char *p;

	p = map(pages, 0);
	for (i = 0; i < pages; i++)
		p[i * PAGE] = 1;
	t0 = ticks();
	PHASE_START();
	pid = fork();
	if (pid == 0)
		_exit(0);
	PHASE_END();
	t1 = ticks();
	report("fork, 4096 resident pages", t0, t1, 1);
	waitpid(pid, &status, 0);
	munmap(p, pages * PAGE);
}

int
main(void)
{
	uint64_t t0, t1;
	int i;

	t0 = ticks();
	PHASE_START();
	for (i = 0; i < GETPID_ROUNDS; i++)
		(void)getpid();
	PHASE_END();
	t1 = ticks();
	report("getpid", t0, t1, GETPID_ROUNDS);

	first_touch(64, 0);
	first_touch(4096, 0);
	first_touch(64, 1);
	first_touch(4096, 1);
	cow(COW_PAGES, 0);
	cow(COW_PAGES, 1);
	fork_total(FORK_PAGES);
	return (0);
}
