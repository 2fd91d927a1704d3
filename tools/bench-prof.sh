#!/bin/sh
# Where TagOS's instructions go, row by row: boot TagOS once per benchmark
# program under QEMU's instruction-profiling plugin and attribute the last
# round of each row (between the program's BENCH_PROF markers, see
# bench/bench.h) to functions, per page.
#   bench-prof.sh QEMU_PROF_DIR [program ...]
# QEMU_PROF_DIR holds the plugin (kprof.c) and its symboliser
# (symprof.py).  Writes build/bench/profile$PROFILE_SUFFIX.txt: for each
# row its BENCH line, then the TOP (default 8) functions, in instructions
# per operation.
set -eu

B=build
dir=${1:?usage: bench-prof.sh QEMU_PROF_DIR [program ...]}
shift
[ $# -gt 0 ] || set -- touch fork mprotect munmap tagfault getpid malloc pageout
QEMU_FLAGS="-M virt,mte=on -cpu max,pauth-impdef=on -m 1G -smp 1 -icount shift=0,sleep=off"
TOP=${TOP:-8}

mkdir -p "$B/bench"
clang -O2 -shared -fPIC -fvisibility=hidden -o "$B/kprof.so" "$dir/kprof.c"
report=$B/bench/profile${PROFILE_SUFFIX:-}.txt
: > "$report"
for prog in "$@"; do
	# munmap's rows are in the mprotect program.
	[ "$prog" = munmap ] && continue
	out=$B/bench/prof-$prog.txt
	log=$B/bench/prof-$prog.log
	echo "bench-prof: $prog ..."
	# shellcheck disable=SC2086
	rm -f "$B/bench/swap.img"
	truncate -s 2G "$B/bench/swap.img"
	timeout --foreground -k 5 3000 qemu-system-aarch64 $QEMU_FLAGS \
	    -nographic -no-reboot -nic none \
	    -global virtio-mmio.force-legacy=false \
	    -drive "if=none,id=swap,file=$B/bench/swap.img,format=raw" \
	    -device virtio-blk-device,drive=swap -kernel "$B/tagos.img" \
	    -initrd "$B/bench/tagos.cpio" -append "disk.poll=1 bench=$prog" \
	    -plugin "$B/kprof.so,out=$out" < /dev/null 2>&1 |
	    tr -d '\r' > "$log"
	# Phase k is the k-th BENCH line of the program.
	phase=0
	grep '^BENCH row=' "$log" | grep -v 'row=boot' | while read -r line; do
		n=$(echo "$line" | sed 's/.* n=\([0-9]*\) .*/\1/')
		case "$line" in
		*row=getpid*) div=64 ;;
		*row=tagfault* | *row=fork*) div=1 ;;
		*row=malloc_free*) div=1000 ;;	# PAIRS in bench/malloc.c
		*) div=$n ;;
		esac
		{
			echo "== $line"
			python3 "$dir/symprof.py" "$out" \
			    "$B/tagos.elf,$B/bench/tagos/bench/$prog" \
			    --phase "$phase" --div "$div" --top "$TOP"
			echo
		} >> "$report"
		phase=$((phase + 1))
	done
done
echo "bench-prof: $report"
