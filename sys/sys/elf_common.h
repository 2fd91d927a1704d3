/*
 * ELF constants shared by every word size (docs/abi.md section 3.7): the
 * identification bytes and header values exec checks (sys/kern/imgact_elf.c),
 * program header types, the FreeBSD note types crt0 brands a program with,
 * and the auxiliary vector entry types the kernel passes to _start
 * (sys/kern/kern_exec.c).  One copy for the kernel and programs
 * (lib/libc/include/sys/elf_common.h forwards here).  Defines only, so
 * assembly can include it.
 */
#ifndef _SYS_ELF_COMMON_H_
#define	_SYS_ELF_COMMON_H_

#define	EI_NIDENT	16
#define	EI_CLASS	4
#define	EI_DATA		5
#define	EI_VERSION	6
#define	EI_OSABI	7
#define	ELFMAG		"\177ELF"
#define	SELFMAG		4
#define	ELFCLASS64	2
#define	ELFDATA2LSB	1
#define	ELFOSABI_FREEBSD 9
#define	EV_CURRENT	1
#define	ET_EXEC		2
#define	ET_DYN		3
#define	EM_AARCH64	183
#define	PN_XNUM		0xffff	/* e_phnum: the real count is in a section */

#define	PT_NULL		0
#define	PT_LOAD		1
#define	PT_DYNAMIC	2
#define	PT_INTERP	3
#define	PT_NOTE		4
#define	PT_SHLIB	5
#define	PT_PHDR		6
#define	PT_TLS		7
#define	PT_GNU_STACK	0x6474e551
#define	PT_GNU_RELRO	0x6474e552

#define	PF_X		0x1
#define	PF_W		0x2
#define	PF_R		0x4

/* Notes in a "FreeBSD" .note.tag section. */
#define	NT_FREEBSD_ABI_TAG	1
#define	NT_FREEBSD_NOINIT_TAG	2
#define	NT_FREEBSD_ARCH_TAG	3
#define	NT_FREEBSD_FEATURE_CTL	4

/* Auxiliary vector entry types. */
#define	AT_NULL		0	/* terminates the vector */
#define	AT_IGNORE	1
#define	AT_EXECFD	2
#define	AT_PHDR		3	/* program headers of the program */
#define	AT_PHENT	4
#define	AT_PHNUM	5
#define	AT_PAGESZ	6	/* base page size */
#define	AT_BASE		7
#define	AT_FLAGS	8
#define	AT_ENTRY	9
#define	AT_NOTELF	10
#define	AT_UID		11
#define	AT_EUID		12
#define	AT_GID		13
#define	AT_EGID		14
#define	AT_EXECPATH	15	/* path the program was executed from */
#define	AT_CANARY	16
#define	AT_CANARYLEN	17
#define	AT_OSRELDATE	18	/* kernel's __FreeBSD_version */
#define	AT_NCPUS	19	/* CPUs online */
#define	AT_PAGESIZES	20
#define	AT_PAGESIZESLEN	21
#define	AT_TIMEKEEP	22
#define	AT_STACKPROT	23
#define	AT_EHDRFLAGS	24
#define	AT_HWCAP	25	/* CPU features */
#define	AT_HWCAP2	26	/* more CPU features: HWCAP2_MTE */
#define	AT_BSDFLAGS	27
#define	AT_ARGC		28
#define	AT_ARGV		29
#define	AT_ENVC		30
#define	AT_ENVV		31
#define	AT_PS_STRINGS	32
#define	AT_FXRNG	33
#define	AT_KPRELOAD	34
#define	AT_USRSTACKBASE	35
#define	AT_USRSTACKLIM	36
#define	AT_HWCAP3	38
#define	AT_HWCAP4	39
#define	AT_COUNT	40

#endif /* !_SYS_ELF_COMMON_H_ */
