/* access(2) modes and lseek(2) origins: the kernel's sys/sys/unistd.h is the one copy. */
#include "../../../../sys/sys/unistd.h"
