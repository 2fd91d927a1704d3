HOST_TESTS		+= ring
HOST_SRCS_ring		:= sys/kern/subr_ring.c
