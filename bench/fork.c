/*
 * fork: a process with n resident pages forks; "fork" is the total from
 * the call to the first return (in whichever of parent and child runs
 * first), "cow" the child's first write to each page, per page.  The
 * child writes to its own stack before timing so that copy is not
 * counted, and reports its figures through a pipe.
 */
#include <sys/wait.h>

#include "bench.h"

struct child_report {
	uint64_t	ret;	/* counter when fork returned in the child */
	uint64_t	cow;	/* per-page cost of the child's writes */
};

/*
 * The fork and cow rows for n resident pages, PROT_MTE if tagged: ROUNDS
 * forks of a process whose n pages were all just written.
 */
static void
fork_rows(size_t n, int tagged)
{
	uint64_t vf[BENCH_ROUNDS], vc[BENCH_ROUNDS], t0, t;
	struct child_report rep;
	volatile char stackpage[64];
	int fd[2], r, status;
	pid_t pid;
	char *p;

	p = bench_map(n * BENCH_PAGE, tagged);
	if (p == NULL) {
		bench_skip("fork", bench_modename(tagged), "mmap failed");
		return;
	}
	for (r = 0; r < BENCH_ROUNDS; r++) {
		/*
		 * Write every page first, so each fork finds them resident
		 * and writable (the last fork left them copy-on-write).
		 */
		bench_touch(p, n);
		if (pipe(fd) != 0) {
			bench_skip("fork", bench_modename(tagged), "no pipe");
			return;
		}
		/* The profile's fork phase ends at the first return. */
		BENCH_PROF_BEGIN(r);
		t0 = bench_now();
		pid = fork();
		t = bench_now();
		BENCH_PROF_END(r);
		if (pid == 0) {
			rep.ret = t;
			stackpage[0] = 1;
			BENCH_PROF_BEGIN(r);
			t = bench_now();
			bench_touch(p, n);
			rep.cow = (bench_now() - t) / n;
			BENCH_PROF_END(r);
			(void)write(fd[1], &rep, sizeof(rep));
			_exit(0);
		}
		if (pid < 0 || read(fd[0], &rep, sizeof(rep)) != sizeof(rep)) {
			bench_skip("fork", bench_modename(tagged), "fork failed");
			return;
		}
		(void)waitpid(pid, &status, 0);
		close(fd[0]);
		close(fd[1]);
		vf[r] = (rep.ret < t ? rep.ret : t) - t0;
		vc[r] = rep.cow;
	}
	(void)stackpage[0];
	munmap(p, n * BENCH_PAGE);
	bench_row("fork", bench_modename(tagged), n, vf);
	bench_row("cow", bench_modename(tagged), n, vc);
}

int
main(void)
{
	static const size_t ns[] = { 1, 64, 4096 };
	int have_mte, i, tagged;

	have_mte = bench_mte(BENCH_SYNC) == 0;
	for (tagged = 0; tagged <= 1; tagged++) {
		if (tagged && !have_mte) {
			bench_skip("fork", "tagged", "no MTE");
			continue;
		}
		for (i = 0; i < 3; i++)
			fork_rows(ns[i], tagged);
	}
	return (0);
}
