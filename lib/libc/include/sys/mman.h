/* mmap and its constants: the kernel's sys/sys/mman.h is the one copy. */
#include "../../../../sys/sys/mman.h"
