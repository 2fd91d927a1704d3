HOST_TESTS		+= vm_fault
HOST_SRCS_vm_fault	:= $(HOST_VM_SRCS)
