# Benchmarks (docs/bench.md): the programs bench/*.c built for TagOS and,
# statically with Debian's cross compiler, for Linux, each into an
# initramfs whose first process is the runner bench/init.c.
#
#   $(B)/bench/tagos.cpio   /bin/init (the runner) and /bench/<name>
#   $(B)/bench/linux.cpio   /init (the runner) and /bench/<name>
#
# `make bench' installs what it needs (tools/deps.sh bench), builds both,
# fetches Debian's arm64 kernel (tools/bench-linux.sh), boots both systems
# with the same QEMU flags and writes the report (tools/bench.sh); with
# BENCH=<program>, only that program runs.

BENCH_NAMES	:= $(filter-out init,$(basename $(notdir $(wildcard bench/*.c))))
BENCH_T		:= $(B)/bench/tagos
BENCH_L		:= $(B)/bench/linux/initramfs
LINUX_CC	= aarch64-linux-gnu-gcc
LINUX_CFLAGS	= -static -O2 -g -Wall -Wextra -Werror -Wno-unused-parameter \
		  -march=armv8.5-a+memtag -fno-omit-frame-pointer

$(B)/user/bench/%.o: USER_CFLAGS += -iquote bench -Wno-unused-parameter

# The runner enters at bench_entry, which reads the counter first.
$(BENCH_T)/bin/init: $(B)/user/bench/init.o $(USER_LIBS)
	@mkdir -p $(dir $@)
	@echo "  LD      $@"
	@$(LD) $(USER_LDFLAGS) -e bench_entry -o $@ $(LIBC_CRT0) \
	    $(B)/user/bench/init.o $(LIBC_A)

$(BENCH_T)/bench/%: $(B)/user/bench/%.o $(USER_LIBS)
	@echo "  LD      $@"
	@$(USER_LINK)

$(B)/bench/tagos.cpio: $(BENCH_T)/bin/init \
    $(addprefix $(BENCH_T)/bench/,$(BENCH_NAMES))
	@cd $(BENCH_T) && printf '%s\n' bin bench bin/init \
	    $(addprefix bench/,$(BENCH_NAMES)) | \
	    cpio -o -H newc --quiet > ../tagos.cpio.tmp
	@mv $@.tmp $@

$(BENCH_L)/init: bench/init.c bench/bench.h
	@mkdir -p $(dir $@)
	@echo "  LINUXCC $@"
	@$(LINUX_CC) $(LINUX_CFLAGS) -Wl,-e,bench_entry -o $@ $<

$(BENCH_L)/bench/%: bench/%.c bench/bench.h
	@mkdir -p $(dir $@)
	@echo "  LINUXCC $@"
	@$(LINUX_CC) $(LINUX_CFLAGS) -o $@ $<

$(B)/bench/linux.cpio: $(BENCH_L)/init $(addprefix $(BENCH_L)/bench/,$(BENCH_NAMES))
	@cd $(BENCH_L) && printf '%s\n' init bench \
	    $(addprefix bench/,$(BENCH_NAMES)) | \
	    cpio -o -H newc --quiet > ../../linux.cpio.tmp
	@mv $@.tmp $@

bench-tagos: $(B)/bench/tagos.cpio
bench-linux: $(B)/bench/linux.cpio

bench:
	@sh tools/deps.sh bench
	@$(MAKE) --no-print-directory -j2 all bench-tagos bench-linux
	@BENCH="$(BENCH)" sh tools/bench.sh

.PHONY: bench bench-tagos bench-linux

# Profile TagOS's rows (tools/bench-prof.sh): QEMU_PROF names the directory
# of the instruction-profiling plugin (kprof.c, symprof.py).
bench-prof: all bench-tagos
	@test -n "$(QEMU_PROF)" || { echo "bench-prof: set QEMU_PROF=<dir of kprof.c and symprof.py>" >&2; exit 1; }
	@sh tools/bench-prof.sh $(QEMU_PROF) $(BENCH)

.PHONY: bench-prof
