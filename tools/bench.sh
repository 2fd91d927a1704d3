#!/bin/sh
# Run the benchmarks on TagOS and on Linux with the same QEMU flags and
# write the report (docs/bench.md):
#   build/bench/tagos.log, linux.log, linux-nothp.log   the console logs
#   bench/results/latest.json, bench/results/cost-vs-n.png, BENCHMARKS.md
# Run by `make bench' after the build; QEMU runs one at a time.  With
# BENCH=<program> (one name of bench/init.c's list) both systems run only
# that program, and the report keeps the other rows as they were.
set -eu

B=build
BENCH_TIMEOUT=${BENCH_TIMEOUT:-3000}
# The one machine both systems run on: one CPU, 1 GiB, MTE, and a clock
# that advances once per instruction, so counter differences are
# instruction counts.
QEMU_FLAGS="-M virt,mte=on -cpu max,pauth-impdef=on -m 1G -smp 1 -icount shift=0,sleep=off"

image=$(sh tools/bench-linux.sh "$B" | tail -n 1)

# TagOS's swap disk (bench/pageout.c; Linux's peer has none): a sparse
# image made afresh for each run, and disk.poll=1, so that the rows that
# wait for it can leave the wait out (docs/bench.md, "Waiting for the
# disk").
# shellcheck disable=SC2034
TAGOS_DISK="-global virtio-mmio.force-legacy=false
    -drive if=none,id=swap,file=$B/bench/swap.img,format=raw
    -device virtio-blk-device,drive=swap"
rm -f "$B/bench/swap.img"
truncate -s 2G "$B/bench/swap.img"

# boot NAME KERNEL INITRAMFS "ARGS" ["QEMU ARGS"]: one boot, its console in
# build/bench/NAME.log, which must end with the runner's "bench: done".
boot() {
	log=$B/bench/$1.log
	echo "bench: booting $1 ..."
	# shellcheck disable=SC2086
	timeout --foreground -k 5 "$BENCH_TIMEOUT" qemu-system-aarch64 \
	    $QEMU_FLAGS -nographic -no-reboot -nic none ${5:-} \
	    -kernel "$2" -initrd "$3" -append "$4" < /dev/null 2>&1 |
	    tr -d '\r' > "$log"
	if ! grep -q '^bench: done$' "$log"; then
		echo "bench: $1 did not finish (see $log)" >&2
		exit 1
	fi
	if grep -q '^bench: .*\(killed\|exit status\|cannot\)' "$log"; then
		grep '^bench: ' "$log" >&2
		echo "bench: a program of $1 failed (see $log)" >&2
		exit 1
	fi
}

ONLY=${BENCH:+bench=$BENCH}
boot tagos "$B/tagos.img" "$B/bench/tagos.cpio" "disk.poll=1 $ONLY" \
    "$TAGOS_DISK"
rm -f "$B/bench/swap.img"
# Linux as Debian ships it (transparent huge pages always on), and without
# transparent huge pages, the fair peer of a kernel without superpages.
# (bench=<name> reaches Linux's init in its environment.)
LINUX_ARGS="console=ttyAMA0 rdinit=/init quiet loglevel=1 nokaslr $ONLY"
boot linux "$image" "$B/bench/linux.cpio" "$LINUX_ARGS"
boot linux-nothp "$image" "$B/bench/linux.cpio" \
    "$LINUX_ARGS transparent_hugepage=never"

python3 tools/bench-report.py --tagos "$B/bench/tagos.log" \
    --linux "$B/bench/linux.log" --linux-nothp "$B/bench/linux-nothp.log" \
    --linux-version "$(cat "$B/bench/linux/version")" \
    --qemu-flags "$QEMU_FLAGS" --out bench/results --doc BENCHMARKS.md
