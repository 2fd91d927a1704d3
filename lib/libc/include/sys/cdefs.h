/* Compiler attributes: the kernel's sys/sys/cdefs.h is the one copy. */
#include "../../../../sys/sys/cdefs.h"
