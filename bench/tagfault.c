/*
 * tagfault: a tag check fault delivered to a SIGSEGV SA_SIGINFO handler
 * that fixes it (it gives the granule the pointer's tag) and returns.
 *   "tagfault_sync"   SYNC: the bad store faults at once and is retried;
 *   "tagfault_async"  ASYNC: the bad store completes, the fault is
 *                     reported at the next kernel entry (a raw getpid).
 * Each value is one fault, from before the store to after the return.
 */
#include "bench.h"

static char *volatile bad;	/* tag 5; the memory is set to 3 */
static volatile int faults;

/* Fix the fault: the granule takes the bad pointer's tag. */
static void
on_segv(int sig, siginfo_t *si, void *uc)
{

	if (si->si_code == SEGV_MTESERR || si->si_code == SEGV_MTEAERR) {
		bench_stg(bad);
		faults++;
		return;
	}
	_exit(3);
}

/*
 * One tag fault row in mode, on the tagged page: each round makes the
 * granule's tag differ from bad's, then stores through bad.
 */
static void
tagfault_row(const char *row, enum bench_mode mode, char *page)
{
	uint64_t v[BENCH_ROUNDS], t0;
	char *good;
	int r, want;

	if (bench_mte(mode) != 0) {
		bench_skip(row, "tagged", "no MTE");
		return;
	}
	good = bench_tag(page, 3);
	bad = bench_tag(page, 5);
	/* One fault first, so the handler's pages are resident. */
	for (r = -1; r < BENCH_ROUNDS; r++) {
		bench_stg(good);
		want = faults + 1;
		BENCH_PROF_BEGIN(r);
		t0 = bench_now();
		*bad = 1;
		if (mode == BENCH_ASYNC)
			bench_getpid_raw();
		if (r >= 0)
			v[r] = bench_now() - t0;
		BENCH_PROF_END(r);
		if (faults != want) {
			bench_skip(row, "tagged", "no fault delivered");
			return;
		}
	}
	bench_row(row, "tagged", 1, v);
}

int
main(void)
{
	struct sigaction sa;
	char *page;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_segv;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGSEGV, &sa, NULL);
	if ((page = bench_map(BENCH_PAGE, 1)) == NULL) {
		bench_skip("tagfault_sync", "tagged", "no PROT_MTE mapping");
		return (0);
	}
	bench_touch(page, 1);
	tagfault_row("tagfault_sync", BENCH_SYNC, page);
	tagfault_row("tagfault_async", BENCH_ASYNC, page);
	return (0);
}
