HOST_TESTS		+= swap_pager
HOST_SRCS_swap_pager	:= $(HOST_VM_SRCS) sys/vm/swap_pager.c \
			   sys/vm/swap_map.c sys/vm/swap_slots.c \
			   sys/vm/swap_tags.c tests/host/fake_disk.c
