/*
 * The 64-bit ELF structures: the headers exec reads from an image and a
 * static program reads at run time, and one auxiliary vector entry.  One
 * copy for the kernel and programs (lib/libc/include/sys/elf64.h forwards
 * here).
 */
#ifndef _SYS_ELF64_H_
#define	_SYS_ELF64_H_

#include "sys/_types.h"
#include "sys/elf_common.h"

typedef	__uint64_t	Elf64_Addr;
typedef	__uint16_t	Elf64_Half;
typedef	__uint64_t	Elf64_Off;
typedef	__int32_t	Elf64_Sword;
typedef	__int64_t	Elf64_Sxword;
typedef	__uint32_t	Elf64_Word;
typedef	__uint64_t	Elf64_Xword;

typedef struct {
	unsigned char	e_ident[EI_NIDENT];
	Elf64_Half	e_type;
	Elf64_Half	e_machine;
	Elf64_Word	e_version;
	Elf64_Addr	e_entry;
	Elf64_Off	e_phoff;
	Elf64_Off	e_shoff;
	Elf64_Word	e_flags;
	Elf64_Half	e_ehsize;
	Elf64_Half	e_phentsize;
	Elf64_Half	e_phnum;
	Elf64_Half	e_shentsize;
	Elf64_Half	e_shnum;
	Elf64_Half	e_shstrndx;
} Elf64_Ehdr;

typedef struct {
	Elf64_Word	p_type;
	Elf64_Word	p_flags;
	Elf64_Off	p_offset;
	Elf64_Addr	p_vaddr;
	Elf64_Addr	p_paddr;
	Elf64_Xword	p_filesz;
	Elf64_Xword	p_memsz;
	Elf64_Xword	p_align;
} Elf64_Phdr;

typedef struct {
	Elf64_Word	n_namesz;
	Elf64_Word	n_descsz;
	Elf64_Word	n_type;
} Elf64_Nhdr;

_Static_assert(sizeof(Elf64_Ehdr) == 64, "Elf64_Ehdr is 64 bytes");
_Static_assert(sizeof(Elf64_Phdr) == 56, "Elf64_Phdr is 56 bytes");

/* One auxiliary vector entry, as the kernel lays them above envp. */
typedef struct {
	long	a_type;
	union {
		long	a_val;
		void	*a_ptr;
		void	(*a_fcn)(void);
	} a_un;
} Elf64_Auxinfo;

#endif /* !_SYS_ELF64_H_ */
