/*
 * Helpers for the MTE conformance suite (tests/mte/<name>.c ->
 * /tests/<name>, one program per docs/abi.md section 6 row or group of rows), on top
 * of tests/user/check.h:
 *
 *  - the tag instructions as C (IRG, ADDG, STG, LDG; Arm ARM D10.4),
 *  - the process's tag control (sysarch ARM64_MTE_CTRL, docs/abi.md section 5),
 *  - mte_run(): runs code that may take a tag check fault and tells a
 *    synchronous fault (which leaves the code) from an asynchronous one
 *    (after which the code goes on, since the access was done),
 *  - CHECK_TAG_FAULT / CHECK_TAG_OK: an access's outcome in a given mode,
 *  - mte_require(): on a machine without MTE (docs/abi.md section 1), check that
 *    PROT_MTE and tag control are refused (mte_check_absent()) and end
 *    the program as skipped, since what it tests is not there.
 *
 * mte_run() keeps its state per thread and leaves its handler installed,
 * so threads may use it at once; CHECK itself is not thread-safe, so
 * threads count their own failures or take turns.
 */
#ifndef _TESTS_MTE_MTE_UTIL_H_
#define	_TESTS_MTE_MTE_UTIL_H_

#include <sys/types.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <machine/sysarch.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "check.h"

#define	MTE_GRANULE	16	/* bytes that share one tag */
#define	MTE_TAG_SHIFT	56	/* a pointer's tag is bits 59:56 */
#define	MTE_RW		(PROT_READ | PROT_WRITE | PROT_MTE)
#define	MTE_ALL_TAGS	0xffff	/* include mask: IRG may pick any tag */

/* p with tag in bits 59:56 and bits 63:60 clear. */
static inline void *
set_tag(const void *p, unsigned tag)
{

	return ((void *)(((uintptr_t)p & ~(0xffUL << MTE_TAG_SHIFT)) |
	    (uintptr_t)(tag & 0xf) << MTE_TAG_SHIFT));
}

/* The tag that pointer p carries. */
static inline unsigned
ptr_tag(const void *p)
{

	return (((uintptr_t)p >> MTE_TAG_SHIFT) & 0xf);
}

/*
 * IRG: p with a random tag among those the include mask allows, less the
 * tags in exclude (bit n = tag n); tag 0 if that leaves none.  Volatile:
 * the result depends on the tag control, not only on the operands.
 */
static inline void *
irg(void *p, uint64_t exclude)
{
	void *r;

	__asm__ __volatile__("irg %0, %1, %2" : "=r" (r) : "r" (p),
	    "r" (exclude));
	return (r);
}

/*
 * ADDG with no address offset: p with its tag advanced n steps (n a
 * constant, 0 to 15) over the tags the include mask allows; 0 if it
 * allows none.
 */
#define	addg(p, n) __extension__ ({					\
	void *addg_r_;							\
									\
	__asm__ __volatile__("addg %0, %1, #0, #%2" : "=r" (addg_r_)	\
	    : "r" (p), "i" (n));					\
	addg_r_;							\
})

/* STG: give the granule at p (16-byte aligned) the tag p carries. */
static inline void
stg(void *p)
{

	__asm__ __volatile__("stg %0, [%0]" : : "r" (p) : "memory");
}

/* LDG: p with the tag of the granule at p, as memory holds it. */
static inline void *
ldg(void *p)
{
	void *r = p;

	__asm__ __volatile__("ldg %0, [%1]" : "+r" (r) : "r" (p) : "memory");
	return (r);
}

/* The tag memory holds for the granule at p. */
static inline unsigned
mem_tag(void *p)
{

	return (ptr_tag(ldg(p)));
}

/*
 * Set the process's tag check mode and IRG include mask.  Returns
 * sysarch's result: 0, or -1 with errno.
 */
static inline int
mte_set_mode(uint32_t mode, uint32_t include)
{
	struct arm64_mte_ctrl ctrl;

	memset(&ctrl, 0, sizeof(ctrl));
	ctrl.mode = mode;
	ctrl.include = include;
	return (sysarch(ARM64_MTE_CTRL, &ctrl));
}

/* Set mode and include mask; a failure is a failed check. */
#define	MTE_SET_MODE(mode, include)					\
	CHECK_OK(mte_set_mode((mode), (include)))

/* True if the machine has FEAT_MTE3, the asymmetric mode (docs/abi.md section 5). */
static inline int
mte_have_mte3(void)
{
	u_long hwcap2;

	if (elf_aux_info(AT_HWCAP2, &hwcap2, sizeof(hwcap2)) != 0)
		return (0);
	return ((hwcap2 & HWCAP2_MTE3) != 0);
}

/* len bytes of private anonymous tagged memory; ends the test if refused. */
#define	MTE_MAP(len)							\
	CHECK_MMAP(NULL, (len), MTE_RW, MAP_PRIVATE | MAP_ANON, -1, 0)

/* Give every granule of [p, p + len) tag (p and len 16-byte aligned). */
static inline void
tag_range(void *p, size_t len, unsigned tag)
{
	size_t off;

	for (off = 0; off < len; off += MTE_GRANULE)
		stg(set_tag((char *)p + off, tag));
}

/*
 * Offset of the first granule of [p, p + len) whose tag is not tag, or
 * -1 if all have it.
 */
static inline long
first_tag_not(void *p, size_t len, unsigned tag)
{
	size_t off;

	for (off = 0; off < len; off += MTE_GRANULE)
		if (mem_tag((char *)p + off) != tag)
			return ((long)off);
	return (-1);
}

/*
 * Fill [p, p + len) with c, each granule through a pointer carrying the
 * tag memory holds for it, so it never takes a tag check fault.
 */
static inline void
fill_granules(void *p, size_t len, int c)
{
	size_t off;

	for (off = 0; off < len; off += MTE_GRANULE)
		memset(ldg((char *)p + off), c, MTE_GRANULE);
}

/*
 * Offset of the first byte of [p, p + len) that is not c, or -1.  Each
 * granule is read through a pointer carrying the tag memory holds for
 * it, like fill_granules() writes; whole granules are compared as two
 * words, since tests check megabytes this way.
 */
static inline long
first_byte_not(void *p, size_t len, int c)
{
	const volatile uint64_t *w;
	const volatile unsigned char *q;
	uint64_t want = 0x0101010101010101UL * (unsigned char)c;
	uintptr_t start = (uintptr_t)p, end = start + len, g, lo, hi, i;

	for (g = start & ~(uintptr_t)(MTE_GRANULE - 1); g < end;
	    g += MTE_GRANULE) {
		w = ldg((void *)g);
		lo = g < start ? start : g;
		hi = g + MTE_GRANULE > end ? end : g + MTE_GRANULE;
		if (lo == g && hi == g + MTE_GRANULE && w[0] == want &&
		    w[1] == want)
			continue;
		q = (const volatile unsigned char *)w;
		for (i = lo - g; i < hi - g; i++)
			if (q[i] != (unsigned char)c)
				return ((long)(g + i - start));
	}
	return (-1);
}

/*
 * What one mte_run() saw: the signal that ended fn early (a synchronous
 * fault, or any fault but an asynchronous tag check fault), and the
 * SEGV_MTEAERR signals taken while fn ran and on the way back from the
 * getpid() after it.
 */
struct mte_result {
	int	sig;		/* the signal that ended fn, or 0 */
	int	code;		/* its si_code */
	void	*addr;		/* its si_addr */
	int	async;		/* SEGV_MTEAERR signals taken */
	void	*async_addr;	/* the last one's si_addr */
};

static __thread sigjmp_buf mte_run_env __unused;
static __thread volatile sig_atomic_t mte_run_armed __unused;
static __thread struct mte_result *mte_run_res __unused;

/*
 * mte_run()'s handler for SIGSEGV and SIGBUS.  An asynchronous tag fault
 * is counted and returns: the access was performed and the thread goes on.
 * Any other fault leaves fn.  A fault outside mte_run() kills the process
 * as if there were no handler.
 */
static inline void
mte_run_handler(int sig, siginfo_t *si, void *uc)
{
	struct mte_result *r = mte_run_res;

	(void)uc;
	if (!mte_run_armed) {
		signal(sig, SIG_DFL);
		raise(sig);
		return;
	}
	if (sig == SIGSEGV && si->si_code == SEGV_MTEAERR) {
		r->async++;
		r->async_addr = si->si_addr;
		return;
	}
	r->sig = sig;
	r->code = si->si_code;
	r->addr = si->si_addr;
	mte_run_armed = 0;
	siglongjmp(mte_run_env, 1);
}

/* SEGV_MTEAERR signals the current mte_run() of this thread has taken. */
static inline int
mte_async_seen(void)
{

	return (mte_run_res != NULL ? mte_run_res->async : 0);
}

/*
 * Call fn(arg), then getpid(): a kernel entry, on whose way back a pending
 * asynchronous tag fault must be delivered (docs/abi.md section 6).  *r says what
 * happened.  The handler stays installed afterwards (see above).
 */
static inline void
mte_run(void (*fn)(void *), void *arg, struct mte_result *r)
{
	struct sigaction sa;

	memset(r, 0, sizeof(*r));
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = mte_run_handler;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGBUS, &sa, NULL);
	mte_run_res = r;
	if (sigsetjmp(mte_run_env, 1) == 0) {
		mte_run_armed = 1;
		fn(arg);
		(void)getpid();
	}
	mte_run_armed = 0;
	mte_run_res = NULL;
}

/* One access for mte_access(): size 1 or 8 bytes at p. */
struct mte_access_arg {
	void		*p;
	int		write;
	int		size;
	uint64_t	v;	/* stored, or what was loaded */
};

/* Do the access *arg describes. */
static inline void
mte_access_fn(void *arg)
{
	struct mte_access_arg *a = arg;

	if (a->size == 8) {
		if (a->write)
			*(volatile uint64_t *)a->p = a->v;
		else
			a->v = *(volatile uint64_t *)a->p;
	} else {
		if (a->write)
			*(volatile uint8_t *)a->p = (uint8_t)a->v;
		else
			a->v = *(volatile uint8_t *)a->p;
	}
}

/* Read (write: store v) size bytes at p under mte_run(). */
static inline void
mte_access(void *p, int write, int size, uint64_t v, struct mte_result *r)
{
	struct mte_access_arg a;

	a.p = p;
	a.write = write;
	a.size = size;
	a.v = v;
	mte_run(mte_access_fn, &a, r);
}

/*
 * The si_addr a synchronous tag fault at p reports: p with its tag in
 * bits 59:56 and bits 63:60 clear (docs/abi.md section 6).
 */
static inline void *
mte_fault_addr(const void *p)
{

	return ((void *)((uintptr_t)p & ~(0xfUL << 60)));
}

/*
 * Check r against what a tag check fault of an access at p (write: a
 * store) does in mode: SYNC, and ASYMM for reads, stop it with SIGSEGV
 * SEGV_MTESERR at mte_fault_addr(p); ASYNC, and ASYMM for writes, let it
 * through and deliver SEGV_MTEAERR with si_addr 0 by the time the next
 * system call returns; NONE lets it through silently.  mismatch 0: the
 * access must go through silently in any mode.  Returns 1 if r is right.
 */
static inline int
mte_result_ok(const struct mte_result *r, const void *p, int write,
    uint32_t mode, int mismatch)
{
	int sync;

	if (!mismatch || mode == MTE_MODE_NONE)
		return (r->sig == 0 && r->async == 0);
	sync = mode == MTE_MODE_SYNC || (mode == MTE_MODE_ASYMM && !write);
	if (sync)
		return (r->sig == SIGSEGV && r->code == SEGV_MTESERR &&
		    r->addr == mte_fault_addr(p) && r->async == 0);
	return (r->sig == 0 && r->async == 1 && r->async_addr == NULL);
}

/* Report r as a failed check at file:line unless mte_result_ok(). */
static inline void
check_tag_result(const char *file, int line, const char *what,
    const struct mte_result *r, const void *p, int write, uint32_t mode,
    int mismatch)
{

	check_count++;
	if (mte_result_ok(r, p, write, mode, mismatch))
		return;
	check_fail(file, line, "%s (%p) in mode %u, %s: got signal %d "
	    "si_code %d si_addr %p, %d SEGV_MTEAERR (last si_addr %p)", what,
	    p, mode, mismatch ? "tag mismatch" : "tags match", r->sig,
	    r->code, r->addr, r->async, r->async_addr);
}

/* Access one byte at p and check the outcome (see mte_result_ok()). */
static inline void
check_tag_access(const char *file, int line, const char *what, void *p,
    int write, uint32_t mode, int mismatch)
{
	struct mte_result r;

	mte_access(p, write, 1, 0x5a, &r);
	check_tag_result(file, line, what, &r, p, write, mode, mismatch);
}

/* Accessing the byte at p (write: storing) is a tag mismatch in mode. */
#define	CHECK_TAG_FAULT(p, write, mode)					\
	check_tag_access(__FILE__, __LINE__, #p, (p), (write), (mode), 1)
/* Accessing the byte at p (write: storing) passes the tag check. */
#define	CHECK_TAG_OK(p, write)						\
	check_tag_access(__FILE__, __LINE__, #p, (p), (write),		\
	    MTE_MODE_SYNC, 0)
/* mte_run()'s *r is what fn at p (a store if write) does in mode. */
#define	CHECK_TAG_RESULT(r, p, write, mode, mismatch)			\
	check_tag_result(__FILE__, __LINE__, #r, (r), (p), (write),	\
	    (mode), (mismatch))

/*
 * The checking modes this machine offers, for tests that run in each:
 * SYNC and ASYNC always, ASYMM with FEAT_MTE3.  Returns how many it put
 * in modes[3].
 */
static inline int
mte_check_modes(uint32_t modes[3])
{
	int n = 0;

	modes[n++] = MTE_MODE_SYNC;
	modes[n++] = MTE_MODE_ASYNC;
	if (mte_have_mte3())
		modes[n++] = MTE_MODE_ASYMM;
	return (n);
}

/* Run test(mode) in each mode of mte_check_modes(), in its order. */
static inline void
mte_each_mode(void (*test)(uint32_t mode))
{
	uint32_t modes[3];
	int i, n;

	n = mte_check_modes(modes);
	for (i = 0; i < n; i++)
		test(modes[i]);
}

/*
 * On a machine without MTE (docs/abi.md sections 1 and 6): AT_HWCAP2 has neither MTE
 * bit; PROT_MTE is EINVAL for mmap and for mprotect, which then changes
 * nothing; both tag control operations are EOPNOTSUPP for every mode.
 */
static inline void
mte_check_absent(void)
{
	struct arm64_mte_ctrl ctrl;
	u_long hwcap2 = 0;
	size_t pg = getpagesize();
	uint32_t mode;
	char *p;

	CHECK_EQ(elf_aux_info(AT_HWCAP2, &hwcap2, sizeof(hwcap2)), 0);
	CHECK_EQ(hwcap2 & (HWCAP2_MTE | HWCAP2_MTE3), 0);
	CHECK_ERRNO(mmap(NULL, pg, MTE_RW, MAP_PRIVATE | MAP_ANON, -1, 0),
	    EINVAL);
	CHECK_ERRNO(mmap(NULL, pg, PROT_MTE, MAP_PRIVATE | MAP_ANON, -1, 0),
	    EINVAL);
	CHECK_ERRNO(mmap(NULL, pg, MTE_RW, MAP_ANON, -1, 0), EINVAL);
	p = CHECK_MMAP(NULL, pg, PROT_READ, MAP_PRIVATE | MAP_ANON, -1, 0);
	CHECK_ERRNO(mprotect(p, pg, MTE_RW), EINVAL);
	CHECK_ERRNO(mprotect(p, pg, PROT_READ | PROT_MTE), EINVAL);
	CHECK_READABLE(p);
	CHECK_FAULT(p, 1, SIGSEGV, SEGV_ACCERR);
	CHECK_OK(munmap(p, pg));
	for (mode = MTE_MODE_NONE; mode <= MTE_MODE_ASYMM; mode++) {
		memset(&ctrl, 0, sizeof(ctrl));
		ctrl.mode = mode;
		CHECK_ERRNO(sysarch(ARM64_MTE_CTRL, &ctrl), EOPNOTSUPP);
	}
	CHECK_ERRNO(sysarch(ARM64_MTE_GETCTRL, &ctrl), EOPNOTSUPP);
}

/*
 * Return if the machine has MTE.  If not, check what it must do instead
 * (mte_check_absent()) and end the program: skipped if that held, failed
 * if not.
 */
static inline void
mte_require(void)
{

	if (check_have_mte())
		return;
	mte_check_absent();
	check_skip("this machine has no MTE (checked instead that PROT_MTE "
	    "and tag control are refused)");
}

/*
 * The main() of a program whose every test runs in each checking mode:
 * skip without MTE (mte_require), run test(mode) in each mode, and
 * return check_done()'s exit status.
 */
static inline int
mte_main(void (*test)(uint32_t mode))
{

	mte_require();
	mte_each_mode(test);
	return (check_done());
}

#endif /* !_TESTS_MTE_MTE_UTIL_H_ */
