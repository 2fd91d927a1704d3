/*
 * seqfuzz: a sequence fuzzer for TagOS's system calls, in the spirit of
 * syzkaller.  Where tests/user/syscall_fuzz.c throws unrelated hostile
 * arguments at each call, seqfuzz keeps the resources its calls create
 * (mappings with their protection and inheritance, pipes, shared memory
 * objects, threads, children, tagged pointers) and chains calls on them:
 * map, tag, fork, mprotect away PROT_MTE, write through a stale tagged
 * pointer into a pipe, shrink the object under a mapping, exec with
 * threads running, run out of memory...
 *
 *   seqfuzz                  a short pass (make test): fixed seed, a few
 *                            seconds of emulated time
 *   seqfuzz SECS [SEED]      fuzz for SECS seconds of emulated time, or
 *                            until a line "stop" arrives on the console
 *   seqfuzz replay SEED      run the one worker SEED, printing each step
 *
 * The driver (this process) runs throw-away workers one after another,
 * each a forked child fuzzing with its own seed, printed first, so a
 * failure replays from it.  A worker may die of what it did to itself;
 * the kernel must never panic or hang.  After each worker the driver
 * kills whatever the worker left behind (every process the worker's tree
 * forked is recorded in a shared control object); at the end it checks
 * that the kernel's free pages (counting those kmalloc and the pmap's pv
 * chunk pool keep), kmalloc allocations and VM objects are back where
 * they were before the first worker, and prints calls made, distinct
 * calls covered, and the verdict.  Exit status 0 means: no leak, no
 * worker that could not be killed.  tools/fuzz.sh runs long passes on
 * several machines.
 */
#include <sys/types.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysctl.h>
#include <sys/thr.h>
#include <sys/umtx.h>
#include <sys/wait.h>
#include <machine/sysarch.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

#define	SELF		"/tests/seqfuzz"
#define	SHORT_SECS	3	/* the short pass of make test */
#define	SHORT_SEED	0x5eed
#define	WORKER_OPS	600	/* operations per worker (before exec/fork) */
#define	WORKER_SECS	20	/* a worker still running then is killed */
#define	HEARTBEAT_SECS	5	/* "still alive" lines for tools/fuzz.sh */
#define	NSYSCALLS	600	/* above every implemented number */
#define	MAXPIDS		256	/* processes one worker's tree may fork */
#define	MAXPROCS	12	/* of which alive at once */
#define	MAXTHREADS	6	/* extra threads per process */
#define	NMAPS		24
#define	NFDS		24
#define	NKIDS		6
#define	NPTRS		16
#define	ARENA		0x0000100000000000UL	/* MAP_FIXED lands here */
#define	ARENA_PAGES	4096

/*
 * The control object: a shared memory object every process of a run maps
 * (an exec'd worker finds it at descriptor ctl_fd, given in its argv).
 * Counters are updated atomically from every process and thread.
 */
struct ctl {
	u_long		calls;			/* system calls made */
	u_long		per_call[NSYSCALLS];	/* by number */
	uint64_t	outcome[NSYSCALLS];	/* bit 0 success, bit e errno e */
	pid_t		driver;			/* never signalled */
	int		npids;			/* entries of pids[] used */
	int		nprocs;			/* worker tree processes alive */
	pid_t		pids[MAXPIDS];		/* every fork of this worker */
};

static struct ctl *ctl;
static int ctl_fd = -1;
static size_t pg;
static int have_mte;
static int verbose;		/* replay: print every step */

/*
 * The resources of one process.  Kept loosely: an operation that
 * partly succeeds or a thread that races may leave an entry stale, and
 * every access through one is made under fault protection.
 */
struct map {
	uintptr_t	addr;
	size_t		len;
	int		prot;
	int		shared;		/* MAP_SHARED or of a shm object */
};
struct fdres {
	int		fd;
	int		kind;		/* FD_* */
	int		nonblock;
};
#define	FD_PIPE_R	1
#define	FD_PIPE_W	2
#define	FD_SHM		3

static struct map maps[NMAPS];
static struct fdres fds[NFDS];
static pid_t kids[NKIDS];
static void *tptrs[NPTRS];		/* tagged pointers into maps */
static volatile int nthreads;		/* extra threads alive */
static int depth;			/* forks and execs from the worker */

/* xorshift64*, one state per thread. */
static __thread uint64_t rng;

static uint64_t
rnd(void)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return (rng * 0x2545f4914f6cdd1dULL);
}

/* A number in [0, n). */
static u_long
rn(u_long n)
{
	return (n == 0 ? 0 : rnd() % n);
}

/* A well-mixed seed for worker i of a run seeded with seed. */
static uint64_t
mix(uint64_t seed, uint64_t i)
{
	uint64_t z = seed + 0x9e3779b97f4a7c15ULL * (i + 1);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return ((z ^ (z >> 31)) | 1);
}

/*
 * Record one system call and its outcome (r < 0: -errno) in the control
 * object.
 */
static void
note(int nr, long r)
{
	int bit;

	if (ctl == NULL || nr < 0 || nr >= NSYSCALLS)
		return;
	bit = r >= 0 ? 0 : (-r < 64 ? (int)-r : 63);
	__atomic_fetch_add(&ctl->calls, 1, __ATOMIC_RELAXED);
	__atomic_fetch_add(&ctl->per_call[nr], 1, __ATOMIC_RELAXED);
	__atomic_fetch_or(&ctl->outcome[nr], 1ULL << bit, __ATOMIC_RELAXED);
}

/*
 * System call nr with six arguments, counted; the result, or -errno
 * (FreeBSD's convention: carry set on failure, errno in x0).
 */
static long
sc(int nr, uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4,
    uint64_t a5)
{
	register uint64_t x0 __asm("x0") = a0, x1 __asm("x1") = a1;
	register uint64_t x2 __asm("x2") = a2, x3 __asm("x3") = a3;
	register uint64_t x4 __asm("x4") = a4, x5 __asm("x5") = a5;
	register uint64_t x8 __asm("x8") = nr;
	uint64_t failed;
	long r;

	__asm __volatile("svc #0\n\tcset %[f], cs" : "+r" (x0), "+r" (x1),
	    "+r" (x2), "+r" (x3), "+r" (x4), "+r" (x5), [f] "=r" (failed)
	    : "r" (x8) : "memory", "cc");
	r = failed ? -(long)x0 : (long)x0;
	note(nr, r);
	return (r);
}
#define	SC0(nr)			sc((nr), 0, 0, 0, 0, 0, 0)
#define	SC1(nr, a)		sc((nr), (uint64_t)(a), 0, 0, 0, 0, 0)
#define	SC2(nr, a, b)		sc((nr), (uint64_t)(a), (uint64_t)(b), 0, 0, 0, 0)
#define	SC3(nr, a, b, c)	sc((nr), (uint64_t)(a), (uint64_t)(b),	\
				    (uint64_t)(c), 0, 0, 0)

/* Print a step in replay mode. */
#define	STEP(...) do {							\
	if (verbose)							\
		printf("seqfuzz: " __VA_ARGS__);			\
} while (0)

/*
 * Fault protection.  A touch of memory whose mapping the fuzzer itself
 * changed may fault; the handler leaves the touch through siglongjmp.
 * An asynchronous tag check fault returns: the access was done.  A fault
 * outside a protected touch kills the process, as without a handler.
 */
static __thread sigjmp_buf touch_env;
static __thread volatile int touch_armed;

static void
fault_handler(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	if (sig == SIGSEGV && si->si_code == SEGV_MTEAERR)
		return;
	if (!touch_armed) {
		signal(sig, SIG_DFL);
		return;
	}
	touch_armed = 0;
	siglongjmp(touch_env, 1);
}

/* Any other signal the fuzzer installs a handler for. */
static void
count_handler(int sig)
{
	(void)sig;
}

static void
install_fault_handlers(void)
{
	static const int sigs[] = { SIGSEGV, SIGBUS, SIGILL, SIGTRAP };
	struct sigaction sa;
	u_int i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = fault_handler;
	sa.sa_flags = SA_SIGINFO | SA_NODEFER;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		sigaction(sigs[i], &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	signal(SIGUSR1, count_handler);
	signal(SIGUSR2, count_handler);
}

/* The MTE instructions (Arm ARM D10.4). */
static void *
with_tag(uintptr_t p, unsigned tag)
{
	return ((void *)((p & ~(0xffUL << 56)) | (uintptr_t)(tag & 0xf) << 56));
}

static void
stg(void *p)
{
	__asm __volatile("stg %0, [%0]" : : "r" (p) : "memory");
}

static void *
ldg(void *p)
{
	void *r = p;

	__asm __volatile("ldg %0, [%1]" : "+r" (r) : "r" (p) : "memory");
	return (r);
}

/*
 * Read or write (write != 0) len bytes at p, one per page, plus tag
 * stores if stags; returns 1 if it completed, 0 if it faulted.
 */
static int
touch(volatile char *p, size_t len, int write, int stags, unsigned tag)
{
	size_t off;

	if (sigsetjmp(touch_env, 1) != 0)
		return (0);
	touch_armed = 1;
	for (off = 0; off < len; off += pg) {
		if (stags && have_mte)
			stg(with_tag((uintptr_t)(p + off) & ~15UL, tag));
		if (write)
			p[off] = (char)off;
		else
			(void)p[off];
	}
	touch_armed = 0;
	return (1);
}

/* A random entry of a table of n, or -1 if it has none in use. */
static int
pick_map(void)
{
	int i, k;

	for (k = 0, i = (int)rn(NMAPS); k < NMAPS; k++, i = (i + 1) % NMAPS)
		if (maps[i].len != 0)
			return (i);
	return (-1);
}

static int
pick_fd(int kind)
{
	int i, k;

	for (k = 0, i = (int)rn(NFDS); k < NFDS; k++, i = (i + 1) % NFDS)
		if (fds[i].kind != 0 && (kind == 0 || fds[i].kind == kind))
			return (i);
	return (-1);
}

static void
add_map(uintptr_t addr, size_t len, int prot, int shared)
{
	int i = (int)rn(NMAPS);

	maps[i].addr = addr;
	maps[i].len = len;
	maps[i].prot = prot;
	maps[i].shared = shared;
}

static void
add_fd(int fd, int kind, int nonblock)
{
	int i;

	if (fd < 0)
		return;
	i = (int)rn(NFDS);
	if (fds[i].kind != 0 && rn(2) == 0) {
		/* Replacing a descriptor closes it, as a program would. */
		SC1(SYS_close, fds[i].fd);
	}
	fds[i].fd = fd;
	fds[i].kind = kind;
	fds[i].nonblock = nonblock;
}

/* A page-aligned piece of map i: *addr and *len. */
static void
subrange(int i, uintptr_t *addr, size_t *len)
{
	size_t npg = maps[i].len / pg, first, n;

	first = rn(4) == 0 ? 0 : rn(npg);
	n = rn(4) == 0 ? npg - first : 1 + rn(npg - first);
	*addr = maps[i].addr + first * pg;
	*len = n * pg;
	/* Tagged addresses are ignored by the address-space calls. */
	if (rn(8) == 0)
		*addr = (uintptr_t)with_tag(*addr, (unsigned)rn(16));
}

/* A protection worth trying, with or without PROT_MTE. */
static int
random_prot(void)
{
	static const int prots[] = {
		PROT_NONE, PROT_READ, PROT_READ | PROT_WRITE,
		PROT_READ | PROT_WRITE | PROT_MTE, PROT_MTE,
		PROT_READ | PROT_MTE, PROT_READ | PROT_EXEC,
		PROT_READ | PROT_WRITE | PROT_EXEC | PROT_MTE, 0x48, 0x7f,
	};

	return (prots[rn(sizeof(prots) / sizeof(prots[0]))]);
}

/* One argument of a hostile call: values that break things, or noise. */
static uint64_t
nasty(void)
{
	static const uint64_t vals[] = {
		0, 1, 16, 4095, 4096, 65536, (uint64_t)-1, (uint64_t)-4096,
		0x7fffffff, 0x80000000, 0xffffffffUL, 0xffff000000000000UL,
		0x00ff000000000000UL, 0x0001000000000000UL,
		0x0000fffffffff000UL, 0xffffa00000000000UL,
		0x8000000000000000UL,
	};
	int i;

	switch (rn(4)) {
	case 0:
		return (vals[rn(sizeof(vals) / sizeof(vals[0]))]);
	case 1:
		i = pick_map();
		return (i < 0 ? 0 : maps[i].addr + rn(maps[i].len + pg));
	case 2:
		return (rn(64));
	default:
		return (rnd());
	}
}

static void op_loop(int ops);

/* Operations.  Each makes one or a few system calls on the resources. */

static void
op_mmap(void)
{
	static const int extra[] = { 0, 0, 0, MAP_PREFAULT_READ, MAP_STACK,
	    MAP_ALIGNED_SUPER, MAP_GUARD, MAP_NOCORE, MAP_32BIT };
	size_t len = (1 + rn(rn(8) == 0 ? 512 : 16)) * pg;
	int prot = random_prot(), flags, i;
	uintptr_t hint = 0;
	long r;

	flags = MAP_ANON | (rn(6) == 0 ? MAP_SHARED : MAP_PRIVATE);
	flags |= extra[rn(sizeof(extra) / sizeof(extra[0]))];
	if (rn(4) == 0) {
		hint = ARENA + rn(ARENA_PAGES) * pg;
		flags |= MAP_FIXED | (rn(3) == 0 ? MAP_EXCL : 0);
	}
	if (rn(6) == 0)
		prot |= PROT_MAX(random_prot());
	if (rn(5) == 0 && (i = pick_fd(FD_SHM)) >= 0) {
		flags &= ~MAP_ANON;
		r = sc(SYS_mmap, hint, len, prot, flags, fds[i].fd,
		    rn(4) * pg);
	} else
		r = sc(SYS_mmap, hint, len, prot, flags, (uint64_t)-1, 0);
	STEP("mmap(%#lx, %#zx, %#x, %#x) = %#lx\n", hint, len, prot, flags, r);
	if (r >= 0 && (flags & MAP_GUARD) == 0)
		add_map((uintptr_t)r, len, prot & 0xff,
		    (flags & MAP_SHARED) != 0 || (flags & MAP_ANON) == 0);
}

static void
op_munmap(void)
{
	uintptr_t a;
	size_t len;
	long r;
	int i;

	if ((i = pick_map()) < 0)
		return;
	subrange(i, &a, &len);
	r = SC2(SYS_munmap, a, len);
	STEP("munmap(%#lx, %#zx) = %ld\n", a, len, r);
	if (r == 0 && (a & ((1UL << 56) - 1)) == maps[i].addr &&
	    len == maps[i].len)
		maps[i].len = 0;
}

static void
op_mprotect(void)
{
	uintptr_t a;
	size_t len;
	int i, prot = random_prot();
	long r;

	if ((i = pick_map()) < 0)
		return;
	subrange(i, &a, &len);
	r = SC3(SYS_mprotect, a, len, prot);
	STEP("mprotect(%#lx, %#zx, %#x) = %ld\n", a, len, prot, r);
	if (r == 0 && len == maps[i].len)
		maps[i].prot = prot;
}

static void
op_minherit(void)
{
	uintptr_t a;
	size_t len;
	int i, inh = rn(10) == 0 ? (int)rn(8) : (int)rn(4);
	long r;

	if ((i = pick_map()) < 0)
		return;
	subrange(i, &a, &len);
	r = SC3(SYS_minherit, a, len, inh);
	STEP("minherit(%#lx, %#zx, %d) = %ld\n", a, len, inh, r);
}

static void
op_madvise(void)
{
	uintptr_t a;
	size_t len;
	int i, adv = (int)rn(8);
	long r;

	if ((i = pick_map()) < 0)
		return;
	subrange(i, &a, &len);
	r = SC3(SYS_madvise, a, len, adv);
	STEP("madvise(%#lx, %#zx, %d) = %ld\n", a, len, adv, r);
}

static void
op_mincore(void)
{
	char vec[64];
	uintptr_t a;
	size_t len;
	int i;

	if ((i = pick_map()) < 0)
		return;
	subrange(i, &a, &len);
	if (len > sizeof(vec) * pg)
		len = sizeof(vec) * pg;
	SC3(SYS_mincore, a, len, rn(8) == 0 ? nasty() : (uint64_t)vec);
	STEP("mincore(%#lx, %#zx)\n", a, len);
}

/* Touch a map: read, write, or store tags, through a tagged pointer. */
static void
op_touch(void)
{
	uintptr_t a;
	size_t len;
	unsigned tag = (unsigned)rn(16);
	int i, write = (int)rn(2), stags = have_mte && rn(3) == 0, ok;

	if ((i = pick_map()) < 0)
		return;
	subrange(i, &a, &len);
	if (len > 64 * pg)
		len = 64 * pg;
	if ((maps[i].prot & PROT_MTE) != 0 && rn(2) == 0)
		a = (uintptr_t)with_tag(a, tag);
	ok = touch((volatile char *)a, len, write, stags, tag);
	STEP("touch(%#lx, %#zx, %s%s) = %d\n", a, len, write ? "w" : "r",
	    stags ? "+tags" : "", ok);
	if (stags && ok)
		tptrs[rn(NPTRS)] = with_tag(a, tag);
}

/* Use a pointer whose tag may no longer match, in user mode and in a call. */
static void
op_tagged_ptr(void)
{
	void *p = tptrs[rn(NPTRS)];
	int i;

	if (p == NULL)
		return;
	if (rn(2) == 0 && have_mte) {
		if (sigsetjmp(touch_env, 1) == 0) {
			touch_armed = 1;
			p = ldg(p);
			touch_armed = 0;
		}
	}
	if ((i = pick_fd(0)) < 0)
		return;
	if (fds[i].kind == FD_PIPE_W && fds[i].nonblock)
		SC3(SYS_write, fds[i].fd, p, 1 + rn(2 * pg));
	else if (fds[i].kind == FD_PIPE_R && fds[i].nonblock)
		SC3(SYS_read, fds[i].fd, p, 1 + rn(2 * pg));
	else
		SC2(SYS_fstat, fds[i].fd, p);
	STEP("tagged pointer %p through fd %d\n", p, fds[i].fd);
}

static void
op_sysarch(void)
{
	struct arm64_mte_ctrl c;
	long r;

	memset(&c, 0, sizeof(c));
	c.mode = rn(8) == 0 ? (uint32_t)rn(8) : (uint32_t)rn(4);
	c.include = rn(8) == 0 ? (uint32_t)rnd() : (uint32_t)rn(0x10000);
	if (rn(16) == 0)
		c.flags = 1;
	switch (rn(6)) {
	case 0:
		r = SC2(SYS_sysarch, ARM64_MTE_GETCTRL,
		    rn(4) == 0 ? nasty() : (uint64_t)&c);
		break;
	case 1:
		r = SC2(SYS_sysarch, rn(0x400), nasty());
		break;
	default:
		r = SC2(SYS_sysarch, ARM64_MTE_CTRL,
		    rn(8) == 0 ? nasty() : (uint64_t)&c);
		break;
	}
	STEP("sysarch mode %u include %#x = %ld\n", c.mode, c.include, r);
}

static void
op_pipe(void)
{
	int p[2], nb = (int)rn(2), fl;
	long r;

	fl = (nb ? O_NONBLOCK : 0) | (rn(3) == 0 ? O_CLOEXEC : 0);
	if (rn(16) == 0)
		fl = (int)nasty();
	r = SC2(SYS_pipe2, p, fl);
	STEP("pipe2(%#x) = %ld\n", fl, r);
	if (r == 0) {
		add_fd(p[0], FD_PIPE_R, (fl & O_NONBLOCK) != 0);
		add_fd(p[1], FD_PIPE_W, (fl & O_NONBLOCK) != 0);
	}
}

/* Read or write a non-blocking pipe; the main thread never blocks. */
static void
op_pipe_io(void)
{
	char buf[512];
	int i, kind = rn(2) ? FD_PIPE_R : FD_PIPE_W;
	size_t n = 1 + rn(sizeof(buf));
	long r;

	if ((i = pick_fd(kind)) < 0 || !fds[i].nonblock)
		return;
	memset(buf, 'q', sizeof(buf));
	if (kind == FD_PIPE_W)
		r = SC3(SYS_write, fds[i].fd, buf, n);
	else
		r = SC3(SYS_read, fds[i].fd, buf, n);
	STEP("%s(%d, %zu) = %ld\n", kind == FD_PIPE_W ? "write" : "read",
	    fds[i].fd, n, r);
}

static void
op_shm(void)
{
	int i;
	long r;

	if (rn(2) == 0 || (i = pick_fd(FD_SHM)) < 0) {
		r = sc(SYS_shm_open2, (uint64_t)SHM_ANON, O_RDWR |
		    (rn(4) == 0 ? O_CLOEXEC : 0), 0600, 0, 0, 0);
		STEP("shm_open2 = %ld\n", r);
		if (r >= 0)
			add_fd((int)r, FD_SHM, 0);
		return;
	}
	r = SC2(SYS_ftruncate, fds[i].fd,
	    rn(8) == 0 ? nasty() : rn(64) * pg + (rn(4) == 0 ? rn(pg) : 0));
	STEP("ftruncate(%d) = %ld\n", fds[i].fd, r);
}

static void
op_fd_misc(void)
{
	struct stat st;
	int i, to;
	long r;

	if ((i = pick_fd(0)) < 0)
		return;
	switch (rn(3)) {
	case 0:
		r = SC1(SYS_close, fds[i].fd);
		STEP("close(%d) = %ld\n", fds[i].fd, r);
		fds[i].kind = 0;
		break;
	case 1:
		to = 3 + (int)rn(70);
		if (to == ctl_fd)
			return;
		r = SC2(SYS_dup2, fds[i].fd, to);
		STEP("dup2(%d, %d) = %ld\n", fds[i].fd, to, r);
		if (r >= 0)
			add_fd(to, fds[i].kind, fds[i].nonblock);
		break;
	default:
		SC2(SYS_fstat, fds[i].fd, rn(8) == 0 ? nasty() : (uint64_t)&st);
		break;
	}
}

/* Record a new process of the worker's tree; false if the table is full. */
static void
record_pid(pid_t pid)
{
	int n;

	n = __atomic_fetch_add(&ctl->npids, 1, __ATOMIC_RELAXED);
	if (n < MAXPIDS)
		ctl->pids[n] = pid;
}

/* The child of op_fork: fuzz on for a while, then exit. */
static void __dead2
forked_child(uint64_t seed)
{
	int i;

	rng = seed;
	depth++;
	nthreads = 0;
	for (i = 0; i < NKIDS; i++)
		kids[i] = 0;
	op_loop(WORKER_OPS / (2 * depth));
	__atomic_fetch_sub(&ctl->nprocs, 1, __ATOMIC_RELAXED);
	_exit(0);
}

static void
op_fork(void)
{
	uint64_t seed = rnd();
	pid_t pid;
	int k = (int)rn(NKIDS);

	if (depth >= 3 || kids[k] != 0 ||
	    __atomic_load_n(&ctl->nprocs, __ATOMIC_RELAXED) >= MAXPROCS ||
	    __atomic_load_n(&ctl->npids, __ATOMIC_RELAXED) >= MAXPIDS)
		return;
	__atomic_fetch_add(&ctl->nprocs, 1, __ATOMIC_RELAXED);
	pid = fork();
	note(SYS_fork, pid < 0 ? -errno : pid);
	if (pid == 0) {
		record_pid(getpid());
		forked_child(seed);
	}
	STEP("fork = %d\n", pid);
	if (pid < 0) {
		__atomic_fetch_sub(&ctl->nprocs, 1, __ATOMIC_RELAXED);
		return;
	}
	record_pid(pid);
	kids[k] = pid;
}

/* Signal or reap a child; the main thread waits only for a killed one. */
static void
op_child(void)
{
	static const int sigs[] = { SIGKILL, SIGUSR1, SIGTERM, SIGSEGV, 0,
	    SIGSTOP, SIGCONT };
	int k = (int)rn(NKIDS), status, sig;
	pid_t pid;
	long r;

	if (kids[k] == 0) {
		/*
		 * A stranger (init, for one: EPERM), the worker's own process
		 * group (0: it is a session of its own), never the driver:
		 * not by pid, not by its group, not by -1 (every process).
		 */
		r = rn(2) ? (long)nasty() : 0x7fffffff;
		pid = (int)r;		/* what the kernel reads */
		if (pid != ctl->driver && pid != -1 && pid != -ctl->driver)
			SC2(SYS_kill, r, rn(70));
		return;
	}
	sig = sigs[rn(sizeof(sigs) / sizeof(sigs[0]))];
	r = SC2(SYS_kill, kids[k], sig);
	STEP("kill(%d, %d) = %ld\n", kids[k], sig, r);
	r = sc(SYS_wait4, kids[k], (uint64_t)&status,
	    sig == SIGKILL ? 0 : WNOHANG, 0, 0, 0);
	STEP("wait4(%d) = %ld\n", kids[k], r);
	if (r == kids[k] || r == -ECHILD)
		kids[k] = 0;
}

/* What an extra thread does: chains of its own, blocking ones too. */
static void *
thread_main(void *arg)
{
	char buf[256];
	uint32_t *w;
	struct timespec ts;
	int i, n, fd;

	rng = (uint64_t)arg;
	install_fault_handlers();
	n = 20 + (int)rn(200);
	for (; n > 0; n--) {
		switch (rn(8)) {
		case 0:
			/* A blocking read: ends when data or EOF comes. */
			if ((i = pick_fd(FD_PIPE_R)) >= 0 && rn(4) == 0) {
				fd = fds[i].fd;
				SC3(SYS_read, fd, buf, sizeof(buf));
			}
			break;
		case 1:
			if ((i = pick_map()) >= 0) {
				w = (uint32_t *)maps[i].addr;
				ts.tv_sec = 0;
				ts.tv_nsec = 1000 * rn(2000);
				sc(SYS__umtx_op, (uint64_t)w,
				    rn(2) ? UMTX_OP_WAIT_UINT_PRIVATE :
				    UMTX_OP_WAIT_UINT, rn(2), sizeof(ts),
				    (uint64_t)&ts, 0);
			}
			break;
		case 2:
			SC0(SYS_sched_yield);
			break;
		case 3:
			if (rn(50) == 0)
				goto out;
			op_touch();
			break;
		case 4:
			op_mprotect();
			break;
		case 5:
			op_madvise();
			break;
		case 6:
			op_pipe_io();
			break;
		default:
			if ((i = pick_map()) >= 0)
				sc(SYS__umtx_op, maps[i].addr, rn(2) ?
				    UMTX_OP_WAKE : UMTX_OP_WAKE_PRIVATE,
				    rn(4), 0, 0, 0);
			break;
		}
	}
out:
	__atomic_fetch_sub(&nthreads, 1, __ATOMIC_RELAXED);
	return (NULL);
}

static void
op_thread(void)
{
	pthread_t t;
	long tid;
	int r;

	if (rn(3) == 0) {
		/* Signal some thread of ours (or none: bad ids). */
		SC1(SYS_thr_self, &tid);
		SC2(SYS_thr_kill, rn(2) ? tid + rn(4) : (long)nasty(),
		    rn(2) ? SIGUSR1 : SIGUSR2);
		return;
	}
	if (__atomic_load_n(&nthreads, __ATOMIC_RELAXED) >= MAXTHREADS)
		return;
	__atomic_fetch_add(&nthreads, 1, __ATOMIC_RELAXED);
	r = pthread_create(&t, NULL, thread_main, (void *)rnd());
	note(SYS_thr_new, r == 0 ? 0 : -r);
	STEP("thread = %d\n", r);
	if (r != 0)
		__atomic_fetch_sub(&nthreads, 1, __ATOMIC_RELAXED);
}

static void
op_signals(void)
{
	static const int sigs[] = { SIGUSR1, SIGUSR2, SIGTERM, SIGCHLD,
	    SIGALRM, SIGHUP, SIGPIPE, SIGSEGV, SIGKILL, 0, 65, -1 };
	struct sigaction sa;
	sigset_t set;
	int sig = sigs[rn(sizeof(sigs) / sizeof(sigs[0]))], what = (int)rn(4);

	STEP("signals: %d, signal %d\n", what, sig);
	switch (what) {
	case 0:
		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = rn(3) == 0 ? SIG_IGN : count_handler;
		sigemptyset(&sa.sa_mask);
		/*
		 * Keep the fault handlers: faults are how touches end.  A
		 * handler that returns from a fault would only loop; SIG_IGN
		 * makes the next fault kill the process.
		 */
		if (sig == SIGSEGV)
			sa.sa_handler = SIG_IGN;
		if (sig != SIGSEGV || rn(8) == 0)
			SC3(SYS_sigaction, sig, rn(8) == 0 ? nasty() :
			    (uint64_t)&sa, 0);
		break;
	case 1:
		sigemptyset(&set);
		sigaddset(&set, SIGUSR1);
		if (rn(8) == 0)
			sigaddset(&set, SIGSEGV);
		SC3(SYS_sigprocmask, 1 + rn(3), &set, 0);
		break;
	case 2:
		if (sig != SIGKILL && sig != SIGSEGV)
			SC2(SYS_kill, getpid(), sig == SIGPIPE ? SIGUSR2 : sig);
		break;
	default:
		SC2(SYS_kill, getppid(), 0);
		break;
	}
}

static void
op_misc(void)
{
	static const char *names[] = { "hw.ncpu", "hw.pagesize",
	    "vm.stats.vm.v_free_count", "vm.stats.object_count", "no.such" };
	struct timespec ts;
	u_int v;
	size_t len = sizeof(v);
	const char *name;

	switch (rn(7)) {
	case 0:
		SC2(SYS_clock_gettime, rn(16), rn(8) == 0 ? nasty() :
		    (uint64_t)&ts);
		break;
	case 1:
		ts.tv_sec = 0;
		ts.tv_nsec = rn(8) == 0 ? -1 : (long)rn(200000);
		SC2(SYS_nanosleep, &ts, 0);
		break;
	case 2:
		SC0(SYS_sched_yield);
		break;
	case 3:
		name = names[rn(5)];
		sc(SYS___sysctlbyname, (uint64_t)name, rn(8) == 0 ? nasty() :
		    strlen(name), rn(8) == 0 ? nasty() : (uint64_t)&v,
		    (uint64_t)&len, rn(16) == 0 ? 1 : 0, 0);
		break;
	case 4:
		SC0(SYS_getpid);
		break;
	case 5:
		SC0(SYS_getppid);
		break;
	default:
		if ((nthreads == 0 || rn(2)) &&
		    (v = (u_int)pick_map()) < NMAPS) {
			ts.tv_sec = 0;
			ts.tv_nsec = 1000;
			sc(SYS__umtx_op, maps[v].addr, UMTX_OP_WAIT_UINT,
			    rn(2), sizeof(ts), (uint64_t)&ts, 0);
		}
		break;
	}
}

/*
 * Exec: a fresh image of seqfuzz goes on fuzzing with a new seed and a
 * smaller budget (threads and other mappings go), or a bad exec fails.
 */
static void
op_exec(void)
{
	char seedbuf[24], fdbuf[8], depthbuf[8];
	char *argv[] = { SELF, "exec", seedbuf, fdbuf, depthbuf, NULL };
	char *envp[] = { NULL };
	long r;

	snprintf(seedbuf, sizeof(seedbuf), "%#lx", (u_long)rnd());
	snprintf(fdbuf, sizeof(fdbuf), "%d", ctl_fd);
	snprintf(depthbuf, sizeof(depthbuf), "%d", depth + 1);
	switch (rn(4)) {
	case 0:
		SC3(SYS_execve, "/tests/no-such", argv, envp);
		break;
	case 1:
		SC3(SYS_execve, nasty(), nasty(), nasty());
		break;
	default:
		if (depth >= 3)
			return;
		STEP("exec %s depth %s\n", seedbuf, depthbuf);
		r = SC3(SYS_execve, rn(4) == 0 ? with_tag((uintptr_t)SELF, 3) :
		    SELF, argv, envp);
		STEP("exec failed: %ld\n", r);
		break;
	}
}

/*
 * Run out of memory in a child: map more than the machine has and touch
 * it all.  The child may get ENOMEM, SIGBUS, or be killed; the kernel
 * must stay up.  Or run out of descriptors and threads in this process.
 */
static void
op_exhaust(void)
{
	u_int total = 0;
	size_t len = sizeof(total), bytes;
	pid_t pid;
	int p[2], n, status;
	long r;

	if (rn(2) == 0) {
		for (n = 0; n < 80; n++) {
			r = SC2(SYS_pipe2, p, O_NONBLOCK);
			if (r != 0)
				break;
			if (rn(4) == 0) {
				SC1(SYS_close, p[0]);
				SC1(SYS_close, p[1]);
			}
		}
		STEP("descriptors exhausted after %d pipes\n", n);
		return;
	}
	if (depth >= 3 || __atomic_load_n(&ctl->nprocs, __ATOMIC_RELAXED) >=
	    MAXPROCS)
		return;
	sysctlbyname("vm.stats.vm.v_page_count", &total, &len, NULL, 0);
	bytes = (size_t)total * pg / 4 * (1 + rn(6));
	__atomic_fetch_add(&ctl->nprocs, 1, __ATOMIC_RELAXED);
	pid = fork();
	note(SYS_fork, pid < 0 ? -errno : pid);
	if (pid < 0) {
		__atomic_fetch_sub(&ctl->nprocs, 1, __ATOMIC_RELAXED);
		return;
	}
	if (pid == 0) {
		record_pid(getpid());
		r = sc(SYS_mmap, 0, bytes, PROT_READ | PROT_WRITE |
		    (have_mte && rn(2) ? PROT_MTE : 0), MAP_PRIVATE | MAP_ANON,
		    (uint64_t)-1, 0);
		if (r >= 0)
			touch((volatile char *)r, bytes, 1, 0, 0);
		__atomic_fetch_sub(&ctl->nprocs, 1, __ATOMIC_RELAXED);
		_exit(0);
	}
	record_pid(pid);
	r = sc(SYS_wait4, pid, (uint64_t)&status, 0, 0, 0, 0);
	STEP("exhaust %zu bytes: wait4 = %ld, status %#x\n", bytes, r,
	    status);
}

/* A call with hostile arguments (never reboot, exit, or fork). */
static void
op_hostile(void)
{
	static const int calls[] = { SYS_read, SYS_write, SYS_close,
	    SYS_munmap, SYS_mprotect, SYS_madvise, SYS_mincore, SYS_dup2,
	    SYS_sysarch, SYS_clock_gettime, SYS_minherit, SYS_sigprocmask,
	    SYS_sigaction, SYS_thr_self, SYS_thr_kill, SYS__umtx_op,
	    SYS_mmap, SYS_ftruncate, SYS_pipe2, SYS_fstat, SYS_shm_open2,
	    SYS___sysctlbyname, SYS_thr_new, SYS_wait4, 3, 599 };
	uint64_t a[6];
	int i, nr = calls[rn(sizeof(calls) / sizeof(calls[0]))];

	for (i = 0; i < 6; i++)
		a[i] = nasty();
	/*
	 * Keep the console and the control object out of it (truncating
	 * that would kill the driver with SIGBUS).
	 */
	if (a[0] == (uint64_t)ctl_fd || ((nr == SYS_write ||
	    nr == SYS_read || nr == SYS_close || nr == SYS_dup2) && a[0] <= 2))
		return;
	if (nr == SYS_dup2 && (a[1] <= 2 || a[1] == (uint64_t)ctl_fd))
		return;
	/* A wait, a umtx wait or a read could sleep for ever. */
	if (nr == SYS_wait4)
		a[2] |= WNOHANG;
	if (nr == SYS__umtx_op || nr == SYS_read)
		return;
	/* thr_new with hostile arguments starts threads at random pcs. */
	if (nr == SYS_thr_new && rn(4) != 0)
		return;
	STEP("hostile %d(%#lx, %#lx, %#lx)\n", nr, a[0], a[1], a[2]);
	sc(nr, a[0], a[1], a[2], a[3], a[4], a[5]);
}

/* The operations and their weights. */
#define	OP(fn, weight)	{ fn, weight, #fn }
static const struct {
	void		(*fn)(void);
	int		weight;
	const char	*name;
} ops[] = {
	OP(op_mmap, 10), OP(op_munmap, 5), OP(op_mprotect, 8),
	OP(op_minherit, 4), OP(op_madvise, 4), OP(op_mincore, 2),
	OP(op_touch, 12), OP(op_tagged_ptr, 4), OP(op_sysarch, 4),
	OP(op_pipe, 3), OP(op_pipe_io, 5), OP(op_shm, 4), OP(op_fd_misc, 4),
	OP(op_fork, 2), OP(op_child, 3), OP(op_thread, 3), OP(op_signals, 3),
	OP(op_misc, 5), OP(op_exec, 1), OP(op_hostile, 3),
};
#define	NOPS	(sizeof(ops) / sizeof(ops[0]))

/* Run ops operations chosen by the weights above. */
static void
op_loop(int nops)
{
	int total = 0, w, i;
	u_int k;

	for (k = 0; k < NOPS; k++)
		total += ops[k].weight;
	for (i = 0; i < nops; i++) {
		/* Rarely: run out of something, or end abruptly. */
		if (rn(1500) == 0) {
			STEP("%d: op_exhaust\n", i);
			op_exhaust();
		}
		if (rn(3000) == 0) {
			STEP("exit mid-way\n");
			__atomic_fetch_sub(&ctl->nprocs, 1, __ATOMIC_RELAXED);
			SC1(SYS_exit, 3);
		}
		w = (int)rn(total);
		for (k = 0; w >= ops[k].weight; k++)
			w -= ops[k].weight;
		STEP("%d: %s\n", i, ops[k].name);
		ops[k].fn();
	}
}

/* Map the control object at descriptor fd. */
static void
map_ctl(int fd)
{
	void *p;

	p = mmap(NULL, sizeof(struct ctl), PROT_READ | PROT_WRITE, MAP_SHARED,
	    fd, 0);
	if (p == MAP_FAILED) {
		printf("seqfuzz: cannot map the control object: errno %d\n",
		    errno);
		_exit(2);
	}
	ctl = p;
	ctl_fd = fd;
}

/* A worker (or an exec'd continuation of one): fuzz, then exit. */
static void __dead2
worker(uint64_t seed, int ops_budget)
{
	rng = seed;
	/* Its own session and process group, which kill(0, ...) may hit. */
	setsid();
	install_fault_handlers();
	/* The driver reads "stop" from the console; a worker never does. */
	close(0);
	op_loop(ops_budget);
	__atomic_fetch_sub(&ctl->nprocs, 1, __ATOMIC_RELAXED);
	_exit(0);
}

/* The kernel's counters a leak would move. */
struct snapshot {
	u_int	free_pages;
	u_int	kmalloc_pages;
	u_int	kmalloc_live;
	u_int	objects;
	u_long	paged_out;	/* pages the page daemon wrote */
	u_long	pv_chunk_pages;	/* pages the pmap keeps for pv entries */
};

static void
snap(struct snapshot *s)
{

	s->free_pages = sysctl_ulong("vm.stats.vm.v_free_count");
	s->kmalloc_pages = sysctl_ulong("vm.stats.kmalloc_pages");
	s->kmalloc_live = sysctl_ulong("vm.stats.kmalloc_live");
	s->objects = sysctl_ulong("vm.stats.object_count");
	s->paged_out = sysctl_ulong("vm.pageout.pages_written");
	s->pv_chunk_pages = sysctl_ulong("vm.pmap.pc_chunk_count");
}

/*
 * Pages the kernel has free or keeps in a pool it gives back from: the
 * sum a leak lowers.  Long-lived processes' kmalloc'd structures and pv
 * entries may end up spread over more pool pages than at the baseline,
 * but those pages are not lost.
 */
static u_long
pool_pages(const struct snapshot *s)
{
	return ((u_long)s->free_pages + s->kmalloc_pages + s->pv_chunk_pages);
}

/*
 * The counters once the system is quiet: read until two readings 50 ms
 * apart agree (exiting processes free their memory a little later, and
 * init reaps orphans), at most 5 s.
 */
static void
settled(struct snapshot *s)
{
	struct timespec ts = { 0, 50 * 1000 * 1000 };
	struct snapshot t;
	int i;

	snap(s);
	for (i = 0; i < 100; i++) {
		nanosleep(&ts, NULL);
		snap(&t);
		if (memcmp(&t, s, sizeof(t)) == 0)
			return;
		*s = t;
	}
}

/* Seconds of emulated time since boot. */
static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (ts.tv_sec + ts.tv_nsec / 1e9);
}

static volatile int stop_requested;

/* Sleep, for as long as the process lives. */
static void
pause_forever(void)
{
	struct timespec ts = { 1000, 0 };

	nanosleep(&ts, NULL);
}

/*
 * Wait for a line "stop" on the console (tools/fuzz.sh sends one).  The
 * thread lives on to the end, so the leak check counts it both times.
 */
static void *
stop_reader(void *arg)
{
	char line[64];
	ssize_t n;

	(void)arg;
	while ((n = read(0, line, sizeof(line) - 1)) > 0) {
		line[n] = '\0';
		if (strncmp(line, "stop", 4) == 0)
			stop_requested = 1;
	}
	for (;;)
		pause_forever();
	return (NULL);
}

/* What became of the workers. */
struct tally {
	u_long	workers, exited, signalled, stuck, unkillable, stragglers;
};

/*
 * Kill every process the worker's tree forked and wait (up to 10 s) for
 * all of them to be gone: init reaps them.  Returns how many would not
 * go.
 */
static int
kill_tree(void)
{
	struct timespec ts = { 0, 20 * 1000 * 1000 };
	int i, n, left = 0, tries;

	n = ctl->npids < MAXPIDS ? ctl->npids : MAXPIDS;
	for (i = 0; i < n; i++)
		if (ctl->pids[i] > 1 && ctl->pids[i] != getpid())
			kill(ctl->pids[i], SIGKILL);
	for (i = 0; i < n; i++) {
		if (ctl->pids[i] <= 1 || ctl->pids[i] == getpid())
			continue;
		for (tries = 0; tries < 500; tries++) {
			if (kill(ctl->pids[i], 0) != 0)
				break;
			nanosleep(&ts, NULL);
		}
		if (tries == 500) {
			printf("seqfuzz: HANG: process %d does not go away "
			    "after SIGKILL\n", ctl->pids[i]);
			left++;
		}
	}
	ctl->npids = 0;
	ctl->nprocs = 0;
	return (left);
}

/*
 * Run worker seed (ops operations) and wait for it, killing it if it
 * runs longer than WORKER_SECS; updates *t.
 */
static void
run_worker(uint64_t seed, int ops_budget, struct tally *t)
{
	struct timespec ts = { 0, 10 * 1000 * 1000 };
	double start, beat;
	pid_t pid, w;
	int status = 0, killed = 0;

	ctl->npids = 0;
	ctl->nprocs = 1;
	t->workers++;
	pid = fork();
	if (pid < 0) {
		printf("seqfuzz: fork: errno %d\n", errno);
		return;
	}
	if (pid == 0)
		worker(seed, ops_budget);
	record_pid(pid);
	start = beat = now();
	for (;;) {
		/* A live kernel keeps the console going (fuzz.sh's watchdog). */
		if (now() - beat > HEARTBEAT_SECS) {
			printf("seqfuzz: worker %d running for %.0f s\n", pid,
			    now() - start);
			beat = now();
		}
		w = waitpid(pid, &status, WNOHANG);
		if (w == pid)
			break;
		if (w < 0) {
			printf("seqfuzz: waitpid: errno %d\n", errno);
			break;
		}
		if (!killed && now() - start > WORKER_SECS) {
			/* Stuck in user space, or asleep for ever: not ours. */
			printf("seqfuzz: worker %d (seed %#lx) still runs "
			    "after %d s: killed\n", pid, (u_long)seed,
			    WORKER_SECS);
			kill(pid, SIGKILL);
			killed = 1;
			t->stuck++;
			start = now();
		} else if (killed && now() - start > WORKER_SECS) {
			printf("seqfuzz: HANG: worker %d (seed %#lx) does not "
			    "die of SIGKILL\n", pid, (u_long)seed);
			t->unkillable++;
			return;
		}
		nanosleep(&ts, NULL);
	}
	if (WIFEXITED(status))
		t->exited++;
	else if (WIFSIGNALED(status))
		t->signalled++;
	t->stragglers += kill_tree();
}

/* Distinct calls made, and distinct (call, outcome) pairs. */
static void
coverage(int *ncalls, int *npairs)
{
	int i;

	*ncalls = *npairs = 0;
	for (i = 0; i < NSYSCALLS; i++) {
		if (ctl->per_call[i] != 0)
			(*ncalls)++;
		*npairs += __builtin_popcountll(ctl->outcome[i]);
	}
}

int
main(int argc, char **argv)
{
	struct snapshot before, after;
	struct tally t;
	uint64_t seed = SHORT_SEED;
	double secs = SHORT_SECS, start;
	pthread_t reader;
	int fd, ncalls, npairs, leak, paged, i;

	pg = getpagesize();
	have_mte = check_have_mte();
	if (argc >= 5 && strcmp(argv[1], "exec") == 0) {
		/* An exec'd worker: seed, control descriptor, depth. */
		depth = atoi(argv[4]);
		map_ctl(atoi(argv[3]));
		worker(strtoull(argv[2], NULL, 0), WORKER_OPS / (2 * depth));
	}
	fd = shm_open2(SHM_ANON, O_RDWR, 0600, 0, NULL);
	if (fd < 0 || ftruncate(fd, sizeof(struct ctl)) != 0) {
		printf("seqfuzz: no control object: errno %d\n", errno);
		return (2);
	}
	map_ctl(fd);
	ctl->driver = getpid();
	setpgid(0, 0);		/* a group of its own: -driver names it */
	memset(&t, 0, sizeof(t));
	if (argc >= 3 && strcmp(argv[1], "replay") == 0) {
		seed = strtoull(argv[2], NULL, 0);
		verbose = 1;
		printf("seqfuzz: replaying worker seed %#lx\n", (u_long)seed);
		run_worker(seed, WORKER_OPS, &t);
		printf("seqfuzz: replay done: %lu calls\n", ctl->calls);
		return (0);
	}
	if (argc >= 2)
		secs = strtoul(argv[1], NULL, 0);
	if (argc >= 3)
		seed = strtoull(argv[2], NULL, 0);
	printf("seqfuzz: seed %#lx, %.0f s, %ld CPUs, MTE %s\n", (u_long)seed,
	    secs, sysconf(_SC_NPROCESSORS_ONLN), have_mte ? "on" : "off");
	if (argc >= 2)
		pthread_create(&reader, NULL, stop_reader, NULL);
	/* A first worker warms the kernel's caches; then the baseline. */
	run_worker(mix(seed, 0), 50, &t);
	settled(&before);
	start = now();
	for (i = 1; now() - start < secs && !stop_requested; i++) {
		printf("seqfuzz: worker %d seed %#lx\n", i,
		    (u_long)mix(seed, i));
		run_worker(mix(seed, i), WORKER_OPS, &t);
	}
	settled(&after);
	coverage(&ncalls, &npairs);
	/*
	 * If the page daemon wrote pages meanwhile (memory ran short),
	 * pages of other processes went to swap and their mappings' pv
	 * entries with them: only the objects can be compared then.
	 */
	paged = after.paged_out != before.paged_out;
	leak = (!paged && (pool_pages(&after) != pool_pages(&before) ||
	    after.kmalloc_live != before.kmalloc_live)) ||
	    after.objects != before.objects;
	printf("seqfuzz: %lu calls, %d distinct calls, %d distinct "
	    "call outcomes, %lu workers (%lu exited, %lu killed by a signal, "
	    "%lu stuck and killed), %.1f s\n", ctl->calls, ncalls, npairs,
	    t.workers, t.exited, t.signalled, t.stuck, now() - start);
	printf("seqfuzz: free pages %u -> %u, kmalloc pages %u -> %u, "
	    "pv chunk pages %lu -> %lu, kmalloc allocations %u -> %u, "
	    "VM objects %u -> %u\n", before.free_pages, after.free_pages,
	    before.kmalloc_pages, after.kmalloc_pages, before.pv_chunk_pages,
	    after.pv_chunk_pages, before.kmalloc_live, after.kmalloc_live,
	    before.objects, after.objects);
	if (paged)
		printf("seqfuzz: %lu pages paged out meanwhile: only VM "
		    "objects compared\n", after.paged_out - before.paged_out);
	printf("seqfuzz: %s, %s\n", leak ? "LEAK" : "no leak",
	    t.unkillable + t.stragglers != 0 ? "HANG" : "no hang");
	return (leak || t.unkillable + t.stragglers != 0 ? 1 : 0);
}
