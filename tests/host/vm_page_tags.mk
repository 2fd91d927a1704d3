HOST_TESTS		+= vm_page_tags
HOST_SRCS_vm_page_tags	:= sys/vm/vm_page_tags.c tests/host/fake_pmap.c \
			   tests/host/fake_tags.c
