/*
 * Static thread-local storage and the main thread.
 *
 * A static program's __thread variables live in one PT_TLS segment.  The
 * linker resolves each to a fixed offset from tpidr_el0 (AArch64 TLS
 * Variant I): tpidr_el0 points at a 16-byte thread control block (struct
 * tcb), the TLS block starts at
 *	tp + 16 + ((p_vaddr - 16) & (p_align - 1))
 * (ld.lld's, which keeps the block congruent to p_vaddr modulo p_align),
 * and tp itself must be aligned to p_align.  Each thread's block starts
 * as a copy of the segment's p_filesz initialised bytes followed by zeroes
 * up to p_memsz.  The segment is found through AT_PHDR and AT_PHNUM.
 */
#include <sys/types.h>
#include <sys/mman.h>
#include <string.h>
#include <unistd.h>

#include "libc_private.h"

#define	TCB_SIZE	sizeof(struct tcb)
_Static_assert(sizeof(struct tcb) == 16, "Variant I TCB is two words");

static struct pthread main_thread;
static struct tcb main_tcb_bare = { NULL, &main_thread };

/* The PT_TLS segment, if any; fixed before main. */
static const char *tls_image;	/* initialised data at p_vaddr */
static size_t	tls_filesz;
static size_t	tls_memsz;
static size_t	tls_align = TCB_SIZE;	/* alignment tp needs, >= 16 */
static size_t	tls_offset = TCB_SIZE;	/* tp to the TLS block */

/* Make tcb the calling thread's: tpidr_el0 is writable at EL0. */
static inline void
set_tp(struct tcb *tcb)
{

	__asm __volatile("msr tpidr_el0, %0" : : "r" (tcb));
}

/*
 * Bytes needed to hold a tcb and TLS block starting at any 16-byte
 * aligned address (the slack is for aligning tp).
 */
size_t
__libc_tls_area_size(void)
{

	return (tls_align - 16 + tls_offset + tls_memsz);
}

/*
 * Lay out a tcb and a fresh copy of the TLS block for thread thr in
 * area, which must be 16-byte aligned and __libc_tls_area_size() bytes.
 * Returns the tcb, the value for the thread's tpidr_el0.
 */
struct tcb *
__libc_tls_place(void *area, struct pthread *thr)
{
	struct tcb *tcb;
	char *block;

	tcb = (struct tcb *)(((uintptr_t)area + tls_align - 1) &
	    ~(uintptr_t)(tls_align - 1));
	tcb->tcb_dtv = NULL;
	tcb->tcb_thread = thr;
	block = (char *)tcb + tls_offset;
	if (tls_filesz != 0)
		memcpy(block, tls_image, tls_filesz);
	memset(block + tls_filesz, 0, tls_memsz - tls_filesz);
	return (tcb);
}

/*
 * Make the main thread current: first with a bare tcb, so errno works at
 * once, then, if the program has a PT_TLS segment, with a tcb followed by
 * its TLS block.  Returns with tpidr_el0 set; ends the program if the
 * block cannot be allocated.  The only system call here is that mmap, so
 * a program without __thread variables starts on any kernel that can
 * write and exit.
 */
void
__libc_tls_init(void)
{
	const Elf64_Auxinfo *phdr, *phnum;
	const Elf64_Phdr *ph;
	static const char nomem[] = "libc: no memory for TLS\n";
	size_t align;
	long i;
	void *area;

	set_tp(&main_tcb_bare);

	phdr = __libc_auxv_find(AT_PHDR);
	phnum = __libc_auxv_find(AT_PHNUM);
	if (phdr == NULL || phnum == NULL)
		return;
	ph = phdr->a_un.a_ptr;
	for (i = 0; i < phnum->a_un.a_val; i++, ph++)
		if (ph->p_type == PT_TLS)
			break;
	if (i == phnum->a_un.a_val)
		return;

	tls_image = (const char *)ph->p_vaddr;
	tls_filesz = ph->p_filesz;
	tls_memsz = ph->p_memsz;
	align = ph->p_align > 1 ? ph->p_align : 1;
	tls_offset = TCB_SIZE + ((ph->p_vaddr - TCB_SIZE) & (align - 1));
	if (align > tls_align)
		tls_align = align;
	area = mmap(NULL, __libc_tls_area_size(), PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANON, -1, 0);
	if (area == MAP_FAILED) {
		write(STDERR_FILENO, nomem, sizeof(nomem) - 1);
		_exit(127);
	}
	set_tp(__libc_tls_place(area, &main_thread));
}
