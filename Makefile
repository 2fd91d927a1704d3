# TagOS build.  `make` builds build/tagos.img (and tagos.elf with symbols);
# `make run` boots it; `make test` runs every test level.  See README.md.

CC		= clang
LD		= ld.lld
HOSTCC		= clang
QEMU		= qemu-system-aarch64

B		= build
TARGET		= --target=aarch64-none-elf -march=armv8.5-a+memtag

# The kernel never touches FP/SIMD registers (it only saves and restores
# them for user threads), is linked at a fixed high address, and keeps
# frame pointers for the panic backtrace.
KCFLAGS		= $(TARGET) -std=gnu11 -O2 -g -Wall -Wextra -Werror \
		  -Wno-unused-parameter -Wno-sign-compare \
		  -ffreestanding -fno-builtin -nostdlib -fno-pic -fno-pie \
		  -fno-stack-protector -fno-omit-frame-pointer \
		  -mno-omit-leaf-frame-pointer -mgeneral-regs-only \
		  -mbranch-protection=none -fno-common -D_KERNEL -iquote sys -iquote sys/arm64/include
KASFLAGS	= $(TARGET) -g -D_KERNEL -iquote sys -iquote sys/arm64/include -D__ASSEMBLY__

HOSTCFLAGS	= -std=gnu11 -O1 -g -Wall -Wextra -Wno-unused-parameter \
		  -Wno-sign-compare -fsanitize=address,undefined \
		  -fno-sanitize-recover=all -fno-omit-frame-pointer \
		  -DHOST_TEST -D_KERNEL -iquote sys -iquote tests/host/include -iquote tests/host

KSRCS		:= $(sort $(wildcard sys/kern/*.c sys/vm/*.c sys/dev/*/*.c \
		     sys/arm64/*.c sys/arm64/*.S tests/kern/*.c))
KOBJS		:= $(patsubst %,$(B)/%.o,$(basename $(KSRCS)))

all: $(B)/tagos.img $(B)/initramfs.cpio

$(B)/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(KCFLAGS) -MMD -MP -c $< -o $@

$(B)/%.o: %.S
	@mkdir -p $(dir $@)
	@echo "  AS      $<"
	@$(CC) $(KASFLAGS) -MMD -MP -c $< -o $@

# Two links: the first gives the addresses of every function, the second
# adds them as the kernel's own symbol table (section .ksyms, placed after
# all code so adding it moves no function) for symbolized backtraces.
$(B)/tagos.pass1.elf: $(KOBJS) sys/arm64/kernel.ld
	$(LD) -T sys/arm64/kernel.ld -nostdlib -o $@ $(KOBJS)

$(B)/ksyms.S: $(B)/tagos.pass1.elf $(B)/tools/ksyms
	$(B)/tools/ksyms $< > $@

$(B)/ksyms.o: $(B)/ksyms.S
	$(CC) $(KASFLAGS) -c $< -o $@

$(B)/tagos.elf: $(KOBJS) $(B)/ksyms.o sys/arm64/kernel.ld
	$(LD) -T sys/arm64/kernel.ld -nostdlib -o $@ $(KOBJS) $(B)/ksyms.o

# The flat image QEMU boots (a Linux-format arm64 Image, see locore.S).
$(B)/tagos.img: $(B)/tagos.elf
	llvm-objcopy -O binary $< $@

$(B)/tools/%: tools/%.c
	@mkdir -p $(dir $@)
	$(HOSTCC) -std=gnu11 -O2 -Wall -Wextra -o $@ $<


include lib/libc/libc.mk
include mk/userland.mk
include mk/bench.mk

# Host unit tests: each tests/host/*.mk adds a name to HOST_TESTS and sets
# HOST_SRCS_<name>, the kernel sources that test is built from.
HOST_TESTS	:=
# The whole machine-independent VM, as the VM tests and the file system's
# build it: compiled unchanged, over a fake pmap and fake tag hardware.
HOST_VM_SRCS	:= sys/vm/vm_tree.c sys/vm/vm_page.c sys/vm/vm_object.c \
		   sys/vm/vm_map.c sys/vm/vm_fault.c sys/vm/vm_phys.c \
		   sys/vm/vm_reserv.c sys/vm/vm_page_tags.c \
		   sys/vm/vm_pagequeue.c tests/host/fake_vm_env.c \
		   sys/vm/swap_pager.c sys/vm/swap_map.c sys/vm/swap_slots.c \
		   sys/vm/swap_tags.c tests/host/fake_disk.c \
		   sys/kern/kern_malloc.c sys/kern/kern_spinlock.c \
		   tests/host/fake_pmap.c tests/host/fake_tags.c \
		   tests/host/vm_harness.c
include $(wildcard tests/host/*.mk)
HOST_BINS	:= $(patsubst %,$(B)/host/%,$(HOST_TESTS))

$(B)/host/%: tests/host/test_%.c tests/host/hosttest.c tests/host/kstub.c \
    tests/host/hosttest.h
	@mkdir -p $(dir $@)
	@echo "  HOSTCC  $@"
	@$(HOSTCC) $(HOSTCFLAGS) -o $@ $(filter %.c,$^)

$(HOST_BINS): $$(HOST_SRCS_$$(notdir $$@))

host-tests: $(HOST_BINS)

deps:
	@sh tools/deps.sh

# Machine settings for `make run` and `make test`; override on the command
# line, e.g. `make run SMP=1 MTE=off MEM=1G`.
SMP		?= 4
MEM		?= 512M
MTE		?= on
BOOTARGS	?=
# The swap disk tools/qemu.sh attaches: its size ("1G"), 0 for none, or
# empty for twice MEM.  Passed to every QEMU run of run, test, gdb and fuzz.
SWAP		?=
export SWAP

# run, test and gdb first install what is missing (tools/deps.sh).
run:
	@sh tools/deps.sh
	@$(MAKE) --no-print-directory all
	sh tools/qemu.sh -s $(SMP) -m $(MEM) -t $(MTE) -a "$(BOOTARGS)" -i $(B)/initramfs.cpio $(B)/tagos.img

test:
	@sh tools/deps.sh
	@$(MAKE) --no-print-directory -j2 all host-tests
	@sh tools/run-tests.sh

# Long sequence-fuzzer passes (tools/fuzz.sh): SECONDS of wall-clock time
# on each of 1 and 4 CPUs with 128 MiB and 512 MiB; SEED to repeat a run.
SECONDS		?= 60
fuzz:
	@sh tools/deps.sh
	@$(MAKE) --no-print-directory -j2 all
	@sh tools/fuzz.sh -S $(SECONDS) $(if $(SEED),-r $(SEED))

gdb:
	@sh tools/deps.sh
	@$(MAKE) --no-print-directory all
	sh tools/gdb.sh -s $(SMP) -m $(MEM) -t $(MTE) -a "$(BOOTARGS)" -i $(B)/initramfs.cpio

clean:
	rm -rf $(B)

.PHONY: all deps run test fuzz gdb clean host-tests
-include $(KOBJS:.o=.d)
