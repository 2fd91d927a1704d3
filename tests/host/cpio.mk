HOST_TESTS		+= cpio
HOST_SRCS_cpio		:= sys/kern/subr_cpio.c
