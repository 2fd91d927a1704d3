/*
 * Checking and describing an executable before exec maps it: a static,
 * non-PIE ELF64 little-endian AArch64 program (ET_EXEC without PT_INTERP).
 * The image is untrusted; elf_image_parse() reads only inside it and
 * returns ENOEXEC for anything this kernel cannot run as described.
 */
#ifndef _SYS_IMGACT_ELF_H_
#define _SYS_IMGACT_ELF_H_

#include "sys/types.h"

#define ELF_MAX_SEGMENTS	8	/* most PT_LOAD segments accepted */

/*
 * One PT_LOAD segment: map [vaddr, vaddr + memsz) with prot, the first
 * filesz bytes from the file at offset, the rest zero.  vaddr and offset
 * are congruent modulo PAGE_SIZE, and no two segments share a page.
 */
struct elf_segment {
	vm_offset_t	vaddr;
	vm_size_t	memsz;
	vm_size_t	filesz;		/* <= memsz */
	uint64_t	offset;		/* offset + filesz <= image length */
	vm_prot_t	prot;		/* VM_PROT_READ/WRITE/EXECUTE */
	uint64_t	align;		/* p_align: a power of 2, or 0 */
};

struct elf_image {
	vm_offset_t	entry;		/* inside an executable segment */
	vm_offset_t	phdr;		/* program headers in memory (AT_PHDR),
					   0 if no segment maps them */
	u_int		phnum;		/* AT_PHNUM; AT_PHENT is 56 */
	vm_prot_t	stack_prot;	/* PT_GNU_STACK's, else READ|WRITE */
	u_int		nsegs;
	struct elf_segment segs[ELF_MAX_SEGMENTS]; /* ascending vaddr */
};

/*
 * Check the len bytes at image and describe them in *out.  Returns 0, or
 * ENOEXEC (and *out undefined) if the image is not a valid program we run.
 */
int	elf_image_parse(const void *image, size_t len, struct elf_image *out);

#endif /* !_SYS_IMGACT_ELF_H_ */
