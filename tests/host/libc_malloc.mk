HOST_TESTS		+= libc_malloc
HOST_SRCS_libc_malloc	:= lib/libc/stdlib/malloc.c
$(B)/host/libc_malloc: HOSTCFLAGS += -iquote lib/libc -DLIBC_RENAME_MALLOC \
			   -include tests/host/libc_rename.h
$(B)/host/libc_malloc: tests/host/libc_rename.h
