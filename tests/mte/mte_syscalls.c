/*
 * docs/abi.md section 6, "system call reading or writing user memory through a
 * mismatched pointer", and docs/abi.md section 2.4, tagged pointers in system calls.
 *  SYNC: read(2) and write(2) stop at the first mismatched granule and
 *	return the count done before it, EFAULT if that is the first one;
 *	a call copying one structure is EFAULT; no signal.  Bytes a short
 *	read left in the pipe are there for the next read; a short write
 *	queued only what it counted.
 *  ASYNC: the call completes, and SEGV_MTEAERR (si_addr 0) arrives by
 *	the time it returns.
 *  ASYMM (FEAT_MTE3): the kernel reading user memory (write, nanosleep)
 *	as SYNC, writing it (read, clock_gettime, sysarch) as ASYNC.
 *  NONE: the call completes, silently.
 * mmap (its hint), munmap, mprotect, minherit, madvise and mincore ignore
 * bits 63:56 of the address; that part runs with and without MTE.
 */
#include <sys/types.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <machine/sysarch.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "mte_util.h"

/*
 * The buffer: BUFLEN bytes, four granules tagged GOOD, GOOD, BAD, GOOD,
 * holding 'A', 'B', ... .  A pointer tagged GOOD at its start meets the
 * mismatch at byte BAD_AT.
 */
#define	BUFLEN		64
#define	BAD_AT		32
#define	GOOD		5
#define	BAD		6

/* The calls under test. */
enum op { OP_READ, OP_WRITE, OP_CLOCK, OP_SLEEP, OP_GETCTRL };

static size_t pg;	/* the page size */
static char *buf;	/* the page holding the buffer */
static int fds[2];	/* a pipe, O_NONBLOCK at both ends */

/* One call and what it returned. */
struct call {
	enum op	op;
	void	*p;	/* its user pointer */
	size_t	len;	/* for read and write */
	long	ret;
	int	err;	/* errno, if ret is -1 */
	int	seen;	/* SEGV_MTEAERR taken when it returned */
};

/* Make the call *arg describes. */
static void
call_fn(void *arg)
{
	struct call *c = arg;

	errno = 0;
	switch (c->op) {
	case OP_READ:
		c->ret = read(fds[0], c->p, c->len);
		break;
	case OP_WRITE:
		c->ret = write(fds[1], c->p, c->len);
		break;
	case OP_CLOCK:
		c->ret = __sys_clock_gettime(CLOCK_MONOTONIC, c->p);
		break;
	case OP_SLEEP:
		c->ret = nanosleep(c->p, NULL);
		break;
	case OP_GETCTRL:
		c->ret = sysarch(ARM64_MTE_GETCTRL, c->p);
		break;
	}
	c->err = errno;
	c->seen = mte_async_seen();
}

/*
 * Make call op(p, len) and check it: it returns want (-1: fails with
 * EFAULT), and a SEGV_MTEAERR arrives by its return if async, else no
 * signal at all.
 */
static void
check_call(const char *file, int line, enum op op, void *p, size_t len,
    long want, int async)
{
	struct mte_result r;
	struct call c;

	c.op = op;
	c.p = p;
	c.len = len;
	c.ret = -2;
	c.err = 0;
	c.seen = -1;
	mte_run(call_fn, &c, &r);
	check_count++;
	if (c.ret != want || (want == -1 && c.err != EFAULT) || r.sig != 0 ||
	    r.async != async || (async && (c.seen != 1 ||
	    r.async_addr != NULL)))
		check_fail(file, line, "call %d (%p, %zu): expected %ld%s, "
		    "%d SEGV_MTEAERR; got %ld errno %d, signal %d, %d "
		    "SEGV_MTEAERR (%d by the return, si_addr %p)", op, p, len,
		    want, want == -1 ? " EFAULT" : "", async, c.ret, c.err,
		    r.sig, r.async, c.seen, r.async_addr);
}
#define	CHECK_CALL(op, p, len, want, async)				\
	check_call(__FILE__, __LINE__, (op), (p), (len), (want), (async))

/* The pointer to byte off of the buffer, tagged tag. */
static char *
at(size_t off, unsigned tag)
{

	return (set_tag(buf + off, tag));
}

/* Tag the buffer and fill it with 'A', 'B', ... */
static void
reset_buffer(void)
{
	size_t i;

	tag_range(buf, BUFLEN, GOOD);
	stg(at(BAD_AT, BAD));
	for (i = 0; i < BUFLEN; i++)
		*(char *)ldg(buf + i) = 'A' + i;
}

/* True if the buffer's bytes [from, to) are as reset_buffer() left them. */
static int
buffer_untouched(size_t from, size_t to)
{
	size_t i;

	for (i = from; i < to; i++)
		if (*(char *)ldg(buf + i) != (char)('A' + i))
			return (0);
	return (1);
}

/* True if the n bytes at p are 'A', 'B', ... as the buffer starts. */
static int
is_sequence(const char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (p[i] != (char)('A' + i))
			return (0);
	return (1);
}

/* Bytes queued in the pipe. */
static long
queued(void)
{
	struct stat st;

	if (fstat(fds[0], &st) != 0)
		return (-1);
	return ((long)st.st_size);
}

/* Empty the pipe; returns how many bytes it held. */
static long
drain(void)
{
	char tmp[256];
	long n = 0;
	ssize_t r;

	while ((r = read(fds[0], tmp, sizeof(tmp))) > 0)
		n += r;
	return (n);
}

/* Queue len bytes c in the pipe. */
static void
queue(char c, size_t len)
{
	char tmp[BUFLEN];

	memset(tmp, c, len);
	CHECK_EQ(write(fds[1], tmp, len), (long)len);
}

/*
 * The kernel reading user memory (write(2), nanosleep(2)) through a
 * pointer that meets a mismatch, in mode.
 */
static void
test_kernel_reads(uint32_t mode)
{
	struct timespec *ts;
	char tmp[BUFLEN];
	int precise, async;

	precise = mode == MTE_MODE_SYNC || mode == MTE_MODE_ASYMM;
	async = mode == MTE_MODE_ASYNC;
	MTE_SET_MODE(mode, MTE_ALL_TAGS);
	reset_buffer();
	CHECK_CALL(OP_WRITE, at(0, GOOD), BUFLEN, precise ? BAD_AT : BUFLEN,
	    async);
	CHECK_EQ(queued(), precise ? BAD_AT : BUFLEN);
	CHECK_EQ(read(fds[0], tmp, sizeof(tmp)), precise ? BAD_AT : BUFLEN);
	CHECK(is_sequence(tmp, precise ? BAD_AT : BUFLEN));
	CHECK_EQ(drain(), 0);
	CHECK_CALL(OP_WRITE, at(8, GOOD), 40, precise ? BAD_AT - 8 : 40,
	    async);
	CHECK_EQ(drain(), precise ? BAD_AT - 8 : 40);
	CHECK_CALL(OP_WRITE, at(BAD_AT, GOOD), 32, precise ? -1 : 32, async);
	CHECK_EQ(drain(), precise ? 0 : 32);
	CHECK_CALL(OP_WRITE, at(BAD_AT, BAD), 16, 16, 0);
	CHECK_EQ(drain(), 16);

	ts = (struct timespec *)at(BAD_AT, BAD);
	ts->tv_sec = 0;
	ts->tv_nsec = 1000;
	CHECK_CALL(OP_SLEEP, at(BAD_AT, GOOD), 0, precise ? -1 : 0, async);
	CHECK_CALL(OP_SLEEP, ts, 0, 0, 0);
}

/*
 * The kernel writing user memory (read(2), clock_gettime(2),
 * sysarch(ARM64_MTE_GETCTRL)) through a pointer that meets a mismatch.
 */
static void
test_kernel_writes(uint32_t mode)
{
	int precise, async;

	precise = mode == MTE_MODE_SYNC;
	async = mode == MTE_MODE_ASYNC || mode == MTE_MODE_ASYMM;
	MTE_SET_MODE(mode, MTE_ALL_TAGS);
	reset_buffer();
	queue('x', BUFLEN);
	CHECK_CALL(OP_READ, at(0, GOOD), BUFLEN, precise ? BAD_AT : BUFLEN,
	    async);
	CHECK_EQ(first_byte_not(buf, precise ? BAD_AT : BUFLEN, 'x'), -1);
	if (precise)
		CHECK(buffer_untouched(BAD_AT, BUFLEN));
	CHECK_EQ(queued(), precise ? BUFLEN - BAD_AT : 0);
	CHECK_EQ(drain(), precise ? BUFLEN - BAD_AT : 0);

	reset_buffer();
	queue('y', BUFLEN);
	CHECK_CALL(OP_READ, at(BAD_AT, GOOD), 32, precise ? -1 : 32, async);
	CHECK_EQ(queued(), precise ? BUFLEN : BUFLEN - 32);
	CHECK_EQ(drain(), precise ? BUFLEN : BUFLEN - 32);
	if (precise)
		CHECK(buffer_untouched(0, BUFLEN));

	CHECK_CALL(OP_CLOCK, at(BAD_AT, GOOD), 0, precise ? -1 : 0, async);
	CHECK_CALL(OP_CLOCK, at(BAD_AT, BAD), 0, 0, 0);
	CHECK_CALL(OP_GETCTRL, at(BAD_AT, GOOD), 0, precise ? -1 : 0, async);
	CHECK_CALL(OP_GETCTRL, at(BAD_AT, BAD), 0, 0, 0);
	CHECK_EQ(((struct arm64_mte_ctrl *)at(BAD_AT, BAD))->mode, mode);
}

/*
 * The address-space calls take tagged addresses and act on the untagged
 * ones; so do the pointers they write through (mincore's vector).
 */
static void
test_tagged_addresses(void)
{
	char vec[4];
	char *q, *r;
	pid_t pid;

	q = CHECK_MAP_ANON(4 * pg);
	memset(q, 't', 4 * pg);
	CHECK_OK(mprotect(TAGGED(q, 0xa5), pg, PROT_READ));
	CHECK_FAULT(q, 1, SIGSEGV, SEGV_ACCERR);
	CHECK_EQ(q[0], 't');
	CHECK_OK(mincore(TAGGED(q, 0x3c), 4 * pg, TAGGED(vec, 0x77)));
	CHECK(vec[0] & MINCORE_INCORE);
	CHECK_OK(madvise(TAGGED(q, 0xff), 4 * pg, MADV_WILLNEED));
	CHECK_OK(minherit(TAGGED(q + pg, 0x11), pg, INHERIT_NONE));
	pid = CHECK_FORK();
	if (pid == 0) {
		CHECK_ERRNO(mincore(q + pg, pg, vec), ENOMEM);
		CHECK_EQ(q[2 * pg], 't');
		check_child_exit();
	}
	CHECK_WAIT_EXIT(pid, 0);
	CHECK_OK(munmap(TAGGED(q + 3 * pg, 0x80), pg));
	CHECK_FAULT(q + 3 * pg, 0, SIGSEGV, SEGV_MAPERR);
	r = mmap(TAGGED(q + 3 * pg, 0x42), pg, PROT_READ | PROT_WRITE,
	    MAP_FIXED | MAP_PRIVATE | MAP_ANON, -1, 0);
	CHECK_EQ(r, q + 3 * pg);
	CHECK_WRITABLE(q + 3 * pg);
	CHECK_OK(munmap(q, 4 * pg));
	r = mmap(TAGGED(q, 0x24), pg, PROT_READ | PROT_WRITE, MAP_PRIVATE |
	    MAP_ANON, -1, 0);
	CHECK(r != MAP_FAILED && (uintptr_t)r >> 56 == 0);
	if (r != MAP_FAILED)
		CHECK_OK(munmap(r, pg));

	if (!check_have_mte())
		return;
	q = MTE_MAP(pg);
	stg(set_tag(q, 9));
	CHECK_OK(mprotect(set_tag(q, 9), pg, PROT_READ | PROT_MTE));
	CHECK_EQ(mem_tag(q), 9);
	CHECK_OK(madvise(set_tag(q, 3), pg, MADV_WILLNEED));
	CHECK_OK(minherit(set_tag(q, 9), pg, INHERIT_ZERO));
	CHECK_OK(mincore(set_tag(q, 1), pg, vec));
	CHECK_OK(munmap(set_tag(q, 3), pg));
	CHECK_FAULT(q, 0, SIGSEGV, SEGV_MAPERR);
}

/* Every test of this program, in tag-check mode mode. */
static void
test_mode(uint32_t mode)
{
	test_kernel_reads(mode);
	test_kernel_writes(mode);
}

int
main(void)
{
	pid_t watchdog;

	pg = getpagesize();
	if (!check_have_mte()) {
		mte_check_absent();
		test_tagged_addresses();
		return (check_done());
	}
	watchdog = check_watchdog_start(60);
	buf = MTE_MAP(pg);
	CHECK_OK(pipe2(fds, O_NONBLOCK));
	mte_each_mode(test_mode);
	test_kernel_reads(MTE_MODE_NONE);
	test_kernel_writes(MTE_MODE_NONE);
	test_tagged_addresses();
	check_watchdog_stop(watchdog);
	return (check_done());
}
