/*
 * Host stand-in for vmparam.h: "physical memory" is an arena the test
 * allocates, and the direct map is that arena's host address.
 */
#ifndef _MACHINE_VMPARAM_H_
#define _MACHINE_VMPARAM_H_

#include <stdint.h>

extern uintptr_t host_dmap_offset;	/* set by the test: arena - base PA */

#define PHYS_TO_DMAP(pa)	((vm_offset_t)(pa) + host_dmap_offset)
#define DMAP_TO_PHYS(va)	((vm_paddr_t)(va) - host_dmap_offset)
#define VM_NFREEORDER		10
#define VM_MAXUSER_ADDRESS	0x0001000000000000UL	/* as on arm64 */

#endif /* !_MACHINE_VMPARAM_H_ */
