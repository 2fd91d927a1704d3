HOST_TESTS		+= tmpfs
HOST_SRCS_tmpfs		:= sys/kern/tmpfs_subr.c sys/vm/vm_tree.c \
			   sys/vm/vm_page.c sys/vm/vm_object.c \
			   sys/vm/vm_map.c sys/vm/vm_fault.c sys/vm/vm_phys.c \
			   sys/kern/kern_malloc.c sys/kern/kern_spinlock.c \
			   sys/vm/vm_page_tags.c tests/host/fake_pmap.c \
			   tests/host/fake_tags.c tests/host/vm_harness.c
