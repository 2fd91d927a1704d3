HOST_TESTS		+= vm_phys
HOST_SRCS_vm_phys	:= sys/vm/vm_phys.c sys/kern/kern_spinlock.c \
			   tests/host/fake_pmap.c
