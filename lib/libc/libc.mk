# lib/libc: the user-space C library TagOS programs link statically.
# Included by the top Makefile.  Builds $(B)/lib/crt0.o and $(B)/lib/libc.a
# and offers what a user program's rules need:
#
#   USER_CFLAGS	compile flags: freestanding, no host headers, libc's headers
#   USER_LDFLAGS	link flags: static, entry _start, image base 0x400000
#   $(B)/user/<path>.o	any <path>.c compiled with USER_CFLAGS
#   USER_LIBS	prerequisites every user program links with
#   USER_LINK	recipe: link the rule's .o prerequisites into $@
#
# A program is then two lines:
#   $(B)/bin/init: $(B)/user/bin/init/init.o $(USER_LIBS)
#   	$(USER_LINK)
# which runs
#   ld.lld -static -nostdlib -e _start --image-base=0x400000 -z norelro \
#       -o $@ $(B)/lib/crt0.o <objects> $(B)/lib/libc.a
#
# Programs start at 0x400000: well below the top of user space
# (0x0001000000000000) and leaving the first 4 MiB unmapped, so a NULL
# pointer plus any small offset faults.  -z norelro: with no dynamic
# linker nothing would make a RELRO range read-only, so its separate
# segment would only be one more for exec to load.

USER_CFLAGS	= $(TARGET) -std=gnu11 -O2 -g -Wall -Wextra -Werror \
		  -ffreestanding -fno-builtin -nostdlib -nostdlibinc \
		  -fno-pic -fno-pie -fno-stack-protector \
		  -fno-omit-frame-pointer -mbranch-protection=none \
		  -isystem lib/libc/include
USER_ASFLAGS	= $(TARGET) -g -isystem lib/libc/include
USER_LDFLAGS	= -static -nostdlib -e _start --image-base=0x400000 -z norelro

LIBC_CRT0	:= $(B)/lib/crt0.o
LIBC_A		:= $(B)/lib/libc.a
USER_LIBS	= $(LIBC_CRT0) $(LIBC_A)
USER_LINK	= mkdir -p $(dir $@) && $(LD) $(USER_LDFLAGS) -o $@ $(LIBC_CRT0) \
		  $(filter-out $(USER_LIBS),$(filter %.o,$^)) $(LIBC_A)

# Prefer llvm-ar; GNU ar (binutils, which Debian's clang depends on)
# indexes aarch64 objects just as well.
USER_AR		= $(firstword $(foreach t,llvm-ar llvm-ar-14 ar, \
		  $(shell command -v $(t) 2>/dev/null)))

LIBC_SRCS	:= $(sort $(wildcard lib/libc/gen/*.c lib/libc/stdio/*.c \
		     lib/libc/stdlib/*.c lib/libc/string/*.c lib/libc/thr/*.c \
		     lib/libc/arm64/*.S))
LIBC_SRCS	:= $(filter-out lib/libc/arm64/crt0.S,$(LIBC_SRCS))
LIBC_OBJS	:= $(patsubst %,$(B)/%.o,$(basename $(LIBC_SRCS)))

# libc's own sources also see its private headers (libc_private.h ...).
$(B)/lib/libc/%.o: lib/libc/%.c
	@mkdir -p $(dir $@)
	$(CC) $(USER_CFLAGS) -iquote lib/libc -MMD -MP -c $< -o $@

$(B)/lib/libc/%.o: lib/libc/%.S
	@mkdir -p $(dir $@)
	$(CC) $(USER_ASFLAGS) -MMD -MP -c $< -o $@

# ld.lld copies EI_OSABI from its first input, crt0.o: assembling crt0 for
# FreeBSD brands every program ELFOSABI_FREEBSD, as FreeBSD's toolchain
# does (docs/abi.md section 3.7), besides the .note.tag crt0 carries.
$(LIBC_CRT0): lib/libc/arm64/crt0.S
	@mkdir -p $(dir $@)
	$(CC) --target=aarch64-unknown-freebsd15 -march=armv8.5-a+memtag \
	    -nostdlibinc -g -isystem lib/libc/include -MMD -MP -c $< -o $@

$(LIBC_A): $(LIBC_OBJS)
	@mkdir -p $(dir $@)
	rm -f $@
	$(USER_AR) rcs $@ $(LIBC_OBJS)

# Any user-space source, compiled for TagOS.
$(B)/user/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(USER_CFLAGS) -MMD -MP -c $< -o $@

# Link check: every header and most of the library in one program, which
# must link with no undefined symbol.  Not run.
$(B)/lib/libc/tests/compile_check: $(B)/user/lib/libc/tests/compile_check.o \
    $(USER_LIBS)
	$(USER_LINK)

libc: $(LIBC_CRT0) $(LIBC_A) $(B)/lib/libc/tests/compile_check

.PHONY: libc
-include $(LIBC_OBJS:.o=.d) $(LIBC_CRT0:.o=.d) \
    $(B)/user/lib/libc/tests/compile_check.d
