#!/bin/sh
# Run every TagOS test level and print one closing line "N passed, N failed".
#
#  1. host unit tests: build/host/* (machine-independent code under ASan/UBSan)
#  2. in-kernel tests: the kernel booted with "tests" on several machines
#     (1 and 4 CPUs, MTE on and off, EL1 and EL2 entry, GICv2 and v3,
#     small and large RAM), plus checks of each boot log
#  3. user programs (tests/user, tests/mte and USER_TESTS) run by init on
#     1 and 4 CPUs, with and without MTE
#  4. the reports of a deliberate kernel fault and a kernel stack overflow
#
# Every result is a line "PASS <name>" or "FAIL <name>: why"; each console
# log is kept under build/logs/.  Every QEMU run has a timeout.
set -u

B=build
LOGS=$B/logs
IMG=$B/tagos.img
INITRAMFS=$B/initramfs.cpio
QEMU_TIMEOUT=${QEMU_TIMEOUT:-600}
rm -rf "$LOGS"
mkdir -p "$LOGS"
passed=0
failed=0

pass() { echo "PASS $1"; passed=$((passed + 1)); }
fail() { echo "FAIL $1"; failed=$((failed + 1)); }

# Count and echo the PASS/FAIL lines of a log.
tally() {
	grep -E '^(PASS|FAIL) ' "$1" | tr -d '\r'
	passed=$((passed + $(grep -c '^PASS ' "$1")))
	failed=$((failed + $(grep -c '^FAIL ' "$1")))
}

# expect NAME LOG PATTERN: the log has a line matching the extended regex.
expect() {
	if grep -Eq "$3" "$2"; then pass "$1"; else fail "$1: no line matching '$3' in $2"; fi
}

echo "== host unit tests"
for t in "$B"/host/*; do
	[ -x "$t" ] || continue
	log=$LOGS/host-$(basename "$t").log
	"$t" > "$log" 2>&1
	rc=$?
	tally "$log"
	if [ $rc -ne 0 ] && ! grep -q '^FAIL ' "$log"; then
		fail "host/$(basename "$t"): exit status $rc (see $log)"
	fi
done

# boot NAME "qemu.sh options" EXPECTED_CPUS MTE(on|off) [extra bootargs]
boot() {
	name=$1 opts=$2 cpus=$3 mte=$4
	log=$LOGS/boot-$name.log
	echo "== kernel tests: $name ($opts)"
	# shellcheck disable=SC2086
	sh tools/qemu.sh $opts -t "$mte" -T "$QEMU_TIMEOUT" \
	    -a "semihosting tests" "$IMG" < /dev/null > "$log" 2>&1
	rc=$?
	tr -d '\r' < "$log" > "$log.tmp" && mv "$log.tmp" "$log"
	tally "$log"
	if [ $rc -eq 124 ] || [ $rc -eq 137 ]; then
		fail "boot/$name: QEMU timed out after ${QEMU_TIMEOUT}s (see $log)"
	elif ! grep -q '^kernel tests: ' "$log"; then
		fail "boot/$name: no test summary, exit status $rc (see $log)"
	elif [ $rc -ne 0 ] && ! grep -q '^FAIL ' "$log"; then
		fail "boot/$name: exit status $rc (see $log)"
	fi
	expect "boot/$name/cpus-online" "$log" "^mp: $cpus CPUs? online"
	if [ "$mte" = on ]; then
		expect "boot/$name/mte" "$log" '^MTE: MTE3, tag storage on'
	else
		expect "boot/$name/mte" "$log" '^MTE: absent'
	fi
	expect "boot/$name/boot-instructions" "$log" '^boot: [0-9]+ counter ticks'
}

boot smp1-mte "-s 1" 1 on
boot smp4-mte "-s 4" 4 on
boot smp1-nomte "-s 1" 1 off
boot smp4-nomte "-s 4" 4 off
boot smp2-el2 "-s 2 -e" 2 on
boot smp4-gicv3 "-s 4 -G 3" 4 on
boot smp2-128m "-s 2 -m 128M" 2 on
boot smp2-4g "-s 2 -m 4G" 2 on
boot smp8-gicv3 "-s 8 -G 3" 8 on

# userboot NAME "qemu.sh options" MTE [TESTS]: init runs every program in
# /tests, or with TESTS ("usertests=name") just that one.
userboot() {
	name=$1 opts=$2 mte=$3 tests=${4:-usertests}
	log=$LOGS/user-$name.log
	echo "== user tests: $name ($opts, mte=$mte)"
	# shellcheck disable=SC2086
	sh tools/qemu.sh $opts -t "$mte" -T "$QEMU_TIMEOUT" -i "$INITRAMFS" \
	    -a "semihosting $tests" "$IMG" < /dev/null > "$log" 2>&1
	rc=$?
	tr -d '\r' < "$log" > "$log.tmp" && mv "$log.tmp" "$log"
	sed -n "s#^\(PASS\|FAIL\) user/#\1 user/$name/#p" "$log"
	passed=$((passed + $(grep -c '^PASS user/' "$log")))
	failed=$((failed + $(grep -c '^FAIL user/' "$log")))
	if [ $rc -eq 124 ] || [ $rc -eq 137 ]; then
		fail "user/$name: QEMU timed out after ${QEMU_TIMEOUT}s (see $log)"
	elif ! grep -q '^user tests: ' "$log"; then
		fail "user/$name: no test summary, exit status $rc (see $log)"
	fi
	if grep -q '^panic' "$log"; then
		fail "user/$name: the kernel panicked (see $log)"
	fi
}

userboot smp1-mte "-s 1" on
userboot smp4-mte "-s 4" on
userboot smp4-nomte "-s 4" off
userboot smp4-el2-gicv3-4g "-s 4 -e -G 3 -m 4G" on
# Memory exhaustion, where filling RAM is quick (exhaust skips above 256 MiB).
userboot smp2-128m-exhaust "-s 2 -m 128M" on usertests=exhaust

echo "== trap report"
log=$LOGS/trap-report.log
sh tools/qemu.sh -s 2 -T "$QEMU_TIMEOUT" -a "semihosting tests=trap_report" \
    "$IMG" < /dev/null > "$log" 2>&1
rc=$?
tr -d '\r' < "$log" > "$log.tmp" && mv "$log.tmp" "$log"
if [ $rc -eq 1 ]; then pass "trap/exit-status"; else fail "trap/exit-status: $rc, want 1"; fi
expect trap/registers "$log" '^ x28 [0-9a-f]{16}   x29 [0-9a-f]{16}'
expect trap/esr-in-words "$log" 'data abort at the same EL'
expect trap/fault-in-words "$log" 'write of 0x[0-9a-f]+: translation fault'
expect trap/panic "$log" '^panic: kernel trap'
expect trap/backtrace "$log" '#[0-9]+ +[0-9a-f]+ kern_test_run\+0x'
expect trap/faulting-function "$log" 'elr [0-9a-f]+ \(kt_fn_trap_report\+0x'

echo "== kernel stack overflow"
log=$LOGS/stack-overflow.log
sh tools/qemu.sh -s 2 -T "$QEMU_TIMEOUT" -a "semihosting tests=stack_overflow" \
    "$IMG" < /dev/null > "$log" 2>&1
rc=$?
tr -d '\r' < "$log" > "$log.tmp" && mv "$log.tmp" "$log"
if [ $rc -eq 1 ]; then pass "overflow/exit-status"; else fail "overflow/exit-status: $rc, want 1"; fi
expect overflow/guard-page "$log" '^kernel stack overflow: thread [0-9]+, fault address 0xffff0020'
expect overflow/backtrace "$log" '#[0-9]+ +[0-9a-f]+ recurse_deep\+0x'

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
