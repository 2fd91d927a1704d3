HOST_TESTS		+= swap_tags
HOST_SRCS_swap_tags	:= sys/vm/swap_tags.c
