/* Signal numbers, codes and layouts: the kernel's sys/sys/signal.h is the one copy. */
#include "../../../../sys/sys/signal.h"
