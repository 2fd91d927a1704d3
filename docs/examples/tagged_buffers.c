/*
 * tagged_buffers: a first TagOS program with tagged memory, the example
 * docs/programs.md walks through.
 *
 *	tagged_buffers		tag two buffers, overflow one into the
 *				other, and catch it with a SIGSEGV handler
 *	tagged_buffers crash	the same overflow with no handler: the
 *				kernel kills the program and reports it
 *
 * It uses the tag API in three steps: sysarch(ARM64_MTE_CTRL) turns tag
 * checking on for the process, mmap(PROT_MTE) maps memory that has tags,
 * and the compiler's MTE intrinsics (<arm_acle.h>) give pointers and
 * memory their tags.
 */
#include <sys/types.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <machine/sysarch.h>
#include <arm_acle.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define	GRANULE	16	/* bytes that share one tag */

static sigjmp_buf env;

/* The tag a pointer carries, in bits 59:56. */
static unsigned
tag_of(const void *p)
{

	return (((uintptr_t)p >> 56) & 0xf);
}

/* Give every granule of the len bytes at p the tag p carries. */
static void
tag_granules(char *p, size_t len)
{
	size_t off;

	for (off = 0; off < len; off += GRANULE)
		__arm_mte_set_tag(p + off);
}

/* Say what the fault was and go back to main's sigsetjmp. */
static void
on_segv(int sig, siginfo_t *si, void *uc)
{

	(void)sig;
	(void)uc;
	printf("caught SIGSEGV: si_code %d%s, si_addr %p\n", si->si_code,
	    si->si_code == SEGV_MTESERR ? " (SEGV_MTESERR: tags differ)" : "",
	    si->si_addr);
	siglongjmp(env, 1);
}

int
main(int argc, char **argv)
{
	struct arm64_mte_ctrl ctrl;
	struct sigaction sa;
	u_long hwcap2 = 0;
	char *page, *a, *b;
	int crash;

	crash = argc > 1 && strcmp(argv[1], "crash") == 0;
	if (elf_aux_info(AT_HWCAP2, &hwcap2, sizeof(hwcap2)) != 0 ||
	    (hwcap2 & HWCAP2_MTE) == 0) {
		printf("tagged_buffers: this machine has no MTE (boot with "
		    "MTE=on)\n");
		return (1);
	}

	/* 1. Check every access of this process, precisely (SYNC). */
	memset(&ctrl, 0, sizeof(ctrl));
	ctrl.mode = MTE_MODE_SYNC;
	ctrl.include = 0xfffe;		/* random tags are 0x1 to 0xf */
	if (sysarch(ARM64_MTE_CTRL, &ctrl) != 0) {
		perror("sysarch(ARM64_MTE_CTRL)");
		return (1);
	}

	/* 2. Tagged memory: every granule's tag starts as 0x0. */
	page = mmap(NULL, getpagesize(), PROT_READ | PROT_WRITE | PROT_MTE,
	    MAP_PRIVATE | MAP_ANON, -1, 0);
	if (page == MAP_FAILED) {
		perror("mmap(PROT_MTE)");
		return (1);
	}

	/* 3. Two 32-byte buffers, side by side, with different tags. */
	a = __arm_mte_create_random_tag(page, 0);
	tag_granules(a, 32);
	b = __arm_mte_create_random_tag(page + 32, 1UL << tag_of(a));
	tag_granules(b, 32);
	strcpy(b, "untouched");
	printf("a = %p: pointer tag 0x%x, memory tag 0x%x\n", (void *)a,
	    tag_of(a), tag_of(__arm_mte_get_tag(page)));
	printf("b = %p: pointer tag 0x%x, memory tag 0x%x\n", (void *)b,
	    tag_of(b), tag_of(__arm_mte_get_tag(page + 32)));

	if (crash) {
		printf("writing a[32] with no handler ...\n");
		a[32] = 'X';
		printf("not caught!\n");
		return (1);
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_segv;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGSEGV, &sa, NULL);
	printf("writing a[32], one byte past the end of a ...\n");
	if (sigsetjmp(env, 1) == 0) {
		a[32] = 'X';
		printf("not caught!\n");
		return (1);
	}
	printf("b still reads \"%s\"\n", b);
	return (0);
}
