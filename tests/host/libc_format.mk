HOST_TESTS		+= libc_format
HOST_SRCS_libc_format	:= lib/libc/stdio/format.c lib/libc/stdio/snprintf.c
$(B)/host/libc_format: HOSTCFLAGS += -iquote lib/libc -DLIBC_RENAME_FORMAT \
			   -include tests/host/libc_rename.h
$(B)/host/libc_format: tests/host/libc_rename.h
