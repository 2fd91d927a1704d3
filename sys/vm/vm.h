/*
 * Types and constants shared by the whole machine-independent VM system:
 * protections, inheritance, object offsets.
 */
#ifndef _VM_VM_H_
#define _VM_VM_H_

#include "sys/types.h"
#include "sys/param.h"

/*
 * vm_prot_t bits.  READ, WRITE and EXECUTE are FreeBSD's; VM_PROT_MTE is
 * TagOS's: accesses are checked against Arm MTE allocation tags.  It equals
 * the user's PROT_MTE (docs/abi.md section 3.1; the system-call layer checks that at
 * compile time) and is carried in an entry's protection and max_protection
 * like the other bits.  Only private anonymous memory may have it in its
 * protection (vm_map.c enforces docs/abi.md section 6); the pmap turns it into the
 * Tagged memory attribute.
 */
#define VM_PROT_NONE		((vm_prot_t)0x00)
#define VM_PROT_READ		((vm_prot_t)0x01)
#define VM_PROT_WRITE		((vm_prot_t)0x02)
#define VM_PROT_EXECUTE		((vm_prot_t)0x04)
#define VM_PROT_MTE		((vm_prot_t)0x20)

#define VM_PROT_RW		(VM_PROT_READ | VM_PROT_WRITE)
/* the access bits: what a fault or a pmap permission is made of */
#define VM_PROT_RWX		(VM_PROT_READ | VM_PROT_WRITE | VM_PROT_EXECUTE)
/*
 * Every bit, like the user's _PROT_ALL: the default max_protection of a
 * mapping.  Having MTE in max_protection grants nothing by itself; adding
 * it to protection is still refused where docs/abi.md section 6 forbids tags.
 */
#define VM_PROT_ALL		(VM_PROT_RWX | VM_PROT_MTE)

/* What a child of fork gets of a range: FreeBSD's values (INHERIT_*). */
typedef int vm_inherit_t;
#define VM_INHERIT_SHARE	0	/* the same memory */
#define VM_INHERIT_COPY		1	/* a copy-on-write copy */
#define VM_INHERIT_NONE		2	/* nothing: a hole */
#define VM_INHERIT_ZERO		3	/* fresh zero-filled memory */

/* A byte offset into an object (FreeBSD's type: signed, like off_t). */
typedef int64_t		vm_ooffset_t;

#define OFF_TO_IDX(off)		((vm_pindex_t)(((uint64_t)(off)) >> PAGE_SHIFT))
#define IDX_TO_OFF(idx)		((vm_ooffset_t)(idx) << PAGE_SHIFT)

#endif /* !_VM_VM_H_ */
