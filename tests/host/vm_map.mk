HOST_TESTS		+= vm_map
HOST_SRCS_vm_map	:= $(HOST_VM_SRCS)
