#!/bin/sh
# Run every TagOS test level and print one closing line
# "N passed, N failed, N skipped".
#
#  1. host unit tests: build/host/* (machine-independent code under ASan/UBSan)
#  2. in-kernel tests: the kernel booted with "tests" on several machines
#     (1 and 4 CPUs, MTE on and off, EL1 and EL2 entry, GICv2 and v3,
#     small and large RAM), plus checks of each boot log
#  3. user programs (tests/user, tests/mte and USER_TESTS) run by init on
#     1 and 4 CPUs, with and without MTE
#  4. the reports of a deliberate kernel fault and a kernel stack overflow
#
# and first a check of the tree itself: every ABI constant and structure
# has one definition (tools/check-abi.sh).
#
# Every result is a line "PASS <name>", "FAIL <name>: why" or
# "SKIP <name>: why it cannot run on this machine"; each console log is
# kept under build/logs/.  Every QEMU run has a timeout.  A level's own
# summary line must agree with the result lines counted in its log, so a
# result lost on the console is a failure too.
set -u

B=build
LOGS=$B/logs
IMG=$B/tagos.img
INITRAMFS=$B/initramfs.cpio
QEMU_TIMEOUT=${QEMU_TIMEOUT:-1200}
rm -rf "$LOGS"
mkdir -p "$LOGS"
passed=0
failed=0
skipped=0

pass() { echo "PASS $1"; passed=$((passed + 1)); }
fail() { echo "FAIL $1"; failed=$((failed + 1)); }

# Count and echo the PASS/FAIL/SKIP lines of a log.
tally() {
	grep -E '^(PASS|FAIL|SKIP) ' "$1" | tr -d '\r'
	passed=$((passed + $(grep -c '^PASS ' "$1")))
	failed=$((failed + $(grep -c '^FAIL ' "$1")))
	skipped=$((skipped + $(grep -c '^SKIP ' "$1")))
}

# summary_agrees NAME LOG PREFIX RESULT_PREFIX: the log's line
# "PREFIX: N passed, N failed, N skipped" counts exactly its
# "PASS/FAIL/SKIP RESULT_PREFIX" lines (FAIL lines of one test may repeat,
# so failures are counted as at least that many tests).
summary_agrees() {
	s=$(sed -n "s#^$3: \([0-9]*\) passed, \([0-9]*\) failed, \([0-9]*\) skipped\$#\1 \2 \3#p" "$2")
	if [ -z "$s" ]; then
		return 0	# no summary: reported by the caller
	fi
	set -- "$1" "$2" $s "$4"
	np=$(grep -c "^PASS $6" "$2")
	ns=$(grep -c "^SKIP $6" "$2")
	if [ "$3" -eq "$np" ] && [ "$5" -eq "$ns" ]; then
		pass "$1/summary-agrees"
	else
		fail "$1/summary-agrees: summary says $3 passed, $5 skipped; the log has $np PASS and $ns SKIP lines ($2)"
	fi
}

# expect NAME LOG PATTERN: the log has a line matching the extended regex.
expect() {
	if grep -Eq "$3" "$2"; then pass "$1"; else fail "$1: no line matching '$3' in $2"; fi
}

echo "== one definition of each ABI name"
log=$LOGS/check-abi.log
sh tools/check-abi.sh > "$log" 2>&1
rc=$?
tally "$log"
if [ $rc -ne 0 ] && ! grep -q '^FAIL ' "$log"; then
	fail "abi/one-definition: exit status $rc (see $log)"
fi

echo "== host unit tests"
# The device tree QEMU passes, for host/fdt/real_qemu_dtb.
qemu-system-aarch64 -M virt,mte=on,dumpdtb=$B/virt.dtb -cpu max -smp 4 \
    -m 512M -nographic -nic none > "$LOGS/dumpdtb.log" 2>&1 ||
    fail "host/dumpdtb: QEMU could not dump its device tree (see $LOGS/dumpdtb.log)"
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
	boot_instructions "boot/$name/boot-instructions" "$log"
	case " $opts ${SWAP:+-w $SWAP }" in
	*" -w 0 "*)
		if grep -q '^vtbd[0-9]*: ' "$log"; then
			fail "boot/$name/no-disk: a disk was found with -w 0 ($log)"
		else
			pass "boot/$name/no-disk"
		fi ;;
	*)
		expect "boot/$name/disk" "$log" \
		    '^vtbd0: virtio-blk, [0-9]+ MiB, 512-byte sectors$'
		expect "boot/$name/swap" "$log" '^swap: vtbd0, [0-9]+ MiB$' ;;
	esac
	summary_agrees "boot/$name" "$log" "kernel tests" kern/
}

# boot_instructions NAME LOG: the boot line gives a plausible instruction
# count.  Bringing up even one CPU, the page tables and the allocator takes
# well over a million instructions; a count of 10^10 (10 s of QEMU time at
# one instruction per nanosecond) would mean the counter is not counting
# instructions.
boot_instructions() {
	n=$(sed -n 's/^boot: took \([0-9]*\) instructions.*/\1/p' "$2" | head -1)
	if [ -z "$n" ]; then
		fail "$1: no line 'boot: took N instructions' in $2"
	elif [ "$n" -ge 1000000 ] && [ "$n" -lt 10000000000 ]; then
		pass "$1"
	else
		fail "$1: boot took $n instructions, not within [10^6, 10^10) ($2)"
	fi
}

boot smp1-mte "-s 1" 1 on
boot smp4-mte "-s 4" 4 on
# Without a disk: the disk tests skip, and boot finds none.
boot smp1-nomte-nodisk "-s 1 -w 0" 1 off
boot smp4-nomte "-s 4" 4 off
boot smp2-el2 "-s 2 -e" 2 on
boot smp4-gicv3 "-s 4 -G 3" 4 on
boot smp2-128m "-s 2 -m 128M" 2 on
boot smp2-4g "-s 2 -m 4G" 2 on
boot smp8-gicv3 "-s 8 -G 3" 8 on

# report_rows NAME LOG: in the console section of the user test
# mte_report, both fault reports printed the neighbouring granules of a
# page the process does not map Tagged as "--", never that page's stale
# tags (see tests/mte/mte_report.c).
report_rows() {
	row='^    -- -- -- -- \[0x3\] 0x3 0x3 0x3 0x3$'
	n=$(awk '/^== user test /{on = ($4 == "mte_report")} on' "$2" |
	    grep -c "$row")
	if [ "$n" -eq 2 ]; then
		pass "$1"
	else
		fail "$1: want 2 report rows '-- -- -- -- [0x3] 0x3 0x3 0x3 0x3' after '== user test mte_report', got $n ($2)"
	fi
}

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
	sed -n "s#^\(PASS\|FAIL\|SKIP\) user/#\1 user/$name/#p" "$log"
	passed=$((passed + $(grep -c '^PASS user/' "$log")))
	failed=$((failed + $(grep -c '^FAIL user/' "$log")))
	skipped=$((skipped + $(grep -c '^SKIP user/' "$log")))
	summary_agrees "user/$name" "$log" "user tests" user/
	if [ "$mte" = on ] && [ "$tests" = usertests ]; then
		report_rows "user/$name/mte_report-console" "$log"
	fi
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
# Memory exhaustion, where filling RAM is quick (exhaust skips above 256 MiB),
# with no swap and the OOM killer off so that what runs out fails cleanly.
userboot smp2-128m-exhaust "-s 2 -m 128M -w 0" on \
    "vm.oom_kill=0 usertests=exhaust,fork_exhaust,thr_exhaust"
# The OOM killer: the hog dies, the others run on, the console says why.
userboot smp2-128m-oom "-s 2 -m 128M" on usertests=oom_kill
expect user/smp2-128m-oom/console "$LOGS/user-smp2-128m-oom.log" \
    '^pid [0-9]+ \(oom_kill\) killed: out of memory and swap; using [0-9]+ pages$'
# Paging on 128 MiB of RAM and 512 MiB of swap (mte_swap skips above 256
# MiB of RAM): 1 CPU with the hardware's access flag, 4 CPUs with access
# flag faults (pmap.hw_af=0).
userboot smp1-128m-swap "-s 1 -m 128M -w 512M" on usertests=mte_swap
userboot smp4-128m-swap "-s 4 -m 128M -w 512M" on \
    "pmap.hw_af=0 usertests=mte_swap"
expect user/smp4-128m-swap/software-af "$LOGS/user-smp4-128m-swap.log" \
    '^pmap: access flags set by access flag faults$'
# Reservations broken under memory pressure (superpages needs <= 256 MiB for that part).
userboot smp2-128m-superpages "-s 2 -m 128M" on usertests=superpages

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

echo "== your own program (docs/programs.md)"
# The walkthrough's example, built as a newcomer would (PROGRAMS=) into a
# separate build directory so this build's initramfs is left alone, run
# both ways the page shows: by init (run=) and by the shell on stdin.
EX=$B/examples
log=$LOGS/programs-build.log
if make --no-print-directory B="$EX" PROGRAMS=docs/examples \
    "$EX/initramfs.cpio" > "$log" 2>&1; then
	pass "programs/build"
	log=$LOGS/programs-run.log
	sh tools/qemu.sh -s 2 -T "$QEMU_TIMEOUT" -i "$EX/initramfs.cpio" \
	    -a "semihosting run=tagged_buffers" "$IMG" < /dev/null > "$log" 2>&1
	tr -d '\r' < "$log" > "$log.tmp" && mv "$log.tmp" "$log"
	expect programs/run-caught "$log" '^b still reads "untouched"$'
	expect programs/run-exit "$log" '^init: tagged_buffers: exit status 0$'
	log=$LOGS/programs-shell.log
	printf 'help\ntagged_buffers crash\npoweroff\n' |
	    sh tools/qemu.sh -s 2 -T "$QEMU_TIMEOUT" -i "$EX/initramfs.cpio" \
	    "$IMG" > "$log" 2>&1
	tr -d '\r' < "$log" > "$log.tmp" && mv "$log.tmp" "$log"
	expect programs/shell-help "$log" '^programs: .* tagged_buffers'
	expect programs/shell-report "$log" \
	    '^MTE tag check fault: pid [0-9]+ \(tagged_buffers\) killed by SIGSEGV'
	expect programs/shell-killed "$log" \
	    '^sh: tagged_buffers: killed by signal 11$'
else
	fail "programs/build: make PROGRAMS=docs/examples failed (see $log)"
fi

echo "== benchmarks (docs/bench.md): they build, and one TagOS row is well formed"
# make bench itself (Linux peer, 11 rounds of every row) is too long for
# make test; this checks only that the programs build for both systems
# and that a TagOS benchmark boot prints its rows.  No thresholds.
log=$LOGS/bench-build.log
if make --no-print-directory bench-tagos > "$log" 2>&1; then
	pass "bench/build-tagos"
	log=$LOGS/bench-getpid.log
	sh tools/qemu.sh -s 1 -m 1G -T "$QEMU_TIMEOUT" -i "$B/bench/tagos.cpio" \
	    -a "bench=getpid" "$IMG" < /dev/null > "$log" 2>&1
	tr -d '\r' < "$log" > "$log.tmp" && mv "$log.tmp" "$log"
	row='row=%s mode=- n=1 median=[0-9]+ min=[0-9]+ max=[0-9]+$'
	# shellcheck disable=SC2059
	expect bench/getpid-row "$log" "^BENCH $(printf "$row" getpid)"
	# shellcheck disable=SC2059
	expect bench/boot-row "$log" "^BENCH $(printf "$row" boot)"
	expect bench/done "$log" '^bench: done$'
	# The page-out rows as make bench runs them: a swap disk and
	# disk.poll=1 (waits for the disk poll it, docs/bench.md).
	plog=$LOGS/bench-pageout.log
	sh tools/qemu.sh -s 1 -m 1G -T "$QEMU_TIMEOUT" -i "$B/bench/tagos.cpio" \
	    -a "disk.poll=1 bench=pageout" "$IMG" < /dev/null > "$plog" 2>&1
	tr -d '\r' < "$plog" > "$plog.tmp" && mv "$plog.tmp" "$plog"
	for r in pageout pagein; do
		for m in untagged tagged tagged-uniform; do
			expect "bench/$r-$m-row" "$plog" \
			    "^BENCH row=$r mode=$m n=4096 median=[0-9]+ min=[0-9]+ max=[0-9]+$"
		done
	done
	expect bench/pageout-done "$plog" '^bench: done$'
	if command -v python3 > /dev/null 2>&1; then
		if python3 tools/bench-report.py --tagos "$log" --linux "$log" \
		    --out "$B/bench-check" > "$LOGS/bench-report.log" 2>&1 &&
		    grep -q '"op": "getpid"' "$B/bench-check/latest.json"; then
			pass "bench/report"
		else
			fail "bench/report: tools/bench-report.py could not read $log (see $LOGS/bench-report.log)"
		fi
	else
		echo "SKIP bench/report: no python3 (make bench installs it)"
		skipped=$((skipped + 1))
	fi
else
	fail "bench/build-tagos: make bench-tagos failed (see $log)"
fi
if command -v aarch64-linux-gnu-gcc > /dev/null 2>&1; then
	log=$LOGS/bench-build-linux.log
	if make --no-print-directory bench-linux > "$log" 2>&1; then
		pass "bench/build-linux"
	else
		fail "bench/build-linux: make bench-linux failed (see $log)"
	fi
else
	echo "SKIP bench/build-linux: no aarch64-linux-gnu-gcc (make bench installs it)"
	skipped=$((skipped + 1))
fi

echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
