HOST_TESTS		+= swap_slots
HOST_SRCS_swap_slots	:= sys/vm/swap_slots.c
