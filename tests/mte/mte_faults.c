/*
 * docs/abi.md section 6, tag mismatches in each mode.
 *  SYNC: the access is not performed; SIGSEGV with SEGV_MTESERR and
 *	si_addr the faulting address with the pointer's tag in bits 59:56 and
 *	bits 63:60 zero; for loads and stores of 1 and 8 bytes, an overflow
 *	into the next granule, an access straddling two granules.
 *  ASYNC: SIGSEGV with SEGV_MTEAERR and si_addr 0, delivered before the
 *	thread runs user code again after its next kernel entry (here, a
 *	getpid), to the faulting thread and no other.
 *  ASYMM: reads as SYNC, writes as ASYNC, given FEAT_MTE3; without it
 *	sysarch refuses the mode with EOPNOTSUPP and keeps the old one.
 *  NONE: no check; LDG, STG and IRG still work.
 * A mode takes effect as soon as sysarch returns, and memory that is not
 * tagged is never checked, whatever the pointer's tag.
 */
#include <sys/types.h>
#include <sys/mman.h>
#include <machine/sysarch.h>
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "mte_util.h"

#define	THREAD_ROUNDS	50	/* asynchronous faults in test_async_thread */

static size_t pg;	/* the page size */

/*
 * A page whose granule 0 has tag 5, granule 1 tag 6 and the rest tag 0;
 * granule 0 and 1 hold 'd'.
 */
static char *
map_two_granules(void)
{
	char *p;

	p = MTE_MAP(pg);
	stg(set_tag(p, 5));
	stg(set_tag(p + 16, 6));
	fill_granules(p, 32, 'd');
	return (p);
}

/* SYNC: precise faults, nothing stored, the si_addr rule. */
static void
test_sync(void)
{
	struct mte_result r;
	char *p, *p5, local[16];
	uintptr_t a;

	MTE_SET_MODE(MTE_MODE_SYNC, MTE_ALL_TAGS);
	p = map_two_granules();
	p5 = set_tag(p, 5);
	CHECK_TAG_OK(p5, 0);
	CHECK_TAG_OK(p5 + 15, 0);
	CHECK_TAG_FAULT(set_tag(p, 6), 0, MTE_MODE_SYNC);
	CHECK_TAG_FAULT(set_tag(p, 6), 1, MTE_MODE_SYNC);
	CHECK_TAG_FAULT(p5 + 16, 1, MTE_MODE_SYNC);
	CHECK_TAG_FAULT(p5 + 31, 0, MTE_MODE_SYNC);
	CHECK_EQ(first_byte_not(p, 32, 'd'), -1);
	CHECK_TAG_FAULT(p5 + 32, 1, MTE_MODE_SYNC);

	/* Bits 63:60 are not part of the tag: ignored, and not reported. */
	CHECK_TAG_OK((char *)((uintptr_t)p5 | 0xa0UL << 56), 0);
	CHECK_TAG_FAULT((char *)((uintptr_t)set_tag(p, 3) | 0xf0UL << 56), 0,
	    MTE_MODE_SYNC);
	CHECK_TAG_FAULT((char *)((uintptr_t)set_tag(p + 17, 5) |
	    0x50UL << 56), 1, MTE_MODE_SYNC);

	/* Eight bytes: the store is not performed. */
	mte_access(p5 + 16, 1, 8, 0x1122334455667788UL, &r);
	CHECK_TAG_RESULT(&r, p5 + 16, 1, MTE_MODE_SYNC, 1);
	mte_access(set_tag(p, 0), 0, 8, 0, &r);
	CHECK_TAG_RESULT(&r, set_tag(p, 0), 0, MTE_MODE_SYNC, 1);
	CHECK_EQ(first_byte_not(p, 32, 'd'), -1);

	/*
	 * Eight bytes straddling granules 0 and 1, through granule 0's tag:
	 * the fault's address lies within the access.  A load, so that no
	 * partly performed store is in question.
	 */
	mte_access(p5 + 12, 0, 8, 0, &r);
	a = (uintptr_t)r.addr;
	CHECK_EQ(r.sig, SIGSEGV);
	CHECK_EQ(r.code, SEGV_MTESERR);
	CHECK(a >= (uintptr_t)(p5 + 12) && a < (uintptr_t)(p5 + 20));
	CHECK_EQ(first_byte_not(p, 32, 'd'), -1);

	/* Untagged memory is never checked. */
	CHECK_TAG_OK(set_tag(local, 7), 1);
	CHECK_TAG_OK(set_tag(local + 15, 12), 0);
	CHECK_OK(munmap(p, pg));
}

/* What async_store() did. */
struct async_arg {
	char	*p;		/* where it stored */
	int	seen;		/* SEGV_MTEAERR taken when getpid returned */
};

/* A mismatched store, a kernel entry, and what had arrived by then. */
static void
async_store(void *arg)
{
	struct async_arg *a = arg;

	*(volatile char *)a->p = 'x';
	(void)getpid();
	a->seen = mte_async_seen();
}

/* A mismatched load, and the same. */
static void
async_load(void *arg)
{
	struct async_arg *a = arg;

	(void)*(volatile char *)a->p;
	(void)getpid();
	a->seen = mte_async_seen();
}

/* ASYNC: the signal arrives when the next system call returns. */
static void
test_async(void)
{
	struct async_arg a;
	struct mte_result r;
	char *p;

	MTE_SET_MODE(MTE_MODE_ASYNC, MTE_ALL_TAGS);
	p = map_two_granules();
	a.p = set_tag(p, 6);
	a.seen = -1;
	mte_run(async_store, &a, &r);
	CHECK_EQ(a.seen, 1);
	CHECK_TAG_RESULT(&r, a.p, 1, MTE_MODE_ASYNC, 1);
	a.p = set_tag(p + 16, 5);
	a.seen = -1;
	mte_run(async_load, &a, &r);
	CHECK_EQ(a.seen, 1);
	CHECK_TAG_RESULT(&r, a.p, 0, MTE_MODE_ASYNC, 1);
	CHECK_TAG_FAULT(set_tag(p + 40, 1), 1, MTE_MODE_ASYNC);
	CHECK_TAG_OK(set_tag(p + 5, 5), 1);
	CHECK_OK(munmap(p, pg));
}

/* Shared by the two threads of test_async_thread(). */
struct thread_arg {
	char	*p;		/* granule 0 tag 5, granule 1 tag 6 */
	int	errors;		/* rounds that went wrong */
};

/* Take THREAD_ROUNDS asynchronous faults, each by the next getpid. */
static void *
faulting_thread(void *arg)
{
	struct thread_arg *t = arg;
	struct async_arg a;
	struct mte_result r;
	int i;

	for (i = 0; i < THREAD_ROUNDS; i++) {
		a.p = set_tag(t->p, 6);
		a.seen = -1;
		mte_run(async_store, &a, &r);
		if (a.seen != 1 ||
		    !mte_result_ok(&r, a.p, 1, MTE_MODE_ASYNC, 1))
			t->errors++;
		sched_yield();
	}
	return (NULL);
}

/*
 * ASYNC with two threads: one keeps faulting while the other makes
 * matching accesses and system calls; each fault reaches the faulting
 * thread, by its next system call, and never the other.
 */
static void
test_async_thread(void)
{
	struct thread_arg t;
	struct mte_result r;
	pthread_t thr;
	int i, errors = 0;

	MTE_SET_MODE(MTE_MODE_ASYNC, MTE_ALL_TAGS);
	t.p = map_two_granules();
	t.errors = 0;
	CHECK_EQ(pthread_create(&thr, NULL, faulting_thread, &t), 0);
	for (i = 0; i < THREAD_ROUNDS; i++) {
		mte_access(set_tag(t.p + 16, 6), 1, 1, 'e', &r);
		if (!mte_result_ok(&r, t.p, 1, MTE_MODE_ASYNC, 0))
			errors++;
		sched_yield();
	}
	CHECK_EQ(pthread_join(thr, NULL), 0);
	CHECK_EQ(t.errors, 0);
	CHECK_EQ(errors, 0);
	CHECK_OK(munmap(t.p, pg));
}

/*
 * ASYMM with FEAT_MTE3: a mismatched read is precise, a mismatched write
 * deferred.  Without it: EOPNOTSUPP and the mode stays SYNC.
 */
static void
test_asymm(void)
{
	struct arm64_mte_ctrl ctrl;
	char *p;

	MTE_SET_MODE(MTE_MODE_SYNC, MTE_ALL_TAGS);
	if (!mte_have_mte3()) {
		CHECK_ERRNO(mte_set_mode(MTE_MODE_ASYMM, MTE_ALL_TAGS),
		    EOPNOTSUPP);
		CHECK_OK(sysarch(ARM64_MTE_GETCTRL, &ctrl));
		CHECK_EQ(ctrl.mode, MTE_MODE_SYNC);
		return;
	}
	MTE_SET_MODE(MTE_MODE_ASYMM, MTE_ALL_TAGS);
	p = map_two_granules();
	CHECK_TAG_FAULT(set_tag(p, 6), 0, MTE_MODE_ASYMM);
	CHECK_TAG_FAULT(set_tag(p + 20, 5), 0, MTE_MODE_ASYMM);
	CHECK_TAG_FAULT(set_tag(p, 6), 1, MTE_MODE_ASYMM);
	CHECK_TAG_FAULT(set_tag(p + 20, 5), 1, MTE_MODE_ASYMM);
	CHECK_TAG_OK(set_tag(p + 20, 6), 1);
	CHECK_OK(munmap(p, pg));
}

/*
 * NONE: mismatched accesses go through, stores included; the tag
 * instructions still work.
 */
static void
test_none(void)
{
	char *p;
	int i;

	MTE_SET_MODE(MTE_MODE_NONE, MTE_ALL_TAGS);
	p = map_two_granules();
	CHECK_TAG_OK(set_tag(p, 6), 0);
	CHECK_TAG_OK(set_tag(p + 1, 0), 1);
	CHECK_EQ(*(volatile char *)set_tag(p + 1, 5), 0x5a);
	stg(set_tag(p + 32, 9));
	CHECK_EQ(mem_tag(p + 32), 9);
	CHECK_EQ(mem_tag(p + 16), 6);
	for (i = 0; i < 20; i++)
		CHECK(ptr_tag(irg(p, 1)) != 0);
	CHECK_OK(munmap(p, pg));
}

/* Each change of mode holds from the moment sysarch returns. */
static void
test_switch(void)
{
	uint32_t modes[3];
	char *p;
	int i, n;

	p = map_two_granules();
	n = mte_check_modes(modes);
	for (i = 0; i < n; i++) {
		MTE_SET_MODE(modes[i], MTE_ALL_TAGS);
		CHECK_TAG_FAULT(set_tag(p, 6), 0, modes[i]);
		MTE_SET_MODE(MTE_MODE_NONE, MTE_ALL_TAGS);
		CHECK_TAG_OK(set_tag(p, 6), 0);
		MTE_SET_MODE(modes[i], MTE_ALL_TAGS);
		CHECK_TAG_FAULT(set_tag(p + 16, 5), 1, modes[i]);
	}
	CHECK_OK(munmap(p, pg));
}

int
main(void)
{
	pid_t watchdog;

	pg = getpagesize();
	mte_require();
	watchdog = check_watchdog_start(60);
	test_sync();
	test_async();
	test_async_thread();
	test_asymm();
	test_none();
	test_switch();
	check_watchdog_stop(watchdog);
	return (check_done());
}
