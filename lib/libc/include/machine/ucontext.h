/* The arm64 machine context: the kernel's sys/arm64/include/machine/ucontext.h is the one copy. */
#include "../../../../sys/arm64/include/machine/ucontext.h"
