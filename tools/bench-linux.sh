#!/bin/sh
# Fetch Debian's arm64 Linux kernel for the benchmark peer, without touching
# the host's dpkg state: apt runs with a private state, cache and list
# directory under build/bench/linux/apt and a sources list made from the
# URI of this machine's own Debian entry.  Prints the path of the
# uncompressed kernel Image.  Everything is cached: a second run only
# prints the path.
#   bench-linux.sh BUILDDIR
set -eu

B=${1:-build}
D=$B/bench/linux
A=$D/apt
mkdir -p "$D"
D=$(cd "$D" && pwd)
A=$D/apt

if [ -f "$D/Image" ] && [ -f "$D/version" ]; then
	echo "$D/Image"
	exit 0
fi

# The URI of the first Debian main archive the machine already uses (the
# same rule as tools/deps.sh).
debian_uri() {
	for f in /etc/apt/sources.list.d/*.sources; do
		[ -f "$f" ] || continue
		awk '/^URIs:/ { u = $2 } /^Suites:/ && / bookworm( |$)/ { print u; exit }' "$f"
	done
	if [ -f /etc/apt/sources.list ]; then
		awk '$1 == "deb" && $3 == "bookworm" { print $2; exit }' /etc/apt/sources.list
	fi
}

uri=$(debian_uri | head -n 1)
if [ -z "$uri" ]; then
	echo "bench-linux: cannot find this machine's Debian source URI" >&2
	exit 1
fi
suite=$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")

mkdir -p "$A/state/lists/partial" "$A/cache/archives/partial" "$A/etc/preferences.d"
echo "deb $uri $suite main" > "$A/etc/sources.list"
: > "$A/state/status"
# Only arm64 packages, nothing of the host's configuration but its keys.
set -- -o Dir::State="$A/state" -o Dir::State::status="$A/state/status" \
    -o Dir::Cache="$A/cache" -o Dir::Etc::SourceList="$A/etc/sources.list" \
    -o Dir::Etc::SourceParts="$A/etc/sources.list.d" \
    -o Dir::Etc::Preferences="$A/etc/preferences" \
    -o Dir::Etc::PreferencesParts="$A/etc/preferences.d" \
    -o APT::Architecture=arm64 -o APT::Architectures=arm64 \
    -o Acquire::Languages=none -o Debug::NoLocking=1 \
    -o APT::Sandbox::User="$(id -un)"
mkdir -p "$A/etc/sources.list.d"

apt-get "$@" -qq update
# linux-image-arm64 is a metapackage; the kernel is its linux-image-*
# dependency.
pkg=$(apt-cache "$@" depends linux-image-arm64 |
    sed -n 's/^ *Depends: \(linux-image-[0-9][^ ]*-arm64\)$/\1/p' | head -n 1)
if [ -z "$pkg" ]; then
	echo "bench-linux: linux-image-arm64 names no linux-image-<version>-arm64" >&2
	exit 1
fi
(cd "$D" && rm -f ./*.deb && apt-get "$@" -qq download "$pkg")
rm -rf "$D/root"
dpkg-deb -x "$D"/"$pkg"_*.deb "$D/root"
vmlinuz=$(ls "$D"/root/boot/vmlinuz-* | head -n 1)
# Debian's arm64 vmlinuz is a gzipped Image.
if gzip -t "$vmlinuz" 2>/dev/null; then
	gzip -dc "$vmlinuz" > "$D/Image.tmp"
else
	cp "$vmlinuz" "$D/Image.tmp"
fi
mv "$D/Image.tmp" "$D/Image"
grep -q '^CONFIG_ARM64_MTE=y' "$D"/root/boot/config-* ||
    echo "bench-linux: warning: $pkg has no CONFIG_ARM64_MTE=y" >&2
echo "$pkg" > "$D/version"
rm -rf "$D/root/lib"
echo "$D/Image"
