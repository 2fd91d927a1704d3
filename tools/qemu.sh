#!/bin/sh
# Boot a TagOS kernel under QEMU.
#   qemu.sh [-s cpus] [-m mem] [-t on|off] [-a bootargs] [-e] [-g] [-G 2|3]
#           [-i initramfs] [-T secs] [-l log] kernel.img
# -e: EL2 entry (virtualization=on); -g: wait for gdb on :1234;
# -T: kill QEMU after secs (a hung kernel fails, never hangs the caller);
# -l: also copy the console to a log file.  Tests add "semihosting" to the
# boot arguments so the kernel's power-off carries its exit status.
set -eu

smp=4 mem=512M mte=on args="" virt="" gdb="" timeout_s="" log="" gic="" initrd=""
while getopts "s:m:t:a:evgT:l:G:i:" opt; do
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
	*) echo "usage: qemu.sh [-s cpus] [-m mem] [-t on|off] [-a args] [-e] [-g] [-G 2|3] [-T secs] [-l log] kernel.elf" >&2; exit 2 ;;
	esac
done
shift $((OPTIND - 1))
kernel=$1

major=$(qemu-system-aarch64 --version | sed -n 's/^QEMU emulator version \([0-9]*\).*/\1/p')
if [ "${major:-0}" -lt 8 ]; then
	echo "qemu.sh: QEMU $major is too old: MTE tags need QEMU >= 8 (QEMU issue #1416); run 'make deps'" >&2
	exit 1
fi

set -- qemu-system-aarch64 -M "virt,mte=$mte$virt$gic" -cpu max,pauth-impdef=on \
	-smp "$smp" -m "$mem" -nographic -no-reboot -nic none \
	-icount shift=0,sleep=off \
	-semihosting-config enable=on,target=native \
	-kernel "$kernel" -append "$args" $gdb
if [ -n "$initrd" ]; then
	set -- "$@" -initrd "$initrd"
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
exec "$@"
