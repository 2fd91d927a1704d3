/*
 * mtedemo: what Arm memory tagging (MTE) catches, shown one bug at a time.
 * init runs it once before the shell.
 *
 * It maps tagged memory (PROT_MTE), gives each buffer a random tag with
 * IRG and STG, turns on precise (SYNC) checking, and makes three classic
 * mistakes, each caught by a SIGSEGV handler that says what happened: an
 * overflow into the next buffer, a use after free, and a stale pointer
 * after fork.  Last, a child makes the overflow with no handler, so the
 * console shows the report the kernel prints when a tag fault kills a
 * process.  On a machine without MTE it says so and exits 0.
 */
#include <sys/types.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <machine/sysarch.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define	GRANULE		16		/* bytes that share one tag */
#define	NOT_ZERO	0xfffe		/* IRG may pick any tag but 0 */

/* IRG: p with a random allowed tag, leaving out the tags in exclude. */
static void *
irg(void *p, uint64_t exclude)
{
	void *r;

	__asm__ __volatile__("irg %0, %1, %2" : "=r" (r) : "r" (p),
	    "r" (exclude));
	return (r);
}

/* STG: the granule at p takes the tag p carries. */
static void
stg(void *p)
{

	__asm__ __volatile__("stg %0, [%0]" : : "r" (p) : "memory");
}

/* LDG: p with the tag memory holds for its granule. */
static void *
ldg(void *p)
{
	void *r = p;

	__asm__ __volatile__("ldg %0, [%1]" : "+r" (r) : "r" (p) : "memory");
	return (r);
}

/* The tag a pointer carries, bits 59:56. */
static unsigned
tag_of(const void *p)
{

	return (((uintptr_t)p >> 56) & 0xf);
}

/*
 * "Allocate" len bytes (a multiple of 16) at p: a random tag, different
 * from the tag in avoid's bit, on every granule.  Returns the pointer
 * to use, which carries the tag.
 */
static char *
tag_buffer(char *p, size_t len, uint64_t avoid)
{
	char *t;
	size_t off;

	t = irg(p, avoid);
	for (off = 0; off < len; off += GRANULE)
		stg(t + off);
	return (t);
}

/* What the SIGSEGV handler saw. */
static sigjmp_buf env;
static volatile int caught_code;
static void *volatile caught_addr;

/* The handler: note the fault and go back to try_access(). */
static void
on_segv(int sig, siginfo_t *si, void *uc)
{

	(void)sig;
	(void)uc;
	caught_code = si->si_code;
	caught_addr = si->si_addr;
	siglongjmp(env, 1);
}

/*
 * Read (or write 'X' to) the byte at p and tell what happened, in words,
 * on lines starting with who.  Returns 1 if the access was caught.
 */
static int
try_access(const char *who, volatile char *p, int write)
{
	int indent = (int)strlen(who);

	if (sigsetjmp(env, 1) == 0) {
		if (write)
			*p = 'X';
		else
			(void)*p;
		printf("%snot caught: the access went through!\n", who);
		return (0);
	}
	printf("%scaught: SIGSEGV, si_code %d (%s)\n", who, caught_code,
	    caught_code == SEGV_MTESERR ? "SEGV_MTESERR, a synchronous tag "
	    "check fault" : "not a tag check fault");
	printf("%*s        si_addr %p: the address, the pointer's tag in "
	    "its top byte\n", indent, "", caught_addr);
	printf("%*s        pointer tag 0x%x, memory tag 0x%x: they differ, "
	    "so the access\n%*s        did not happen\n", indent, "",
	    tag_of(caught_addr), tag_of(ldg(caught_addr)), indent, "");
	return (1);
}

/* (a) One byte past the end of a buffer lands in the next one. */
static void
show_overflow(char *page)
{
	char *a, *b;

	a = tag_buffer(page, 32, 0);
	b = tag_buffer(page + 32, 32, 1UL << tag_of(a));
	memset(b, 'B', 32);
	printf("\n(a) Overflow.  Buffer A is 32 bytes at %p (tag 0x%x); buffer "
	    "B\n    comes right after it (tag 0x%x).  Writing A[32], one byte "
	    "past\n    the end of A ...\n", (void *)a, tag_of(a), tag_of(b));
	if (try_access("    ", a + 32, 1))
		printf("    The write was stopped: B[0] still holds '%c'.\n",
		    b[0]);
}

/* (b) Memory used after it was freed. */
static void
show_use_after_free(char *page)
{
	char *c, *again;

	c = tag_buffer(page + 64, 32, 0);
	strcpy(c, "secret");
	again = tag_buffer(page + 64, 32, 1UL << tag_of(c));
	printf("\n(b) Use after free.  Buffer C (tag 0x%x) is freed: the "
	    "allocator gives\n    its memory a new tag (0x%x), so every old "
	    "pointer to it stops\n    matching.  Reading C[0] through the old "
	    "pointer ...\n", tag_of(c), tag_of(again));
	try_access("    ", c, 0);
}

/* (c) A pointer kept from before fork, in a child that freed the buffer. */
static void
show_stale_after_fork(char *page)
{
	pid_t pid;
	char *d;

	d = tag_buffer(page + 128, 32, 0);
	strcpy(d, "D");
	printf("\n(c) Stale pointer after fork.  The child gets a copy of the "
	    "parent's\n    memory, tags included.  The child frees buffer D "
	    "(tag 0x%x), then\n    reads it through the pointer it had from "
	    "before ...\n", tag_of(d));
	pid = fork();
	if (pid == 0) {
		tag_buffer(page + 128, 32, 1UL << tag_of(d));
		try_access("    child: ", d, 0);
		_exit(0);
	}
	if (pid > 0)
		waitpid(pid, NULL, 0);
	printf("    parent: its own copy of D was not freed: the same "
	    "pointer still\n            reads \"%s\" here.\n", d);
}

/*
 * (d) The overflow again, in a child with no handler: the kernel kills
 * it and prints its report on the console.
 */
static void
show_unhandled(char *page)
{
	int status;
	pid_t pid;
	char *a;

	printf("\n(d) The overflow again, in a child process with no SIGSEGV "
	    "handler.\n    The kernel kills it and prints what happened: "
	    "which process, the\n    program counter and checking mode; the "
	    "address with the pointer's\n    and the memory's tag; then the "
	    "memory tags of the 16-byte granules\n    around it, the "
	    "faulting one in [ ], so you can see which buffer the\n    "
	    "pointer ran into:\n");
	pid = fork();
	if (pid == 0) {
		signal(SIGSEGV, SIG_DFL);
		a = tag_buffer(page + 192, 32, 0);
		tag_buffer(page + 224, 32, 1UL << tag_of(a));
		a[32] = 'X';
		_exit(1);
	}
	if (pid > 0 && waitpid(pid, &status, 0) == pid) {
		if (WIFSIGNALED(status))
			printf("    The child died of signal %d%s.\n",
			    WTERMSIG(status), WTERMSIG(status) == SIGSEGV ?
			    " (SIGSEGV)" : "");
		else
			printf("    The child was not killed: exit status "
			    "%d.\n", WEXITSTATUS(status));
	}
}

int
main(void)
{
	struct arm64_mte_ctrl ctrl;
	struct sigaction sa;
	u_long hwcap2 = 0;
	char *page;

	printf("MTE demo: memory tagging catches memory bugs when they "
	    "happen.\n");
	elf_aux_info(AT_HWCAP2, &hwcap2, sizeof(hwcap2));
	if ((hwcap2 & HWCAP2_MTE) == 0) {
		printf("This machine has no MTE (the Memory Tagging "
		    "Extension), so there\nis no tagged memory to show.  "
		    "Boot it with MTE on (make run MTE=on)\nto see the "
		    "demo.\n\n");
		return (0);
	}
	printf("Tagged memory (mmap with PROT_MTE) carries a 4-bit tag for "
	    "every\n16 bytes, and so does every pointer to it (bits 59:56, "
	    "which the\nMMU ignores).  In SYNC mode the CPU compares the two "
	    "on each\naccess: on a mismatch the access does not happen and "
	    "the kernel\nsends SIGSEGV.\n");
	memset(&ctrl, 0, sizeof(ctrl));
	ctrl.mode = MTE_MODE_SYNC;
	ctrl.include = NOT_ZERO;
	page = mmap(NULL, getpagesize(), PROT_READ | PROT_WRITE | PROT_MTE,
	    MAP_PRIVATE | MAP_ANON, -1, 0);
	if (sysarch(ARM64_MTE_CTRL, &ctrl) != 0 || page == MAP_FAILED) {
		printf("mtedemo: cannot set up tagged memory\n");
		return (1);
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_segv;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGSEGV, &sa, NULL);
	show_overflow(page);
	show_use_after_free(page);
	show_stale_after_fork(page);
	show_unhandled(page);
	printf("\nEnd of the MTE demo.\n\n");
	return (0);
}
