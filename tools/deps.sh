#!/bin/sh
# Install everything TagOS needs from Debian's packages, idempotently.
# `deps.sh bench' also installs what `make bench' needs: Debian's arm64
# cross compiler (the Linux builds of bench/*.c), gnuplot and python3 (the
# report).
#
# QEMU must be 8.0 or newer: Debian 12's own 7.2 stores MTE tags wrongly in
# system mode (QEMU issue #1416), so on bookworm QEMU comes from the
# bookworm-backports suite.  The suite is added with the URI of the machine's
# own Debian source entry, so no mirror's host name lives in this repository.
set -eu

PKGS="clang lld llvm make cpio gdb-multiarch"
BENCH_PKGS="gcc-aarch64-linux-gnu libc6-dev-arm64-cross gnuplot-nox python3"
QEMU_MIN_MAJOR=8

need_root() {
	if [ "$(id -u)" -ne 0 ]; then
		echo "deps: installing packages needs root; run 'sudo make deps' or install: $PKGS qemu-system-arm (>= $QEMU_MIN_MAJOR)" >&2
		exit 1
	fi
}

qemu_major() {
	command -v qemu-system-aarch64 >/dev/null 2>&1 || { echo 0; return; }
	qemu-system-aarch64 --version | sed -n 's/^QEMU emulator version \([0-9]*\).*/\1/p'
}

missing=""
for tool in clang ld.lld llvm-objcopy make cpio gdb-multiarch; do
	command -v "$tool" >/dev/null 2>&1 || missing="$missing $tool"
done
if [ "${1:-}" = bench ]; then
	for tool in aarch64-linux-gnu-gcc gnuplot python3; do
		command -v "$tool" >/dev/null 2>&1 || missing="$missing $tool"
	done
	[ -z "$missing" ] || PKGS="$PKGS $BENCH_PKGS"
fi
if [ -z "$missing" ] && [ "$(qemu_major)" -ge "$QEMU_MIN_MAJOR" ]; then
	exit 0
fi

need_root
export DEBIAN_FRONTEND=noninteractive

# The URI of the first Debian main archive the machine already uses.
debian_uri() {
	for f in /etc/apt/sources.list.d/*.sources; do
		[ -f "$f" ] || continue
		awk '/^URIs:/ { u = $2 } /^Suites:/ && / bookworm( |$)/ { print u; exit }' "$f"
	done
	if [ -f /etc/apt/sources.list ]; then
		awk '$1 == "deb" && $3 == "bookworm" { print $2; exit }' /etc/apt/sources.list
	fi
}

codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
apt-get update -qq
if [ "$codename" = bookworm ]; then
	list=/etc/apt/sources.list.d/tagos-backports.list
	if [ ! -f "$list" ]; then
		uri=$(debian_uri | head -n 1)
		if [ -z "$uri" ]; then
			echo "deps: cannot find this machine's Debian source URI for bookworm-backports" >&2
			exit 1
		fi
		echo "deb $uri bookworm-backports main" > "$list"
		apt-get update -qq
	fi
	apt-get install -y -qq --no-install-recommends $PKGS
	apt-get install -y -qq --no-install-recommends -t bookworm-backports qemu-system-arm
else
	apt-get install -y -qq --no-install-recommends $PKGS qemu-system-arm
fi

if [ "$(qemu_major)" -lt "$QEMU_MIN_MAJOR" ]; then
	echo "deps: qemu-system-aarch64 $(qemu_major).x is too old: MTE needs QEMU >= $QEMU_MIN_MAJOR (QEMU issue #1416)" >&2
	exit 1
fi
