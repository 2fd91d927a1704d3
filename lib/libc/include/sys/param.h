/* Helpers and the FreeBSD version: the kernel's sys/sys/param.h is the one copy. */
#include "../../../../sys/sys/param.h"
