HOST_TESTS		+= libc_time
HOST_SRCS_libc_time	:= lib/libc/gen/gmtime.c lib/libc/gen/strftime.c
$(B)/host/libc_time: HOSTCFLAGS += -iquote lib/libc -DLIBC_RENAME_TIME \
			   -include tests/host/libc_rename.h
$(B)/host/libc_time: tests/host/libc_rename.h
