/* struct stat and the mode bits: the kernel's sys/sys/stat.h is the one copy. */
#include "../../../../sys/sys/stat.h"
