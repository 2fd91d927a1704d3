/*
 * Shared by the VM host tests (test_vm_*.c): boot vm_phys on a host
 * arena, play the MMU over the fake pmap, and check every invariant of
 * maps, objects and the pmap that the VM promises.
 */
#ifndef _VM_HARNESS_H_
#define _VM_HARNESS_H_

#include "sys/types.h"
#include "vm/vm.h"
#include "vm/vm_map.h"

struct vmspace;
struct vm_map_entry;
struct vm_object;

/* Test address spaces span [VMH_MIN, VMH_MAX). */
#define VMH_MIN		0x10000UL
#define VMH_MAX		0x100000000UL

/* Boot vm_phys over a 64 MiB arena (once per program). */
void	vmh_boot(void);

/*
 * A user load (type VM_PROT_READ or EXECUTE: *val is read) or store
 * (VM_PROT_WRITE: *val is written) of the 64-bit word at va, as the MMU
 * would do it: through the pmap, calling vm_fault() when the mapping is
 * missing or too weak.  Returns 0 or vm_fault()'s VM_FAULT_* code.
 * Aborts if vm_fault() succeeds without making the access possible.
 */
int	vmh_access(struct vmspace *vm, vm_offset_t va, vm_prot_t type,
	    uint64_t *val);

/*
 * The word at va as the object chain holds it, without faulting: false
 * if va is in no entry (or a guard).  Zero where no page exists.
 */
bool	vmh_peek(struct vmspace *vm, vm_offset_t va, uint64_t *val);

/*
 * Check the map, pmap and object invariants of the given address spaces
 * (together, for object reference counts; extra_refs[i] references to
 * extra_objs[i] are held outside them, e.g. shm descriptors).  Returns
 * NULL, or a description of the first violation.
 */
const char *vmh_check(struct vmspace **vms, int nvms,
	    struct vm_object **extra_objs, const u_int *extra_refs,
	    int nextra);

/* Shorthand for one address space and no outside references. */
const char *vmh_check1(struct vmspace *vm);

/* The entry holding va (looked up under the map lock), or NULL. */
struct vm_map_entry *vmh_lookup(struct vmspace *vm, vm_offset_t va);

/* Objects on the chain of the entry holding va (0 if none). */
int	vmh_chain_length(struct vmspace *vm, vm_offset_t va);

/* The tests' vocabulary: page i of the test range, short protections. */
#define BASE		0x10000000UL
#define PG(i)		(BASE + ptoa((vm_offset_t)(i)))
#define RW		VM_PROT_RW
#define R		VM_PROT_READ
#define MTE		VM_PROT_MTE

/* A fresh address space over the harness's range. */
static inline struct vmspace *
new_space(void)
{
	vmh_boot();
	return (vmspace_alloc(VMH_MIN, VMH_MAX));
}

/* Write v at the start of page i; the access's VM_FAULT_* result. */
static inline int
wr(struct vmspace *vm, int i, uint64_t v)
{
	return (vmh_access(vm, PG(i), VM_PROT_WRITE, &v));
}

#endif /* !_VM_HARNESS_H_ */
