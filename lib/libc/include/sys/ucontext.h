/* The user context: the kernel's sys/sys/ucontext.h is the one copy. */
#include "../../../../sys/sys/ucontext.h"
