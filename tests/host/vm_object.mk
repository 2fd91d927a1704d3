HOST_TESTS		+= vm_object
HOST_SRCS_vm_object	:= $(HOST_VM_SRCS)
