/* _umtx_op(2): the kernel's sys/sys/umtx.h is the one copy. */
#include "../../../../sys/sys/umtx.h"
