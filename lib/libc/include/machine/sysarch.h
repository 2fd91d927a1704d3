/* sysarch(2): the kernel's sys/arm64/include/machine/sysarch.h is the one copy. */
#include "../../../../sys/arm64/include/machine/sysarch.h"
