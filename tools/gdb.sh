#!/bin/sh
# Start QEMU halted with its gdb stub on :1234 and attach gdb-multiarch
# with the kernel's symbols.  Options are qemu.sh's.  QEMU's console goes
# to build/logs/gdb-console.log; quitting gdb stops QEMU.
set -eu
mkdir -p build/logs
sh tools/qemu.sh -g "$@" build/tagos.img < /dev/null > build/logs/gdb-console.log 2>&1 &
qemu=$!
# qemu.sh waits for QEMU to remove its swap image after: stop QEMU, its
# child, and qemu.sh follows.
trap 'pkill -P $qemu 2>/dev/null; kill $qemu 2>/dev/null' EXIT INT TERM
sleep 1
gdb-multiarch -q -ex "target remote :1234" build/tagos.elf
