#!/bin/sh
# Boot a TagOS kernel under QEMU.
#   qemu.sh [-s cpus] [-m mem] [-t on|off] [-a bootargs] [-e] [-g] [-G 2|3]
#           [-i initramfs] [-T secs] [-l log] [-w swap] kernel.img
# -e: EL2 entry (virtualization=on); -g: wait for gdb on :1234;
# -w: the swap disk's size ("1G", "768M"; 0 for no disk), by default the
# environment's SWAP (as make passes it), else twice the RAM.  Each run gets its own fresh sparse image in a temporary
# directory, attached as a virtio-blk disk and removed when QEMU exits, so
# runs in parallel never share a disk;
# -T: kill QEMU after secs (a hung kernel fails, never hangs the caller);
# -l: also copy the console to a log file.  Tests add "semihosting" to the
# boot arguments so the kernel's power-off carries its exit status.
set -eu

smp=4 mem=512M mte=on args="" virt="" gdb="" timeout_s="" log="" gic="" initrd=""
swap=${SWAP:-}
while getopts "s:m:t:a:evgT:l:G:i:w:" opt; do
	case "$opt" in
	s) smp=$OPTARG ;;
	m) mem=$OPTARG ;;
	t) mte=$OPTARG ;;
	a) args=$OPTARG ;;
	e) virt=",virtualization=on" ;;
	g) gdb="-S -s" ;;
	G) gic=",gic-version=$OPTARG" ;;
	i) initrd=$OPTARG ;;
	T) timeout_s=$OPTARG ;;
	l) log=$OPTARG ;;
	w) swap=$OPTARG ;;
	*) echo "usage: qemu.sh [-s cpus] [-m mem] [-t on|off] [-a args] [-e] [-g] [-G 2|3] [-T secs] [-l log] [-w swap] kernel.elf" >&2; exit 2 ;;
	esac
done
shift $((OPTIND - 1))
kernel=$1

major=$(qemu-system-aarch64 --version | sed -n 's/^QEMU emulator version \([0-9]*\).*/\1/p')
if [ "${major:-0}" -lt 8 ]; then
	echo "qemu.sh: QEMU $major is too old: MTE tags need QEMU >= 8 (QEMU issue #1416); run 'make deps'" >&2
	exit 1
fi

# The swap size in MiB: -w's, else twice the RAM (QEMU's -m: MiB unless
# suffixed M or G).
mib() {
	case "$1" in
	*[Gg]) echo $((${1%[Gg]} * 1024)) ;;
	*[Mm]) echo "${1%[Mm]}" ;;
	*) echo "$1" ;;
	esac
}
if [ -z "$swap" ]; then
	swap_mib=$(($(mib "$mem") * 2))
else
	swap_mib=$(mib "$swap")
fi

# virtio-mmio devices are modern (virtio 1.x) only when asked.
set -- qemu-system-aarch64 -M "virt,mte=$mte$virt$gic" -cpu max,pauth-impdef=on \
	-smp "$smp" -m "$mem" -nographic -no-reboot -nic none \
	-icount shift=0,sleep=off \
	-semihosting-config enable=on,target=native \
	-kernel "$kernel" -append "$args" $gdb
if [ -n "$initrd" ]; then
	set -- "$@" -initrd "$initrd"
fi
set -- "$@" -global virtio-mmio.force-legacy=false
swapdir=""
if [ "$swap_mib" -gt 0 ]; then
	swapdir=$(mktemp -d "${TMPDIR:-/tmp}/tagos-swap.XXXXXX")
	trap 'rm -rf "$swapdir"' EXIT
	trap 'exit 130' INT
	trap 'exit 143' TERM
	truncate -s "${swap_mib}M" "$swapdir/swap.img"
	set -- "$@" -drive "if=none,id=swap,file=$swapdir/swap.img,format=raw" \
	    -device virtio-blk-device,drive=swap
fi
if [ -n "$timeout_s" ]; then
	set -- timeout --foreground -k 5 "$timeout_s" "$@"
fi
if [ -n "$log" ]; then
	mkdir -p "$(dirname "$log")"
	# Keep QEMU's exit status through the pipe.
	{ "$@" 2>&1; echo $? > "$log.status"; } | tee "$log"
	exit "$(cat "$log.status")"
fi
# Not exec: the swap image is removed when QEMU is done with it.
if [ -z "$swapdir" ]; then
	exec "$@"
fi
rc=0
"$@" || rc=$?
exit "$rc"
