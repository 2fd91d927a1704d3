HOST_TESTS		+= vm_reserv
HOST_SRCS_vm_reserv	:= $(HOST_VM_SRCS)
