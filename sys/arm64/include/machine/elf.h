/*
 * arm64 ELF definitions: the generic ELF headers plus the AT_HWCAP2 bits
 * TagOS reports (docs/abi.md section 3.7; cpu_hwcap2() in exec_machdep.c
 * sets them).  One copy for the kernel and programs
 * (lib/libc/include/machine/elf.h forwards here).
 */
#ifndef _MACHINE_ELF_H_
#define	_MACHINE_ELF_H_

#ifndef __ASSEMBLER__
#include "sys/elf64.h"
#endif
#include "sys/elf_common.h"

#define	ELF_ARCH	EM_AARCH64

/* AT_HWCAP2 bits. */
#define	HWCAP2_BTI	0x00020000	/* branch target identification */
#define	HWCAP2_MTE	0x00040000	/* FEAT_MTE2: tagged memory usable */
#define	HWCAP2_MTE3	0x00400000	/* FEAT_MTE3: asymmetric check mode */

#endif /* !_MACHINE_ELF_H_ */
