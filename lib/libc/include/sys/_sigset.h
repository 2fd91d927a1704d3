/* sigset_t: the kernel's sys/sys/_sigset.h is the one copy. */
#include "../../../../sys/sys/_sigset.h"
