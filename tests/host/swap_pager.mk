HOST_TESTS		+= swap_pager
HOST_SRCS_swap_pager	:= $(HOST_VM_SRCS)
