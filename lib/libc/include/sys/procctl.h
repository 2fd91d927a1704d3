/* procctl(2): the kernel's sys/sys/procctl.h is the one copy. */
#include "../../../../sys/sys/procctl.h"
