/*
 * Error numbers: the kernel's table, sys/sys/errno.h, is the one copy
 * shared by the kernel and libc.
 */
#include "../../../../sys/sys/errno.h"
