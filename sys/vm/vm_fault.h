/*
 * Page faults on user addresses (vm_fault.c).
 *
 * vm_fault() returns 0 once the access can be retried, or one of the
 * VM_FAULT_* codes below telling the trap handler which signal the access
 * earns; vm_fault_signal() translates.  A fault taken by copyin/copyout
 * turns any non-zero code into EFAULT instead.
 */
#ifndef _VM_VM_FAULT_H_
#define _VM_VM_FAULT_H_

#include "sys/types.h"

struct vm_map;
struct vm_map_entry;

#define VM_FAULT_SIGSEGV_MAPERR	1	/* nothing mapped: SIGSEGV SEGV_MAPERR */
#define VM_FAULT_SIGSEGV_ACCERR	2	/* access not allowed: SEGV_ACCERR */
#define VM_FAULT_SIGBUS		3	/* past the end of a shared memory
					   object: SIGBUS BUS_OBJERR */
#define VM_FAULT_NOMEM		4	/* no memory for a page or a page
					   table: SIGBUS BUS_OOMERR */
#define VM_FAULT_INTERRUPTED	5	/* a signal came while waiting for
					   memory: take it, then retry */

/* Fault events since boot, each (A). */
struct vm_fault_counters {
	u_long	faults;		/* vm_fault() calls (vm.stats.vm.v_vm_faults) */
};
extern struct vm_fault_counters vm_fault_counters;

int	vm_fault(struct vm_map *map, vm_offset_t va, vm_prot_t fault_type);
void	vm_fault_signal(int rv, int *signo, int *code);
void	vm_fault_prefault(struct vm_map *map, struct vm_map_entry *entry,
	    vm_offset_t start, vm_offset_t end);

#endif /* !_VM_VM_FAULT_H_ */
