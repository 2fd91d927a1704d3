/* Base types: the kernel's sys/sys/_types.h is the one copy. */
#include "../../../../sys/sys/_types.h"
