/*
 * docs/abi.md section 5, the tag control: sysarch(ARM64_MTE_CTRL) and
 * sysarch(ARM64_MTE_GETCTRL).
 *  - A program starts (exec) with mode NONE and include 0.
 *  - GETCTRL reports what CTRL set, for every mode and many masks, with
 *    flags and spare 0.
 *  - An unknown mode, include bits above 15, nonzero flags or spare are
 *    EINVAL; ASYMM without FEAT_MTE3 is EOPNOTSUPP; both leave the
 *    control as it was.
 *  - IRG and ADDG choose only included tags, and 0 when none is; IRG
 *    also leaves out the tags of its exclude operand.
 *  - fork keeps mode and mask (the child's changes are its own); exec
 *    resets them.
 *  - Every thread follows a change made by any thread, by its next
 *    system call, and keeps following it across context switches
 *    between threads (faults reach the thread that made them).
 *
 * The program is its own helper: "/tests/mte_ctrl exec-child" checks
 * what exec left.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/mman.h>
#include <machine/sysarch.h>
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "mte_util.h"

#define	SELF		"/tests/mte_ctrl"
#define	TRIES		200	/* IRGs per mask */
#define	ROUNDS		200	/* rounds of test_context_switches */

static size_t pg;	/* the page size */
static char *mem;	/* a tagged page: granule 0 tag 5, granule 1 tag 8 */

/*
 * GETCTRL gives mode and include, and zero flags and spare (the
 * structure starts out filled with junk).
 */
static void
check_ctrl(const char *file, int line, uint32_t mode, uint32_t include)
{
	struct arm64_mte_ctrl c;

	memset(&c, 0xa5, sizeof(c));
	check_count++;
	if (sysarch(ARM64_MTE_GETCTRL, &c) != 0)
		check_fail(file, line, "GETCTRL: errno %d", errno);
	else if (c.mode != mode || c.include != include || c.flags != 0 ||
	    c.spare != 0)
		check_fail(file, line, "GETCTRL: expected mode %u include "
		    "%#x, got mode %u include %#x flags %#x spare %#x", mode,
		    include, c.mode, c.include, c.flags, c.spare);
}
#define	CHECK_CTRL(mode, include)					\
	check_ctrl(__FILE__, __LINE__, (mode), (include))

/* CTRL with every field given. */
static int
set_ctrl(uint32_t mode, uint32_t include, uint32_t flags, uint32_t spare)
{
	struct arm64_mte_ctrl c;

	c.mode = mode;
	c.include = include;
	c.flags = flags;
	c.spare = spare;
	return (sysarch(ARM64_MTE_CTRL, &c));
}

/*
 * Number of TRIES IRGs (with exclude operand exclude) giving a tag
 * outside allowed (bit n = tag n).
 */
static int
irg_outside(uint32_t allowed, uint64_t exclude)
{
	int i, n = 0;

	for (i = 0; i < TRIES; i++)
		if ((allowed & 1U << ptr_tag(irg(mem, exclude))) == 0)
			n++;
	return (n);
}

/* What exec left: NONE, include 0, IRG giving 0, no checks. */
static int
exec_child(void)
{

	CHECK_CTRL(MTE_MODE_NONE, 0);
	mem = MTE_MAP(pg);
	CHECK_EQ(irg_outside(1, 0), 0);
	CHECK_EQ(ptr_tag(addg(mem, 1)), 0);
	stg(set_tag(mem, 5));
	CHECK_TAG_OK(set_tag(mem, 6), 1);
	return (check_done());
}

/* The start of a program: NONE, include 0, IRG and ADDG giving 0. */
static void
test_initial(void)
{

	CHECK_CTRL(MTE_MODE_NONE, 0);
	CHECK_EQ(irg_outside(1, 0), 0);
	CHECK_EQ(ptr_tag(addg(set_tag(mem, 3), 1)), 0);
}

/* GETCTRL gives back what CTRL set, also through a tagged pointer. */
static void
test_round_trip(void)
{
	static const uint32_t masks[] = { 0, 1, 0x20, 0x8001, 0xfffe, 0xffff };
	struct arm64_mte_ctrl c;
	uint32_t modes[4], mode;
	size_t i;
	int n;

	n = mte_check_modes(modes);
	modes[n++] = MTE_MODE_NONE;
	while (n-- > 0) {
		mode = modes[n];
		for (i = 0; i < nitems(masks); i++) {
			MTE_SET_MODE(mode, masks[i]);
			CHECK_CTRL(mode, masks[i]);
		}
	}
	memset(&c, 0, sizeof(c));
	c.mode = MTE_MODE_SYNC;
	c.include = 0x0f0f;
	CHECK_OK(sysarch(ARM64_MTE_CTRL, TAGGED(&c, 0x5c)));
	memset(&c, 0, sizeof(c));
	CHECK_OK(sysarch(ARM64_MTE_GETCTRL, TAGGED(&c, 0xc5)));
	CHECK_EQ(c.mode, MTE_MODE_SYNC);
	CHECK_EQ(c.include, 0x0f0f);
}

/* Malformed controls are refused and change nothing. */
static void
test_refused(void)
{

	MTE_SET_MODE(MTE_MODE_SYNC, 0x1234);
	CHECK_ERRNO(set_ctrl(4, 0x1234, 0, 0), EINVAL);
	CHECK_ERRNO(set_ctrl(0xffffffff, 0x1234, 0, 0), EINVAL);
	CHECK_ERRNO(set_ctrl(MTE_MODE_ASYNC, 0x10000, 0, 0), EINVAL);
	CHECK_ERRNO(set_ctrl(MTE_MODE_ASYNC, 0xffffffff, 0, 0), EINVAL);
	CHECK_ERRNO(set_ctrl(MTE_MODE_ASYNC, 0xffff, 1, 0), EINVAL);
	CHECK_ERRNO(set_ctrl(MTE_MODE_ASYNC, 0xffff, 0x80000000, 0), EINVAL);
	CHECK_ERRNO(set_ctrl(MTE_MODE_ASYNC, 0xffff, 0, 1), EINVAL);
	CHECK_ERRNO(set_ctrl(MTE_MODE_NONE, 0, 0, 0xffffffff), EINVAL);
	if (!mte_have_mte3())
		CHECK_ERRNO(set_ctrl(MTE_MODE_ASYMM, 0xffff, 0, 0),
		    EOPNOTSUPP);
	CHECK_CTRL(MTE_MODE_SYNC, 0x1234);
	CHECK_TAG_FAULT(set_tag(mem, 6), 0, MTE_MODE_SYNC);
}

/* IRG and ADDG keep to the include mask, in every mode. */
static void
test_include(void)
{
	uint32_t modes[4];
	int i, n;

	n = mte_check_modes(modes);
	modes[n++] = MTE_MODE_NONE;
	for (i = 0; i < n; i++) {
		MTE_SET_MODE(modes[i], 1U << 5);
		CHECK_EQ(irg_outside(1U << 5, 0), 0);
		CHECK_EQ(irg_outside(1, 1U << 5), 0);
		CHECK_EQ(ptr_tag(addg(mem, 1)), 5);
		CHECK_EQ(ptr_tag(addg(set_tag(mem, 9), 3)), 5);
		MTE_SET_MODE(modes[i], 0x0030);
		CHECK_EQ(irg_outside(0x0030, 0), 0);
		CHECK_EQ(irg_outside(0x0020, 1U << 4), 0);
		MTE_SET_MODE(modes[i], 0);
		CHECK_EQ(irg_outside(1, 0), 0);
		CHECK_EQ(ptr_tag(addg(set_tag(mem, 7), 1)), 0);
		MTE_SET_MODE(modes[i], 0xffff);
		CHECK_EQ(irg_outside(0xfff7, 1U << 3), 0);
		CHECK_EQ(ptr_tag(addg(set_tag(mem, 3), 1)), 4);
		CHECK_EQ(ptr_tag(addg(set_tag(mem, 15), 1)), 0);
		CHECK_EQ(ptr_tag(addg(set_tag(mem, 3), 15)), 2);
		MTE_SET_MODE(modes[i], 0xfffe);
		CHECK_EQ(irg_outside(0xfffe, 0), 0);
		CHECK_EQ(ptr_tag(addg(set_tag(mem, 15), 1)), 1);
	}
}

/*
 * fork: the child starts with the parent's mode and mask, and what it
 * changes stays its own.
 */
static void
test_fork(void)
{
	pid_t pid;

	MTE_SET_MODE(MTE_MODE_SYNC, 1U << 5);
	pid = CHECK_FORK();
	if (pid == 0) {
		CHECK_CTRL(MTE_MODE_SYNC, 1U << 5);
		CHECK_EQ(irg_outside(1U << 5, 0), 0);
		CHECK_TAG_FAULT(set_tag(mem, 6), 0, MTE_MODE_SYNC);
		check_child_exit();
	}
	CHECK_WAIT_EXIT(pid, 0);
	MTE_SET_MODE(MTE_MODE_ASYNC, 1U << 8);
	pid = CHECK_FORK();
	if (pid == 0) {
		CHECK_CTRL(MTE_MODE_ASYNC, 1U << 8);
		CHECK_EQ(irg_outside(1U << 8, 0), 0);
		CHECK_TAG_FAULT(set_tag(mem, 6), 1, MTE_MODE_ASYNC);
		MTE_SET_MODE(MTE_MODE_NONE, 0);
		check_child_exit();
	}
	CHECK_WAIT_EXIT(pid, 0);
	CHECK_CTRL(MTE_MODE_ASYNC, 1U << 8);
}

/* exec resets the control, whatever it was (see exec_child()). */
static void
test_exec(void)
{
	char *argv[] = { SELF, "exec-child", NULL };
	char *envp[] = { NULL };
	pid_t pid;

	MTE_SET_MODE(MTE_MODE_SYNC, 1U << 5);
	pid = CHECK_SPAWN(SELF, argv, envp);
	CHECK_WAIT_EXIT(pid, 0);
}

static int step;	/* test_threads_follow()'s turn (atomic) */

/* Spin (yielding) until step reaches n, then make one more system call. */
static void
await_step(int n)
{

	while (__atomic_load_n(&step, __ATOMIC_ACQUIRE) != n)
		sched_yield();
	sched_yield();
}

/* Let the other thread of test_threads_follow() go on. */
static void
give_step(int n)
{

	__atomic_store_n(&step, n, __ATOMIC_RELEASE);
}

/*
 * test_threads_follow()'s second thread: it sees the change the main
 * thread made, then makes one the main thread must see.
 */
static void *
follower(void *arg)
{

	(void)arg;
	await_step(1);
	CHECK_CTRL(MTE_MODE_SYNC, 1U << 5);
	CHECK_EQ(irg_outside(1U << 5, 0), 0);
	CHECK_TAG_FAULT(set_tag(mem, 6), 0, MTE_MODE_SYNC);
	MTE_SET_MODE(MTE_MODE_ASYNC, 1U << 8);
	give_step(2);
	return (NULL);
}

/*
 * A change by one thread holds for the other, by its next system call;
 * the two threads take turns, so their checks never overlap.
 */
static void
test_threads_follow(void)
{
	pthread_t t;

	MTE_SET_MODE(MTE_MODE_NONE, 0);
	step = 0;
	CHECK_EQ(pthread_create(&t, NULL, follower, NULL), 0);
	MTE_SET_MODE(MTE_MODE_SYNC, 1U << 5);
	give_step(1);
	await_step(2);
	CHECK_CTRL(MTE_MODE_ASYNC, 1U << 8);
	CHECK_EQ(irg_outside(1U << 8, 0), 0);
	CHECK_TAG_FAULT(set_tag(mem, 6), 1, MTE_MODE_ASYNC);
	CHECK_EQ(pthread_join(t, NULL), 0);
}

/* What a thread of test_context_switches() does, and its failures. */
struct switcher {
	uint32_t	mode;
	uint32_t	tag;	/* the only tag included */
	char		*own;	/* a granule of its own, tagged tag */
	int		errors;
};

/* A mismatched store, then sched_yield: the next kernel entry. */
static void
store_and_yield(void *arg)
{
	int *seen = arg;

	*(volatile char *)set_tag(mem, 6) = 'y';
	sched_yield();
	*seen = mte_async_seen();
}

/*
 * ROUNDS times: IRG keeps to the mask, the thread's own granule keeps its
 * tag, a matching access passes, and a mismatched store faults as the
 * mode says (ASYNC: by the sched_yield after it, which lets the other
 * thread run first on one CPU); then yield.
 */
static void *
switcher(void *arg)
{
	struct switcher *s = arg;
	struct mte_result r;
	int i, seen;

	for (i = 0; i < ROUNDS; i++) {
		if (ptr_tag(irg(mem, 0)) != s->tag ||
		    mem_tag(s->own) != s->tag)
			s->errors++;
		mte_access(set_tag(s->own, s->tag), 1, 1, i, &r);
		if (!mte_result_ok(&r, s->own, 1, s->mode, 0))
			s->errors++;
		seen = -1;
		mte_run(store_and_yield, &seen, &r);
		if (!mte_result_ok(&r, set_tag(mem, 6), 1, s->mode, 1) ||
		    (s->mode == MTE_MODE_ASYNC && seen != 1))
			s->errors++;
		sched_yield();
	}
	return (NULL);
}

/*
 * Two threads, yielding to each other ROUNDS times, each checking that
 * the process's control still holds for it; in SYNC and in ASYNC.
 */
static void
test_context_switches(uint32_t mode, uint32_t tag)
{
	struct switcher a, b;
	pthread_t t;

	MTE_SET_MODE(mode, 1U << tag);
	a.mode = b.mode = mode;
	a.tag = b.tag = tag;
	a.own = mem + 2 * MTE_GRANULE;
	b.own = mem + 3 * MTE_GRANULE;
	stg(set_tag(a.own, tag));
	stg(set_tag(b.own, tag));
	a.errors = b.errors = 0;
	CHECK_EQ(pthread_create(&t, NULL, switcher, &b), 0);
	switcher(&a);
	CHECK_EQ(pthread_join(t, NULL), 0);
	CHECK_EQ(a.errors, 0);
	CHECK_EQ(b.errors, 0);
}

int
main(int argc, char **argv)
{
	pid_t watchdog;

	pg = getpagesize();
	mte_require();
	if (argc > 1 && strcmp(argv[1], "exec-child") == 0)
		return (exec_child());
	mem = MTE_MAP(pg);
	stg(set_tag(mem, 5));
	stg(set_tag(mem + MTE_GRANULE, 8));
	test_initial();
	watchdog = check_watchdog_start(60);
	test_round_trip();
	test_refused();
	test_include();
	test_fork();
	test_exec();
	test_threads_follow();
	test_context_switches(MTE_MODE_SYNC, 11);
	test_context_switches(MTE_MODE_ASYNC, 12);
	check_watchdog_stop(watchdog);
	return (check_done());
}
