HOST_TESTS		+= libc_malloc
HOST_SRCS_libc_malloc	:= lib/libc/stdlib/malloc.c
# malloc.c's TagOS-only names, which the host's headers lack: its
# <malloc_np.h> (found after the host's own headers), PROT_MTE and
# FreeBSD's __printflike.  (The host's <signal.h> has the MTE si_codes,
# with the values of docs/abi.md section 6.)
$(B)/host/libc_malloc: HOSTCFLAGS += -iquote lib/libc -DLIBC_RENAME_MALLOC \
			   -include tests/host/libc_rename.h \
			   -idirafter lib/libc/include -DPROT_MTE=0x20 \
			   '-D__printflike(f,a)=__attribute__((__format__(__printf__,f,a)))'
$(B)/host/libc_malloc: tests/host/libc_rename.h lib/libc/stdlib/malloc_tag.h
