HOST_TESTS		+= vm_tree
HOST_SRCS_vm_tree	:= sys/vm/vm_tree.c
