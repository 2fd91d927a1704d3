/* The 64-bit ELF structures: the kernel's sys/sys/elf64.h is the one copy. */
#include "../../../../sys/sys/elf64.h"
