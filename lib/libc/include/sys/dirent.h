/* struct dirent: the kernel's sys/sys/dirent.h is the one copy. */
#include "../../../../sys/sys/dirent.h"
