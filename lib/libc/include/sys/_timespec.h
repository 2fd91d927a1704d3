/* struct timespec: the kernel's sys/sys/_timespec.h is the one copy. */
#include "../../../../sys/sys/_timespec.h"
