#!/bin/sh
# Long passes of the sequence fuzzer (tests/fuzz/seqfuzz.c), one QEMU at a
# time, and a verdict per machine:
#
#   fuzz.sh [-S seconds] [-r seed] [-w watchdog] [-c "cpus/mem ..."]
#
# Each configuration boots with "run=seqfuzz,<secs>,<seed>": init runs seqfuzz,
# which fuzzes until it reads a line "stop" on the console (sent after
# <seconds> of wall-clock time) or until <seconds> of emulated time pass,
# then checks for leaks and powers off.  A panic, a console silent for
# <watchdog> seconds, or QEMU outliving its timeout is a failure.  Logs
# are kept in build/logs/fuzz-<cpus>cpu-<mem>.log; the seed of every
# worker is in them, and "run=seqfuzz,replay,<seed>" replays one.
set -u

B=build
IMG=$B/tagos.img
INITRAMFS=$B/initramfs.cpio
secs=60
seed=$(date +%s)
watchdog=120
configs="1/128M 4/512M 1/512M 4/128M"
while getopts "S:r:w:c:" opt; do
	case "$opt" in
	S) secs=$OPTARG ;;
	r) seed=$OPTARG ;;
	w) watchdog=$OPTARG ;;
	c) configs=$OPTARG ;;
	*) echo "usage: fuzz.sh [-S seconds] [-r seed] [-w watchdog] [-c 'cpus/mem ...']" >&2; exit 2 ;;
	esac
done
mkdir -p "$B/logs"
failed=0
summary=""

# The size of a file in bytes.
size() { wc -c < "$1" 2>/dev/null || echo 0; }

for c in $configs; do
	cpus=${c%/*} mem=${c#*/}
	log=$B/logs/fuzz-${cpus}cpu-$mem.log
	echo "== fuzz: $cpus CPUs, $mem, seed $seed, $secs s"
	# Emulated time runs slower than wall time: the guest's own limit is
	# a backstop, the "stop" line ends the pass.
	limit=$((secs * 4 + 600))
	rm -f "$log" "$log.in"
	mkfifo "$log.in"
	sh tools/qemu.sh -s "$cpus" -m "$mem" -t on -T "$limit" \
	    -i "$INITRAMFS" -a "run=seqfuzz,$secs,$seed" "$IMG" < "$log.in" \
	    > "$log" 2>&1 &
	qpid=$!
	# The console's input: "stop" after $secs s, then held open.
	{ sleep "$secs"; echo stop; sleep "$limit"; } > "$log.in" &
	feeder=$!
	# The watchdog: the console must grow at least every $watchdog s.
	last=0 quiet=0 hang=""
	while kill -0 "$qpid" 2>/dev/null; do
		sleep 5
		now=$(size "$log")
		if [ "$now" -ne "$last" ]; then
			last=$now quiet=0
		else
			quiet=$((quiet + 5))
		fi
		if [ "$quiet" -ge "$watchdog" ]; then
			hang="no console output for $watchdog s"
			pkill -P "$qpid" 2>/dev/null
			kill "$qpid" 2>/dev/null
			break
		fi
	done
	wait "$qpid" 2>/dev/null
	rc=$?
	kill "$feeder" 2>/dev/null
	pkill -P "$feeder" 2>/dev/null
	rm -f "$log.in"
	tr -d '\r' < "$log" > "$log.tmp" && mv "$log.tmp" "$log"
	verdict=ok
	if grep -q '^panic' "$log"; then
		verdict="PANIC: $(grep -m1 '^panic' "$log")"
	elif [ -n "$hang" ]; then
		verdict="HANG: $hang"
	elif [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
		verdict="HANG: QEMU timed out after $limit s"
	elif grep -q 'seqfuzz: .*HANG' "$log"; then
		verdict="HANG: $(grep -m1 'seqfuzz: .*HANG' "$log")"
	elif grep -q '^seqfuzz: LEAK' "$log"; then
		verdict=LEAK
	elif ! grep -q '^seqfuzz: no leak, no hang' "$log"; then
		verdict="no verdict from seqfuzz (exit status $rc)"
	fi
	[ "$verdict" = ok ] || failed=$((failed + 1))
	calls=$(sed -n 's/^seqfuzz: \([0-9]*\) calls, \([0-9]*\) distinct calls, \([0-9]*\) distinct call outcomes.*/\1 calls, \2 distinct calls, \3 call outcomes/p' "$log")
	counts=$(sed -n 's/^seqfuzz: free pages/free pages/p' "$log")
	line="$cpus CPU(s) $mem: ${calls:-no totals}; ${counts:-no counts}; $verdict"
	echo "$line"
	if [ "$verdict" != ok ]; then
		echo "   last worker: $(grep 'seqfuzz: worker' "$log" | tail -1) (log: $log)"
	fi
	summary="$summary$line
"
done
echo "== fuzz summary (seed $seed)"
printf '%s' "$summary"
[ "$failed" -eq 0 ]
