/* wait(2) and its status word: the kernel's sys/sys/wait.h is the one copy. */
#include "../../../../sys/sys/wait.h"
