/*
 * Basic kernel types.  Only compiler-provided freestanding headers are used,
 * so the same machine-independent sources build in the kernel and in host
 * unit tests.
 */
#ifndef _SYS_TYPES_H_
#define _SYS_TYPES_H_

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef unsigned char	u_char;
typedef unsigned short	u_short;
typedef unsigned int	u_int;
typedef unsigned long	u_long;

typedef uint64_t	vm_paddr_t;	/* physical address */
typedef uint64_t	vm_offset_t;	/* virtual address */
typedef uint64_t	vm_size_t;	/* size of a virtual or physical range */
typedef uint64_t	vm_pindex_t;	/* page index in an object */
typedef uint8_t		vm_prot_t;	/* VM_PROT_* bits */

#endif /* !_SYS_TYPES_H_ */
