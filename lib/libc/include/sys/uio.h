/* struct iovec and readv/writev: the kernel's sys/sys/uio.h is the one copy. */
#include "../../../../sys/sys/uio.h"
