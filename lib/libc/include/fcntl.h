/* Open flags and fcntl(2): the kernel's sys/sys/fcntl.h is the one copy. */
#include "../../../sys/sys/fcntl.h"
