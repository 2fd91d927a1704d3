HOST_TESTS		+= tmpfs
HOST_SRCS_tmpfs		:= sys/kern/tmpfs_subr.c $(HOST_VM_SRCS)
