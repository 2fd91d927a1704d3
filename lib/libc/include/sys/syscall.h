/*
 * System call numbers: the kernel's table, sys/sys/syscall.h, is the one
 * copy shared by the kernel's dispatcher and libc's stubs.
 */
#include "../../../../sys/sys/syscall.h"
