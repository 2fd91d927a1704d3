/*
 * The kernel's own symbol table, for symbolized backtraces.  The build
 * links the kernel twice and places the first link's function symbols in
 * section .ksyms of the second (tools/ksyms.c writes it).
 */
#ifndef _SYS_KSYMS_H_
#define _SYS_KSYMS_H_

#include "sys/types.h"

/* One function: its address and the offset of its name in the string table. */
struct ksym {
	uint64_t	ks_addr;
	uint32_t	ks_name;	/* offset into the names that follow */
	uint32_t	ks_size;
};

/*
 * The section layout: struct ksyms_header, then ks_count struct ksym
 * sorted by address, then NUL-terminated names.
 */
struct ksyms_header {
	uint64_t	kh_count;
};

/* The name of the function containing addr and addr's offset in it, or NULL. */
const char	*ksyms_lookup(uint64_t addr, uint64_t *offset);

#endif /* !_SYS_KSYMS_H_ */
