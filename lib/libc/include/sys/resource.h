/* Resource limits: the kernel's sys/sys/resource.h is the one copy. */
#include "../../../../sys/sys/resource.h"
