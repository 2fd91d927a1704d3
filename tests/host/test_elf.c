/*
 * Host tests for the executable checker (sys/kern/imgact_elf.c).  Images
 * are built in memory with the host's <elf.h>, an independent spelling of
 * the format, and each rule is broken once.  Then an image is cut at every
 * length and corrupted at random under ASan: every image accepted must
 * satisfy all the promises of imgact_elf.h.  If clang and ld.lld are
 * installed, a real static AArch64 program is linked and parsed too.
 */
#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sys/param.h"
#include "sys/systm.h"
#include "sys/errno.h"
#include "sys/imgact_elf.h"
#include "vm/vm.h"
#include "hosttest.h"

#define USER_TOP	0x0001000000000000ULL
#define IMG_LEN		0x3000
#define TEXT_VA		0x400000
#define DATA_VA		0x412000

/* An image under construction: its bytes and its two header tables. */
struct img {
	uint8_t		buf[IMG_LEN];
	Elf64_Ehdr	*eh;
	Elf64_Phdr	*ph;
};

/* An empty valid ELF header with room for phnum program headers. */
static void
img_init(struct img *im, int phnum)
{
	memset(im, 0, sizeof(*im));
	im->eh = (Elf64_Ehdr *)im->buf;
	im->ph = (Elf64_Phdr *)(im->buf + sizeof(Elf64_Ehdr));
	memcpy(im->eh->e_ident, ELFMAG, SELFMAG);
	im->eh->e_ident[EI_CLASS] = ELFCLASS64;
	im->eh->e_ident[EI_DATA] = ELFDATA2LSB;
	im->eh->e_ident[EI_VERSION] = EV_CURRENT;
	im->eh->e_ident[EI_OSABI] = ELFOSABI_FREEBSD;
	im->eh->e_type = ET_EXEC;
	im->eh->e_machine = EM_AARCH64;
	im->eh->e_version = EV_CURRENT;
	im->eh->e_entry = TEXT_VA + 0x100;
	im->eh->e_phoff = sizeof(Elf64_Ehdr);
	im->eh->e_ehsize = sizeof(Elf64_Ehdr);
	im->eh->e_phentsize = sizeof(Elf64_Phdr);
	im->eh->e_phnum = phnum;
}

static void
img_ph(struct img *im, int i, uint32_t type, uint32_t flags, uint64_t off,
    uint64_t va, uint64_t filesz, uint64_t memsz, uint64_t align)
{
	Elf64_Phdr *ph = &im->ph[i];

	ph->p_type = type;
	ph->p_flags = flags;
	ph->p_offset = off;
	ph->p_vaddr = ph->p_paddr = va;
	ph->p_filesz = filesz;
	ph->p_memsz = memsz;
	ph->p_align = align;
}

/*
 * The usual static program: read-only text holding the headers, then
 * data with bss, then the stack marker.
 */
static void
img_standard(struct img *im)
{
	img_init(im, 3);
	img_ph(im, 0, PT_LOAD, PF_R | PF_X, 0, TEXT_VA, 0x1800, 0x1800,
	    0x1000);
	img_ph(im, 1, PT_LOAD, PF_R | PF_W, 0x2000, DATA_VA, 0x800, 0x3000,
	    0x1000);
	img_ph(im, 2, PT_GNU_STACK, PF_R | PF_W, 0, 0, 0, 0, 0);
}

static int
parse(struct img *im, struct elf_image *out)
{
	return (elf_image_parse(im->buf, sizeof(im->buf), out));
}

/*
 * Every promise imgact_elf.h makes about an accepted image of len bytes.
 * Returns NULL, or the first one broken.
 */
static const char *
broken_promise(const struct elf_image *e, size_t len)
{
	const struct elf_segment *s;
	bool entry_ok = false;
	u_int i;

	if (e->nsegs == 0 || e->nsegs > ELF_MAX_SEGMENTS)
		return ("nsegs");
	for (i = 0; i < e->nsegs; i++) {
		s = &e->segs[i];
		if (s->filesz > s->memsz)
			return ("filesz > memsz");
		if (s->offset > len || s->filesz > len - s->offset)
			return ("file range");
		if (s->vaddr < PAGE_SIZE || s->vaddr >= USER_TOP ||
		    s->memsz > USER_TOP - s->vaddr)
			return ("address range");
		if (s->vaddr % PAGE_SIZE != s->offset % PAGE_SIZE)
			return ("congruence");
		if (s->align != 0 && (s->align & (s->align - 1)) != 0)
			return ("align");
		if ((s->prot & ~VM_PROT_RWX) != 0)
			return ("prot");
		if (i > 0 && trunc_page(s->vaddr) <
		    round_page(e->segs[i - 1].vaddr + e->segs[i - 1].memsz))
			return ("overlap or order");
		if ((s->prot & VM_PROT_EXECUTE) != 0 && e->entry >= s->vaddr &&
		    e->entry - s->vaddr < s->memsz)
			entry_ok = true;
	}
	if (!entry_ok)
		return ("entry");
	if ((e->stack_prot & ~VM_PROT_RWX) != 0)
		return ("stack_prot");
	return (NULL);
}

/* Break one rule in the standard image; it must be refused. */
#define BREAK(stmt) do {						\
	img_standard(&im);						\
	stmt;								\
	HT_ASSERT_EQ(parse(&im, &e), ENOEXEC);				\
} while (0)

HT_TEST(standard_image)
{
	struct img im;
	struct elf_image e;

	img_standard(&im);
	HT_ASSERT_EQ(parse(&im, &e), 0);
	HT_ASSERT(broken_promise(&e, IMG_LEN) == NULL);
	HT_ASSERT_EQ(e.entry, TEXT_VA + 0x100);
	HT_ASSERT_EQ(e.nsegs, 2);
	HT_ASSERT_EQ(e.segs[0].vaddr, TEXT_VA);
	HT_ASSERT_EQ(e.segs[0].memsz, 0x1800);
	HT_ASSERT_EQ(e.segs[0].filesz, 0x1800);
	HT_ASSERT_EQ(e.segs[0].offset, 0);
	HT_ASSERT_EQ(e.segs[0].prot, VM_PROT_READ | VM_PROT_EXECUTE);
	HT_ASSERT_EQ(e.segs[0].align, 0x1000);
	HT_ASSERT_EQ(e.segs[1].vaddr, DATA_VA);
	HT_ASSERT_EQ(e.segs[1].memsz, 0x3000);
	HT_ASSERT_EQ(e.segs[1].filesz, 0x800);
	HT_ASSERT_EQ(e.segs[1].offset, 0x2000);
	HT_ASSERT_EQ(e.segs[1].prot, VM_PROT_READ | VM_PROT_WRITE);
	HT_ASSERT_EQ(e.stack_prot, VM_PROT_READ | VM_PROT_WRITE);
	/* The headers sit at file offset 64 of a segment loaded at TEXT_VA. */
	HT_ASSERT_EQ(e.phdr, TEXT_VA + sizeof(Elf64_Ehdr));
	HT_ASSERT_EQ(e.phnum, 3);
}

HT_TEST(stack_and_phdr)
{
	struct img im;
	struct elf_image e;

	img_standard(&im);
	im.ph[2].p_flags = PF_R | PF_W | PF_X;
	HT_ASSERT_EQ(parse(&im, &e), 0);
	HT_ASSERT_EQ(e.stack_prot, VM_PROT_RWX);

	/* No PT_GNU_STACK: read/write.  Unknown types are ignored. */
	im.ph[2].p_type = PT_NOTE;
	HT_ASSERT_EQ(parse(&im, &e), 0);
	HT_ASSERT_EQ(e.stack_prot, VM_PROT_READ | VM_PROT_WRITE);

	/* Headers outside every segment: phdr 0. */
	img_standard(&im);
	im.ph[0].p_offset = 0x1000;
	im.ph[0].p_vaddr = TEXT_VA + 0x1000;
	im.ph[0].p_filesz = im.ph[0].p_memsz = 0x800;
	im.eh->e_entry = TEXT_VA + 0x1000;
	HT_ASSERT_EQ(parse(&im, &e), 0);
	HT_ASSERT_EQ(e.phdr, 0);

	/* Headers in the second segment, not at its start. */
	img_standard(&im);
	memcpy(im.buf + 0x2040, im.ph, 3 * sizeof(Elf64_Phdr));
	im.eh->e_phoff = 0x2040;
	HT_ASSERT_EQ(parse(&im, &e), 0);
	HT_ASSERT_EQ(e.phdr, DATA_VA + 0x40);
}

HT_TEST(bad_elf_header)
{
	struct img im;
	struct elf_image e;
	uint8_t *big;
	int i;

	for (i = 0; i < 4; i++) {
		img_standard(&im);
		im.eh->e_ident[i] ^= 0x20;
		HT_ASSERT_EQ(parse(&im, &e), ENOEXEC);
	}
	BREAK(im.eh->e_ident[EI_CLASS] = ELFCLASS32);
	BREAK(im.eh->e_ident[EI_DATA] = ELFDATA2MSB);
	BREAK(im.eh->e_ident[EI_VERSION] = 2);
	BREAK(im.eh->e_version = 0);
	BREAK(im.eh->e_type = ET_DYN);
	BREAK(im.eh->e_type = ET_REL);
	BREAK(im.eh->e_type = ET_CORE);
	BREAK(im.eh->e_machine = EM_X86_64);
	BREAK(im.eh->e_machine = EM_ARM);
	BREAK(im.eh->e_phentsize = sizeof(Elf64_Phdr) - 1);
	BREAK(im.eh->e_phentsize = sizeof(Elf64_Phdr) + 8);
	BREAK(im.eh->e_phnum = 0);
	BREAK(im.eh->e_phnum = PN_XNUM);
	BREAK(im.eh->e_phoff = IMG_LEN);
	BREAK(im.eh->e_phoff = IMG_LEN - 2 * sizeof(Elf64_Phdr));
	BREAK(im.eh->e_phoff = UINT64_MAX);
	BREAK(im.eh->e_phoff = UINT64_MAX - 100);
	/* PN_XNUM means the count is elsewhere, even if 0xffff would fit. */
	big = calloc(1, sizeof(Elf64_Ehdr) + PN_XNUM * sizeof(Elf64_Phdr));
	HT_ASSERT(big != NULL);
	img_standard(&im);
	memcpy(big, im.buf, IMG_LEN);
	((Elf64_Ehdr *)big)->e_phnum = PN_XNUM;
	HT_ASSERT_EQ(elf_image_parse(big, sizeof(Elf64_Ehdr) + PN_XNUM *
	    sizeof(Elf64_Phdr), &e), ENOEXEC);
	((Elf64_Ehdr *)big)->e_phnum = PN_XNUM - 1;
	HT_ASSERT_EQ(elf_image_parse(big, sizeof(Elf64_Ehdr) + PN_XNUM *
	    sizeof(Elf64_Phdr), &e), 0);
	free(big);
	/* The whole table just fits at the end of the file. */
	img_standard(&im);
	memcpy(im.buf + IMG_LEN - 3 * sizeof(Elf64_Phdr), im.ph,
	    3 * sizeof(Elf64_Phdr));
	im.eh->e_phoff = IMG_LEN - 3 * sizeof(Elf64_Phdr);
	HT_ASSERT_EQ(parse(&im, &e), 0);
	/* Too short for an ELF header at all. */
	HT_ASSERT_EQ(elf_image_parse(im.buf, sizeof(Elf64_Ehdr) - 1, &e),
	    ENOEXEC);
}

HT_TEST(bad_segments)
{
	struct img im;
	struct elf_image e;

	BREAK(im.ph[1].p_filesz = im.ph[1].p_memsz + 1);
	BREAK(im.ph[1].p_filesz = IMG_LEN - 0x2000 + 1);	/* past EOF */
	BREAK(im.ph[1].p_offset = IMG_LEN);
	BREAK(im.ph[1].p_offset = IMG_LEN + 0x1000);
	/* offset + filesz wraps to a small number. */
	BREAK(im.ph[1].p_offset = UINT64_MAX - 0xfff);
	BREAK(im.ph[1].p_filesz = UINT64_MAX; im.ph[1].p_memsz = UINT64_MAX);
	/* Page 0, anywhere in it. */
	BREAK(im.ph[0].p_vaddr = 0; im.eh->e_entry = 0x100);
	BREAK(im.ph[0].p_offset = 0x800; im.ph[0].p_vaddr = 0x800;
	    im.ph[0].p_filesz = im.ph[0].p_memsz = 0x100;
	    im.eh->e_entry = 0x800);
	/* Past the user address space, or wrapping around it. */
	BREAK(im.ph[1].p_vaddr = USER_TOP);
	BREAK(im.ph[1].p_vaddr = USER_TOP - 0x1000);
	BREAK(im.ph[1].p_vaddr = 0xffff000000002000ULL);
	BREAK(im.ph[1].p_vaddr = UINT64_MAX - 0xfff);
	BREAK(im.ph[1].p_memsz = UINT64_MAX - DATA_VA + 2);
	/* vaddr and offset not congruent modulo the page size. */
	BREAK(im.ph[1].p_vaddr = DATA_VA + 8);
	BREAK(im.ph[1].p_offset = 0x2008);
	BREAK(im.ph[1].p_align = 0x3000);
	/* Overlapping, sharing a page, or out of order. */
	BREAK(im.ph[1].p_vaddr = TEXT_VA + 0x1000);
	BREAK(im.ph[1].p_vaddr = TEXT_VA);
	BREAK(im.ph[1].p_vaddr = TEXT_VA - 0x10000);
	BREAK(im.ph[2].p_type = PT_INTERP);
	/* No loadable segment; entry outside, or in a data segment. */
	BREAK(im.ph[0].p_type = PT_NULL; im.ph[1].p_type = PT_NULL);
	BREAK(im.eh->e_entry = 0);
	BREAK(im.eh->e_entry = TEXT_VA + 0x1800);
	BREAK(im.eh->e_entry = DATA_VA);
	BREAK(im.ph[0].p_flags = PF_R);
}

HT_TEST(edge_cases_accepted)
{
	struct img im;
	struct elf_image e;
	int i;

	/* A segment ending at the very top of user space. */
	img_standard(&im);
	im.ph[1].p_vaddr = USER_TOP - 0x3000;
	HT_ASSERT_EQ(parse(&im, &e), 0);
	HT_ASSERT_EQ(e.segs[1].vaddr + e.segs[1].memsz, USER_TOP);

	/* The next page after the text, and a segment starting at page 1. */
	img_standard(&im);
	im.ph[1].p_vaddr = TEXT_VA + 0x2000;
	HT_ASSERT_EQ(parse(&im, &e), 0);
	im.ph[0].p_vaddr = PAGE_SIZE;
	im.eh->e_entry = PAGE_SIZE;
	HT_ASSERT_EQ(parse(&im, &e), 0);

	/* Empty PT_LOADs map nothing and are dropped. */
	img_standard(&im);
	im.ph[2].p_type = PT_LOAD;
	HT_ASSERT_EQ(parse(&im, &e), 0);
	HT_ASSERT_EQ(e.nsegs, 2);

	/* p_align 0 and 64 KiB; any OS/ABI byte. */
	img_standard(&im);
	im.ph[0].p_align = 0;
	im.ph[1].p_align = 0x10000;
	im.eh->e_ident[EI_OSABI] = ELFOSABI_NONE;
	HT_ASSERT_EQ(parse(&im, &e), 0);

	/* Eight segments fit; a ninth does not. */
	img_init(&im, 9);
	for (i = 0; i < 9; i++)
		img_ph(&im, i, PT_LOAD, PF_R | PF_X, 0x100 * i,
		    TEXT_VA + 0x10000 * i + 0x100 * i, 0x80, 0x80, 0x1000);
	im.eh->e_entry = TEXT_VA;
	HT_ASSERT_EQ(parse(&im, &e), ENOEXEC);
	im.eh->e_phnum = 8;
	HT_ASSERT_EQ(parse(&im, &e), 0);
	HT_ASSERT_EQ(e.nsegs, ELF_MAX_SEGMENTS);
	HT_ASSERT(broken_promise(&e, IMG_LEN) == NULL);
}

HT_TEST(unaligned_image)
{
	struct img im;
	struct elf_image e;
	uint8_t *shifted;

	img_standard(&im);
	shifted = malloc(IMG_LEN + 3);
	HT_ASSERT(shifted != NULL);
	memcpy(shifted + 3, im.buf, IMG_LEN);
	HT_ASSERT_EQ(elf_image_parse(shifted + 3, IMG_LEN, &e), 0);
	HT_ASSERT_EQ(e.segs[1].filesz, 0x800);
	free(shifted);
}

HT_TEST(truncated_at_every_length)
{
	struct img im;
	struct elf_image e;
	uint8_t *c;
	size_t n;
	int error;

	img_standard(&im);
	for (n = 0; n <= IMG_LEN; n++) {
		c = malloc(n != 0 ? n : 1);
		HT_ASSERT(c != NULL);
		memcpy(c, im.buf, n);
		error = elf_image_parse(c, n, &e);
		free(c);
		/* The data segment's file bytes end at 0x2800. */
		HT_ASSERT_EQ(error, n >= 0x2800 ? 0 : ENOEXEC);
		if (error == 0)
			HT_ASSERT(broken_promise(&e, n) == NULL);
	}
}

HT_TEST(random_corruption)
{
	/* Values near the limits the checks guard. */
	static const uint8_t bytes[] = { 0, 1, 2, 0x10, 0x38, 0x40, 0x7f,
	    0x80, 0xfe, 0xff };
	struct img im;
	struct elf_image e;
	const char *why;
	uint64_t seed = 0x2545f4914f6cdd1dULL;
	uint8_t *c;
	size_t pos, hdrs, len;
	int iter, k, accepted;

	img_standard(&im);
	hdrs = sizeof(Elf64_Ehdr) + 3 * sizeof(Elf64_Phdr);
	accepted = 0;
	for (iter = 0; iter < 50000; iter++) {
		len = IMG_LEN - ht_random(&seed) % 0x1000;
		c = malloc(len);
		HT_ASSERT(c != NULL);
		memcpy(c, im.buf, len);
		for (k = 0; k < 1 + (int)(ht_random(&seed) % 4); k++) {
			/* Mostly the headers: the file body is never read. */
			pos = ht_random(&seed) % (ht_random(&seed) % 8 ? hdrs : len);
			c[pos] = ht_random(&seed) % 2 ? bytes[ht_random(&seed) %
			    sizeof(bytes)] : (uint8_t)ht_random(&seed);
		}
		if (elf_image_parse(c, len, &e) == 0) {
			accepted++;
			why = broken_promise(&e, len);
			if (why != NULL)
				printf("iteration %d: %s\n", iter, why);
			HT_ASSERT(why == NULL);
		}
		free(c);
	}
	/* Some corruptions are harmless (e_shoff, p_paddr...). */
	HT_ASSERT(accepted > 0);
}

/*
 * A real program, when the toolchain is installed: clang and ld.lld make
 * a static AArch64 executable with text, rodata, data and bss, which must
 * be accepted, and a PIE of it, which must not.
 */
HT_TEST(real_linked_program)
{
	char dir[] = "/tmp/tagos-elf-XXXXXX", cmd[1024], path[256];
	struct elf_image e;
	uint8_t *buf;
	size_t len;
	FILE *f;
	u_int i;
	bool bss = false;

	if (access("/usr/bin/clang", X_OK) != 0 ||
	    (access("/usr/bin/ld.lld", X_OK) != 0 &&
	    access("/bin/ld.lld", X_OK) != 0))
		HT_SKIP("no clang or ld.lld on this host");
	HT_ASSERT(mkdtemp(dir) != NULL);
	snprintf(cmd, sizeof(cmd),
	    "cd %s && printf '%%s\\n' 'int n = 5; int z[1000];' "
	    "'const char m[] = \"hi\";' "
	    "'void _start(void) { for (;;) { n++; z[n & 7] = m[n & 1]; } }' "
	    "> p.c && "
	    "/usr/bin/clang --target=aarch64-none-elf -nostdlib "
	    "-ffreestanding -O1 -fno-pic -c p.c -o p.o && "
	    "ld.lld -static -o p p.o && "
	    "ld.lld -pie -o p.pie p.o", dir);
	HT_ASSERT_EQ(system(cmd), 0);

	buf = malloc(1 << 20);
	HT_ASSERT(buf != NULL);
	snprintf(path, sizeof(path), "%s/p", dir);
	f = fopen(path, "rb");
	HT_ASSERT(f != NULL);
	len = fread(buf, 1, 1 << 20, f);
	fclose(f);
	HT_ASSERT_EQ(elf_image_parse(buf, len, &e), 0);
	HT_ASSERT(broken_promise(&e, len) == NULL);
	HT_ASSERT(e.phdr != 0);
	for (i = 0; i < e.nsegs; i++)
		if (e.segs[i].prot == (VM_PROT_READ | VM_PROT_WRITE) &&
		    e.segs[i].memsz > e.segs[i].filesz)
			bss = true;
	HT_ASSERT(bss);
	HT_ASSERT_EQ(e.stack_prot, VM_PROT_READ | VM_PROT_WRITE);

	snprintf(path, sizeof(path), "%s/p.pie", dir);
	f = fopen(path, "rb");
	HT_ASSERT(f != NULL);
	len = fread(buf, 1, 1 << 20, f);
	fclose(f);
	HT_ASSERT_EQ(elf_image_parse(buf, len, &e), ENOEXEC);
	free(buf);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	HT_ASSERT_EQ(system(cmd), 0);
}
