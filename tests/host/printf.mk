HOST_TESTS	+= printf
HOST_SRCS_printf := sys/kern/subr_prf.c
