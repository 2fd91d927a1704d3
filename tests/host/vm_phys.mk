HOST_TESTS		+= vm_phys
HOST_SRCS_vm_phys	:= sys/vm/vm_phys.c sys/vm/vm_reserv.c sys/vm/vm_page.c sys/vm/vm_tree.c sys/kern/kern_spinlock.c \
			   sys/vm/vm_page_tags.c tests/host/fake_pmap.c \
			   tests/host/fake_tags.c sys/vm/vm_pagequeue.c \
			   tests/host/fake_vm_env.c
