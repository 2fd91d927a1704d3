HOST_TESTS		+= libc_stdlib
HOST_SRCS_libc_stdlib	:= lib/libc/stdlib/strtol.c lib/libc/stdlib/qsort.c \
			   lib/libc/stdlib/bsearch.c lib/libc/stdlib/getopt.c
$(B)/host/libc_stdlib: HOSTCFLAGS += -iquote lib/libc -DLIBC_RENAME_STDLIB \
			   -include tests/host/libc_rename.h
$(B)/host/libc_stdlib: tests/host/libc_rename.h
