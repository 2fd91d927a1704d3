HOST_TESTS		+= libc_string
# strerror.c is left out: glibc redirects strerror_r to another symbol;
# strsignal.c too: its table is indexed by TagOS's signal numbers, not the
# host's (tests/user/sigtime checks it).
HOST_SRCS_libc_string	:= $(filter-out lib/libc/string/strerror.c \
			   lib/libc/string/strsignal.c, \
			   $(wildcard lib/libc/string/*.c))
$(B)/host/libc_string: HOSTCFLAGS += -iquote lib/libc -DLIBC_RENAME_STRING \
			   -include tests/host/libc_rename.h
$(B)/host/libc_string: tests/host/libc_rename.h
