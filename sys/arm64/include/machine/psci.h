/* PSCI (Arm DEN 0022): CPU power control through the firmware or QEMU. */
#ifndef _MACHINE_PSCI_H_
#define _MACHINE_PSCI_H_

#include "sys/types.h"

#define PSCI_SUCCESS		0

int	psci_init(const void *dtb);
int	psci_cpu_on(uint64_t mpidr, vm_paddr_t entry, uint64_t context);
void	psci_system_off(void);

#endif /* !_MACHINE_PSCI_H_ */
