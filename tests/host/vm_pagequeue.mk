HOST_TESTS		+= vm_pagequeue
HOST_SRCS_vm_pagequeue	:= sys/vm/vm_pagequeue.c sys/kern/kern_spinlock.c
