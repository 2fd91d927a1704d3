HOST_TESTS		+= string
HOST_SRCS_string	:= sys/kern/subr_string.c
# The kernel's memset, memcpy ... are renamed tagos_* (libc_rename.h) so they
# link beside the host's; -fno-builtin as in the kernel, so the compiler
# neither inlines the calls under test nor turns their loops into calls.
$(B)/host/string: HOSTCFLAGS += -DLIBC_RENAME_STRING -fno-builtin \
			   -include tests/host/libc_rename.h
$(B)/host/string: tests/host/libc_rename.h
