/*
 * ELF executable checker (System V gABI, "Object Files" chapter, with the
 * AArch64 ELF supplement).  An executable is, little-endian throughout:
 *
 *	ELF header	64 bytes at offset 0: e_ident (magic, class, data
 *			encoding, version), type, machine, entry point and
 *			where the program header table is (e_phoff,
 *			e_phentsize, e_phnum)
 *	program headers	e_phnum entries of 56 bytes; exec needs only the
 *			PT_LOAD ones (what to map where) and PT_GNU_STACK
 *
 * Section headers are for linkers and debuggers and are never read.  The
 * file is untrusted: every offset and size in it is tested against what
 * is left of the image or of the user address space by subtraction, so no
 * value can make a sum wrap, and headers are copied out with memcpy so the
 * image need not be aligned.
 */
#include "sys/param.h"
#include "sys/systm.h"
#include "sys/errno.h"
#include "sys/elf64.h"
#include "sys/imgact_elf.h"
#include "vm/vm.h"
#include "machine/vmparam.h"

/* Headers are memcpy'd, not byte-swapped: the kernel runs little-endian. */
CTASSERT(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__);

/* The VM_PROT_* bits for a segment's PF_* flags. */
static vm_prot_t
elf_prot(uint32_t flags)
{
	vm_prot_t prot;

	prot = VM_PROT_NONE;
	if ((flags & PF_R) != 0)
		prot |= VM_PROT_READ;
	if ((flags & PF_W) != 0)
		prot |= VM_PROT_WRITE;
	if ((flags & PF_X) != 0)
		prot |= VM_PROT_EXECUTE;
	return (prot);
}

/*
 * Check PT_LOAD header ph of an image of len bytes and append it to
 * out->segs.  Returns 0 or ENOEXEC.  Because the gABI requires PT_LOADs in
 * ascending vaddr order, testing against the last one kept is enough to
 * know no two segments share a page.
 */
static int
elf_add_segment(struct elf_image *out, const Elf64_Phdr *ph,
    size_t len)
{
	struct elf_segment *seg, *prev;

	if (ph->p_filesz > ph->p_memsz)
		return (ENOEXEC);
	if (ph->p_memsz == 0)
		return (0);		/* maps nothing */
	if (ph->p_offset > len || ph->p_filesz > len - ph->p_offset)
		return (ENOEXEC);
	if (!powerof2(ph->p_align))
		return (ENOEXEC);
	/* Each page of the segment comes from one page of the file. */
	if ((ph->p_vaddr & PAGE_MASK) != (ph->p_offset & PAGE_MASK))
		return (ENOEXEC);
	/* Page 0 stays unmapped so NULL dereferences fault. */
	if (ph->p_vaddr < PAGE_SIZE || ph->p_vaddr >= VM_MAXUSER_ADDRESS ||
	    ph->p_memsz > VM_MAXUSER_ADDRESS - ph->p_vaddr)
		return (ENOEXEC);
	if (out->nsegs > 0) {
		prev = &out->segs[out->nsegs - 1];
		if (trunc_page(ph->p_vaddr) <
		    round_page(prev->vaddr + prev->memsz))
			return (ENOEXEC);
	}
	if (out->nsegs == ELF_MAX_SEGMENTS)
		return (ENOEXEC);

	seg = &out->segs[out->nsegs++];
	seg->vaddr = ph->p_vaddr;
	seg->memsz = ph->p_memsz;
	seg->filesz = ph->p_filesz;
	seg->offset = ph->p_offset;
	seg->prot = elf_prot(ph->p_flags);
	seg->align = ph->p_align;
	return (0);
}

/*
 * Where the program headers at file offsets [phoff, phend) appear in
 * memory, or 0 if no segment loads them from the file.
 */
static vm_offset_t
elf_phdr_vaddr(const struct elf_image *img, uint64_t phoff, uint64_t phend)
{
	const struct elf_segment *seg;
	u_int i;

	for (i = 0; i < img->nsegs; i++) {
		seg = &img->segs[i];
		if (phoff >= seg->offset && phend <= seg->offset + seg->filesz)
			return (seg->vaddr + (phoff - seg->offset));
	}
	return (0);
}

/* True if va lies in a segment that will be mapped executable. */
static bool
elf_executable(const struct elf_image *img, vm_offset_t va)
{
	const struct elf_segment *seg;
	u_int i;

	for (i = 0; i < img->nsegs; i++) {
		seg = &img->segs[i];
		if ((seg->prot & VM_PROT_EXECUTE) != 0 && va >= seg->vaddr &&
		    va - seg->vaddr < seg->memsz)
			return (true);
	}
	return (false);
}

/*
 * Check the ELF header and every program header of the len bytes at image
 * and describe the program in *out.  Returns 0 or ENOEXEC.
 */
int
elf_image_parse(const void *image, size_t len, struct elf_image *out)
{
	Elf64_Ehdr eh;
	Elf64_Phdr ph;
	uint64_t phsize;
	u_int i;
	int error;

	if (len < sizeof(eh))
		return (ENOEXEC);
	memcpy(&eh, image, sizeof(eh));
	if (memcmp(eh.e_ident, ELFMAG, SELFMAG) != 0 ||
	    eh.e_ident[EI_CLASS] != ELFCLASS64 ||
	    eh.e_ident[EI_DATA] != ELFDATA2LSB ||
	    eh.e_ident[EI_VERSION] != EV_CURRENT ||
	    eh.e_version != EV_CURRENT ||
	    eh.e_type != ET_EXEC || eh.e_machine != EM_AARCH64)
		return (ENOEXEC);
	if (eh.e_phentsize != sizeof(ph) || eh.e_phnum == 0 ||
	    eh.e_phnum == PN_XNUM)
		return (ENOEXEC);
	phsize = (uint64_t)eh.e_phnum * sizeof(ph);
	if (eh.e_phoff > len || phsize > len - eh.e_phoff)
		return (ENOEXEC);

	memset(out, 0, sizeof(*out));
	out->entry = eh.e_entry;
	out->phnum = eh.e_phnum;
	/* No PT_GNU_STACK: a non-executable stack, as on FreeBSD/arm64. */
	out->stack_prot = VM_PROT_RW;
	for (i = 0; i < eh.e_phnum; i++) {
		memcpy(&ph, (const uint8_t *)image + eh.e_phoff +
		    i * sizeof(ph), sizeof(ph));
		switch (ph.p_type) {
		case PT_LOAD:
			error = elf_add_segment(out, &ph, len);
			if (error != 0)
				return (error);
			break;
		case PT_INTERP:
			/* Dynamically linked: there is no ld.so to run. */
			return (ENOEXEC);
		case PT_GNU_STACK:
			out->stack_prot = elf_prot(ph.p_flags);
			break;
		}
	}
	if (out->nsegs == 0 || !elf_executable(out, out->entry))
		return (ENOEXEC);
	out->phdr = elf_phdr_vaddr(out, eh.e_phoff, eh.e_phoff + phsize);
	return (0);
}
