/* Interval timers: the kernel's sys/sys/time.h is the one copy. */
#include "../../../../sys/sys/time.h"
