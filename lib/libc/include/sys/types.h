/* Basic types: the kernel's sys/sys/types.h is the one copy. */
#include "../../../../sys/sys/types.h"
