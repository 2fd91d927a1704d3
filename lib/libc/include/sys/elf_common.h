/* ELF constants and auxiliary vector types: the kernel's sys/sys/elf_common.h is the one copy. */
#include "../../../../sys/sys/elf_common.h"
