/* arm64 ELF and AT_HWCAP2 bits: the kernel's sys/arm64/include/machine/elf.h is the one copy. */
#include "../../../../sys/arm64/include/machine/elf.h"
