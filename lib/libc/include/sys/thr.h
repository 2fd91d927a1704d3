/* Thread system calls: the kernel's sys/sys/thr.h is the one copy. */
#include "../../../../sys/sys/thr.h"
