HOST_TESTS	+= fdt
HOST_SRCS_fdt	:= sys/kern/subr_fdt.c
