/*
 * bench.h: what the benchmark programs need beyond POSIX, for TagOS and
 * for Linux alike (docs/bench.md).
 *
 *  - bench_now(): the virtual counter CNTVCT_EL0.  The benchmarks run
 *    under QEMU with -icount shift=0 and a 1 GHz counter, so it advances
 *    once per instruction executed: differences are instruction counts.
 *  - bench_mte(mode): turn tag checking on for this process (SYNC or
 *    ASYNC), through sysarch(ARM64_MTE_CTRL) on TagOS and
 *    prctl(PR_SET_TAGGED_ADDR_CTRL) on Linux.
 *  - bench_getpid_raw(): getpid as one svc, without libc.
 *  - bench_tag()/bench_stg(): a pointer with a given tag; set a
 *    granule's tag (STG).
 *  - BENCH_PROF_BEGIN(r)/BENCH_PROF_END(r): around the last round of a
 *    row, the markers (hint #112, hint #113: no-ops on hardware) between
 *    which QEMU's instruction-profiling plugin counts (docs/bench.md).
 *  - bench_swap_bytes(): the swap space the system has; bench_idle():
 *    counter ticks the CPUs spent idle so far (kern.sched.idle_ticks on
 *    TagOS, 0 on Linux, whose peer never waits for a disk), which a row
 *    that waits for the disk subtracts (docs/bench.md, "Waiting for the
 *    disk").
 *  - bench_row(): the median of ROUNDS values, printed as one line
 *        BENCH row=<row> mode=<tagged|untagged|-> n=<n> median=<v> min=<v> max=<v>
 *    which tools/bench-report.py reads.
 */
#ifndef _BENCH_H_
#define	_BENCH_H_

#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#ifdef __linux__
#include <sys/prctl.h>
#include <sys/sysinfo.h>
#ifndef MADV_PAGEOUT
#define	MADV_PAGEOUT		21
#endif
#ifndef PR_SET_TAGGED_ADDR_CTRL
#define	PR_SET_TAGGED_ADDR_CTRL	55
#define	PR_TAGGED_ADDR_ENABLE	(1UL << 0)
#endif
#ifndef PR_MTE_TCF_SYNC
#define	PR_MTE_TCF_SYNC		(1UL << 1)
#define	PR_MTE_TCF_ASYNC	(1UL << 2)
#define	PR_MTE_TAG_SHIFT	3
#endif
#ifndef PROT_MTE
#define	PROT_MTE		0x20
#endif
#ifndef SEGV_MTEAERR
#define	SEGV_MTEAERR		8
#define	SEGV_MTESERR		9
#endif
#define	BENCH_SYS_GETPID	172	/* __NR_getpid, asm-generic */
#define	BENCH_SYSTEM		"linux"
#else
#include <sys/types.h>
#include <sys/sysctl.h>
#include <machine/sysarch.h>
#define	BENCH_SYS_GETPID	20	/* SYS_getpid */
#define	BENCH_SYSTEM		"tagos"
#endif

#define	BENCH_ROUNDS	11
#define	BENCH_PAGE	4096UL

enum bench_mode { BENCH_SYNC, BENCH_ASYNC };

/* The instruction counter (see above); ISB keeps it in program order. */
static inline uint64_t
bench_now(void)
{
	uint64_t v;

	__asm__ __volatile__("isb; mrs %0, cntvct_el0; isb" : "=r" (v) ::
	    "memory");
	return (v);
}

/*
 * Turn tag checking on for the whole process in mode, with every tag but
 * 0 for IRG.  0 on success, -1 where the machine or kernel has no MTE.
 */
static inline int
bench_mte(enum bench_mode mode)
{
#ifdef __linux__
	unsigned long ctrl;

	ctrl = PR_TAGGED_ADDR_ENABLE | (0xfffeUL << PR_MTE_TAG_SHIFT) |
	    (mode == BENCH_SYNC ? PR_MTE_TCF_SYNC : PR_MTE_TCF_ASYNC);
	return (prctl(PR_SET_TAGGED_ADDR_CTRL, ctrl, 0, 0, 0) == 0 ? 0 : -1);
#else
	struct arm64_mte_ctrl ctrl;

	memset(&ctrl, 0, sizeof(ctrl));
	ctrl.mode = mode == BENCH_SYNC ? MTE_MODE_SYNC : MTE_MODE_ASYNC;
	ctrl.include = 0xfffe;
	return (sysarch(ARM64_MTE_CTRL, &ctrl) == 0 ? 0 : -1);
#endif
}

/* getpid as a single svc: the shortest round trip into the kernel. */
static inline long
bench_getpid_raw(void)
{
	register long x8 __asm__("x8") = BENCH_SYS_GETPID;
	register long x0 __asm__("x0");

	__asm__ __volatile__("svc #0" : "=r" (x0) : "r" (x8) :
	    "x1", "cc", "memory");
	return (x0);
}

/* p with tag (0..15) in bits 59:56. */
static inline void *
bench_tag(void *p, unsigned tag)
{
	uintptr_t a;

	a = (uintptr_t)p & ~(0xfUL << 56);
	return ((void *)(a | ((uintptr_t)(tag & 0xf) << 56)));
}

/* The 16-byte granule at p takes the tag p carries. */
static inline void
bench_stg(void *p)
{

	__asm__ __volatile__(".arch_extension memtag\n\tstg %0, [%0]" ::
	    "r" (p) : "memory");
}

/* Profile markers: one phase per row, its last round. */
#define	BENCH_PROF_BEGIN(r) do {					\
	if ((r) == BENCH_ROUNDS - 1)					\
		__asm__ __volatile__("hint #112" ::: "memory");		\
} while (0)
#define	BENCH_PROF_END(r) do {						\
	if ((r) == BENCH_ROUNDS - 1)					\
		__asm__ __volatile__("hint #113" ::: "memory");		\
} while (0)

/* Map len bytes of private anonymous memory, PROT_MTE if tagged. */
static inline char *
bench_map(size_t len, int tagged)
{
	void *p;

	p = mmap(NULL, len, PROT_READ | PROT_WRITE | (tagged ? PROT_MTE : 0),
	    MAP_PRIVATE | MAP_ANON, -1, 0);
	return (p == MAP_FAILED ? NULL : (char *)p);
}

/* Write one byte to each of the n pages at p. */
static inline void
bench_touch(char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		((volatile char *)p)[i * BENCH_PAGE] = 1;
}

static inline unsigned long
bench_swap_bytes(void)
{
#ifdef __linux__
	struct sysinfo si;

	if (sysinfo(&si) != 0)
		return (0);
	return ((unsigned long)si.totalswap * si.mem_unit);
#else
	unsigned long v = 0;
	size_t len = sizeof(v);

	if (sysctlbyname("vm.swap_total", &v, &len, NULL, 0) != 0)
		return (0);
	return (v);
#endif
}

static inline uint64_t
bench_idle(void)
{
#ifdef __linux__
	return (0);
#else
	unsigned long v = 0;
	size_t len = sizeof(v);

	if (sysctlbyname("kern.sched.idle_ticks", &v, &len, NULL, 0) != 0)
		return (0);
	return (v);
#endif
}

static inline const char *
bench_modename(int tagged)
{

	return (tagged ? "tagged" : "untagged");
}

/*
 * Print the row for the ROUNDS values v (sorted in place): its median,
 * least and greatest.
 */
static inline void
bench_row(const char *row, const char *mode, unsigned long n, uint64_t *v)
{
	uint64_t t;
	int i, j;

	for (i = 1; i < BENCH_ROUNDS; i++) {
		t = v[i];
		for (j = i; j > 0 && v[j - 1] > t; j--)
			v[j] = v[j - 1];
		v[j] = t;
	}
	printf("BENCH row=%s mode=%s n=%lu median=%llu min=%llu max=%llu\n",
	    row, mode, n, (unsigned long long)v[BENCH_ROUNDS / 2],
	    (unsigned long long)v[0], (unsigned long long)v[BENCH_ROUNDS - 1]);
	fflush(stdout);
}

/* A row that cannot be measured here, and why. */
static inline void
bench_skip(const char *row, const char *mode, const char *why)
{

	printf("BENCH-SKIP row=%s mode=%s: %s\n", row, mode, why);
	fflush(stdout);
}

#endif /* !_BENCH_H_ */
