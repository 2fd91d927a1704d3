/*
 * Page-out and page-in of tagged and untagged memory (docs/mte.md,
 * "Paging"): data and tags come back identical.
 *
 *  1. A working set of 3x RAM (or what RAM and swap can hold), half of
 *     it PROT_MTE, every granule with its own datum and a tag of its own,
 *     is written (SYNC) and read back (ASYNC), tags and data checked; the
 *     page daemon's counters say pages went out and came back.
 *  2. A tag fault on a page read back from swap reports the exact granule
 *     (SYNC), and is delivered in ASYNC.
 *  3. fork and copy on write of swapped-out tagged pages; INHERIT_ZERO and
 *     MADV_FREE on swapped pages.
 *  4. A thousand fork/exit cycles over swapped memory leave no swap slot,
 *     object or page behind.
 *  5. The SMP exactly-once tag initialisation test (mte_smp_stress) runs
 *     while another process keeps the page daemon busy.
 *
 * Needs swap (vm.swap_total): says SKIP without it.  Bounded in time by
 * the memory it must fill: skipped above MAX_RAM_MB of RAM
 * (tools/run-tests.sh boots 128 MiB machines with 512 MiB of swap for
 * it).  Untagged parts run without MTE.
 */
#include <sys/types.h>
#include <sys/mman.h>
#include <sys/sysctl.h>
#include <sys/wait.h>
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "mte_util.h"

#define	OLD_LEN		(4 * 1024 * 1024)	/* R: pushed out early */
#define	SMALL_LEN	(1024 * 1024)		/* Z and F */
#define	CYCLES		1000
#define	MAX_RAM_MB	256

static size_t pg;
static int have_mte;

/* Each granule's datum and tag, from its address and a seed. */
static uint64_t
datum(uintptr_t a, uint64_t seed)
{
	uint64_t x = (a ^ seed) * 0x9e3779b97f4a7c15UL;

	return (x ^ (x >> 29));
}

static unsigned
granule_tag(uintptr_t a, uint64_t seed)
{
	return ((unsigned)(datum(a, seed) >> 60) & 0xf);
}

/* Fill [p, p + len): each granule its tag (if tagged) and two words. */
static void
fill(char *p, size_t len, int tagged, uint64_t seed)
{
	uint64_t *q;
	uintptr_t a;
	size_t off;

	for (off = 0; off < len; off += MTE_GRANULE) {
		a = (uintptr_t)p + off;
		if (tagged) {
			q = set_tag((void *)a, granule_tag(a, seed));
			stg(q);
		} else
			q = (uint64_t *)a;
		q[0] = datum(a, seed);
		q[1] = ~datum(a, seed);
	}
}

/* The first granule of [p, p + len) whose tag or data differ, or -1. */
static long
first_bad(char *p, size_t len, int tagged, uint64_t seed)
{
	volatile uint64_t *q;
	uintptr_t a;
	size_t off;

	for (off = 0; off < len; off += MTE_GRANULE) {
		a = (uintptr_t)p + off;
		q = tagged ? set_tag((void *)a, granule_tag(a, seed)) :
		    (void *)a;
		if (q[0] != datum(a, seed) || q[1] != ~datum(a, seed) ||
		    (tagged && mem_tag((void *)a) != granule_tag(a, seed)))
			return ((long)off);
	}
	return (-1);
}

/* The index of the first page of [p, p + len) not resident, or -1. */
static long
first_swapped(char *p, size_t len)
{
	char vec[1024];
	size_t i, n = len / pg;

	if (n > sizeof(vec) || mincore(p, len, vec) != 0)
		return (-1);
	for (i = 0; i < n; i++)
		if ((vec[i] & MINCORE_INCORE) == 0)
			return ((long)i);
	return (-1);
}

static char *
map(size_t len, int tagged)
{
	return (CHECK_MMAP(NULL, len, PROT_READ | PROT_WRITE |
	    (tagged ? PROT_MTE : 0), MAP_PRIVATE | MAP_ANON, -1, 0));
}

/* 1: the working set, written and read back. */
static void
test_working_set(void)
{
	u_long ram, avail, swap, out0, in0, sout0;
	size_t ws, half;
	char *t, *u;

	ram = sysctl_ulong("vm.stats.vm.v_page_count") * pg;
	avail = sysctl_ulong("vm.stats.vm.v_free_count") * pg;
	swap = sysctl_ulong("vm.swap_total");
	ws = 3 * ram;
	if (ws > avail + swap / 4 * 3)
		ws = avail + swap / 4 * 3;
	half = ws / 2 & ~(size_t)(2 * 1024 * 1024 - 1);
	out0 = sysctl_ulong("vm.pageout.pages_written");
	in0 = sysctl_ulong("vm.pageout.pageins");
	sout0 = sysctl_ulong("vm.stats.vm.v_swappgsout");
	printf("mte_swap: working set %zu MiB (RAM %lu MiB, swap %lu MiB)\n",
	    2 * half >> 20, ram >> 20, swap >> 20);
	t = map(half, have_mte);
	u = map(half, 0);
	if (have_mte)
		MTE_SET_MODE(MTE_MODE_SYNC, MTE_ALL_TAGS);
	fill(t, half, have_mte, 1);
	fill(u, half, 0, 2);
	if (have_mte)
		MTE_SET_MODE(MTE_MODE_ASYNC, MTE_ALL_TAGS);
	CHECK_EQ(first_bad(t, half, have_mte, 1), -1);
	CHECK_EQ(first_bad(u, half, 0, 2), -1);
	CHECK(mte_async_seen() == 0);
	(void)getpid();
	CHECK(sysctl_ulong("vm.pageout.pages_written") > out0);
	CHECK(sysctl_ulong("vm.pageout.pageins") > in0);
	if (sout0 != 0 || sysctl_ulong("vm.stats.vm.v_swappgsout") != 0)
		CHECK(sysctl_ulong("vm.stats.vm.v_swappgsout") > sout0);
	CHECK_OK(munmap(t, half));
	CHECK_OK(munmap(u, half));
}

/* 2: a tag fault on a page that was on swap. */
static void
test_tag_fault(char *r)
{
	struct mte_result res;
	long i;
	char *g, *bad;

	if (!have_mte)
		return;
	i = first_swapped(r, OLD_LEN);
	CHECK(i >= 0);
	if (i < 0)
		return;
	/* Granule 5 of that page, through a tag it does not have. */
	g = r + i * pg + 5 * MTE_GRANULE;
	bad = set_tag(g, granule_tag((uintptr_t)g, 3) ^ 1);
	MTE_SET_MODE(MTE_MODE_SYNC, MTE_ALL_TAGS);
	mte_access(bad, 0, 8, 0, &res);
	CHECK_EQ(res.sig, SIGSEGV);
	CHECK_EQ(res.code, SEGV_MTESERR);
	CHECK(res.addr == bad);
	/* The next swapped page, in ASYNC: the fault still comes. */
	i = first_swapped(r, OLD_LEN);
	if (i >= 0) {
		g = r + i * pg;
		bad = set_tag(g, granule_tag((uintptr_t)g, 3) ^ 2);
		MTE_SET_MODE(MTE_MODE_ASYNC, MTE_ALL_TAGS);
		mte_access(bad, 0, 8, 0, &res);
		CHECK(res.async > 0 || (res.sig == SIGSEGV &&
		    res.code == SEGV_MTEAERR));
	}
	MTE_SET_MODE(MTE_MODE_SYNC, MTE_ALL_TAGS);
	CHECK_EQ(first_bad(r, OLD_LEN, 1, 3), -1);
}

/* 3: fork and copy on write, INHERIT_ZERO, MADV_FREE, on swapped pages. */
static void
test_fork_inherit_free(char *r, char *z, char *f)
{
	u_long used0;
	long i, bad;
	pid_t pid;
	size_t off;

	/*
	 * MADV_FREE, while f is this process's alone (after a fork it is
	 * kept): each page dropped whole, its slot freed, or kept whole.
	 */
	i = first_swapped(f, SMALL_LEN);
	used0 = sysctl_ulong("vm.swap_used");
	CHECK_OK(madvise(f, SMALL_LEN, MADV_FREE));
	if (i >= 0)
		CHECK(sysctl_ulong("vm.swap_used") < used0);
	for (off = 0; off < SMALL_LEN; off += pg) {
		/* A dropped page's tags are 0: look before reading. */
		if (have_mte && mem_tag(f + off) == 0 &&
		    granule_tag((uintptr_t)f + off, 6) != 0) {
			CHECK_EQ(first_byte_not(f + off, pg, 0), -1);
			continue;
		}
		bad = first_bad(f + off, pg, have_mte, 6);
		if (bad == -1)
			continue;
		CHECK_EQ(bad, 0);
		CHECK_EQ(first_byte_not(f + off, pg, 0), -1);
	}

	CHECK_OK(minherit(z, SMALL_LEN, INHERIT_ZERO));
	pid = CHECK_FORK();
	if (pid == 0) {
		/* The child reads the swapped pages, then writes one. */
		CHECK_EQ(first_bad(r, OLD_LEN, have_mte, 3), -1);
		fill(r, pg, have_mte, 4);
		CHECK_EQ(first_bad(r, pg, have_mte, 4), -1);
		CHECK_EQ(first_bad(r + pg, OLD_LEN - pg, have_mte, 3), -1);
		for (off = 0; off < SMALL_LEN; off += sizeof(long))
			if (*(long *)(z + off) != 0)
				break;
		CHECK_EQ(off, SMALL_LEN);
		check_child_exit();
	}
	CHECK_WAIT_EXIT(pid, 0);
	CHECK_EQ(first_bad(r, OLD_LEN, have_mte, 3), -1);
	CHECK_EQ(first_bad(z, SMALL_LEN, have_mte, 5), -1);

}

/* 4: fork and exit over swapped memory leave nothing behind. */
static void
test_fork_exit_cycles(void)
{
	u_long used0, objects0, free0;
	int i, status;
	pid_t pid;

	used0 = sysctl_ulong("vm.swap_used");
	objects0 = sysctl_ulong("vm.stats.object_count");
	free0 = sysctl_ulong("vm.stats.vm.v_free_count");
	for (i = 0; i < CYCLES; i++) {
		pid = fork();
		/* The child inherits the swapped pages and leaves at once. */
		if (pid == 0)
			_exit(0);
		if (pid < 0 || waitpid(pid, &status, 0) != pid ||
		    !WIFEXITED(status) || WEXITSTATUS(status) != 0)
			break;
	}
	CHECK_EQ(i, CYCLES);
	CHECK_EQ(sysctl_ulong("vm.swap_used"), used0);
	CHECK_EQ(sysctl_ulong("vm.stats.object_count"), objects0);
	CHECK(sysctl_ulong("vm.stats.vm.v_free_count") + 64 >= free0);
}

/* 5: mte_smp_stress while a process keeps the page daemon writing. */
static void
test_smp_tag_init_under_pressure(void)
{
	struct timespec ts = { 0, 10 * 1000 * 1000 };
	char *argv[] = { "mte_smp_stress", "nowatchdog", NULL };
	u_long out0, out1;
	size_t len, off;
	pid_t hog, pid;
	char *p;
	int i;

	if (!have_mte)
		return;
	out0 = sysctl_ulong("vm.pageout.pages_written");
	/* More than free memory, well inside free memory and swap. */
	len = sysctl_ulong("vm.stats.vm.v_free_count") * pg +
	    sysctl_ulong("vm.swap_total") / 2;
	hog = CHECK_FORK();
	if (hog == 0) {
		p = map(len, 0);
		for (;;)
			for (off = 0; off < len; off += pg)
				p[off]++;
	}
	/* Start once the daemon is writing. */
	while (sysctl_ulong("vm.pageout.pages_written") == out0)
		nanosleep(&ts, NULL);
	out1 = sysctl_ulong("vm.pageout.pages_written");
	pid = CHECK_FORK();
	if (pid == 0) {
		/*
		 * exec reads the program into one contiguous kernel
		 * allocation, which does not wait for the page daemon: under
		 * this pressure it may fail with ENOMEM until the daemon has
		 * freed memory, so try again a while.
		 */
		for (i = 0; i < 100; i++) {
			execv("/tests/mte_smp_stress", argv);
			if (errno != ENOMEM)
				break;
			nanosleep(&ts, NULL);
		}
		printf("mte_swap: execv: errno %d\n", errno);
		_exit(127);
	}
	CHECK_WAIT_EXIT(pid, 0);
	CHECK(sysctl_ulong("vm.pageout.pages_written") > out1);
	CHECK_OK(kill(hog, SIGKILL));
	CHECK_WAIT_SIGNAL(hog, SIGKILL);
}

int
main(void)
{
	char *r, *z, *f;

	pg = getpagesize();
	if (sysctl_ulong("vm.swap_total") == 0)
		check_skip("no swap (vm.swap_total is 0)");
	if (sysctl_ulong("vm.stats.vm.v_page_count") * pg >
	    (u_long)MAX_RAM_MB << 20)
		check_skip("more than %d MiB of RAM to fill", MAX_RAM_MB);
	have_mte = check_have_mte();
	if (have_mte)
		MTE_SET_MODE(MTE_MODE_SYNC, MTE_ALL_TAGS);
	/* The oldest pages: the first the page daemon writes out. */
	r = map(OLD_LEN, have_mte);
	z = map(SMALL_LEN, have_mte);
	f = map(SMALL_LEN, have_mte);
	fill(r, OLD_LEN, have_mte, 3);
	fill(z, SMALL_LEN, have_mte, 5);
	fill(f, SMALL_LEN, have_mte, 6);

	test_working_set();
	test_tag_fault(r);
	test_fork_inherit_free(r, z, f);
	test_fork_exit_cycles();
	test_smp_tag_init_under_pressure();
	return (check_done());
}
