#!/bin/sh
# One definition of each name: every "#define NAME", every struct, union
# or enum tag with a body and every one-line typedef, in the headers of
# sys/ and lib/libc/include and in the kernel's and libc's own .c and .S
# files, must come from one file.
# A constant the kernel and programs share lives in the kernel tree and
# lib/libc/include forwards to it (see sys/sys/mman.h), so a second copy
# that could drift is a failure, reported with the names and files.
#
# Prints "PASS abi/one-definition" or one "FAIL abi/one-definition: ..."
# line per name defined twice; tools/run-tests.sh counts them.  Run it
# from the top of the tree: sh tools/check-abi.sh
set -u

# Names legitimately defined in more than one file, one extended regular
# expression (matched against the whole name; a tag is "struct name") per
# line, then why.  Include guards (#ifndef X / #define X) and the
# _<TYPE>_DECLARED guards around typedefs are recognised without being
# listed, and so are typedefs right after "#ifndef _<TYPE>_DECLARED".
# Keep this list short.
ALLOW='
SMALL_MAX	file-local tuning constants of two unrelated allocators (libc malloc, kernel string routines)
GICD_(CTLR|ISENABLER|IPRIORITYR)	each GIC driver names the registers of the distributor version it drives
'

files=$(find sys lib/libc -type f \( -name '*.h' -o -name '*.c' -o -name '*.S' \) |
    LC_ALL=C sort)

# "name file" for every definition; a file's include guard is left out.
defs() {
	for f in $files; do
		awk -v f="$f" '
		# The first #ifndef of a header, followed at once by a #define of
		# the same name, is its include guard.
		/^[ \t]*#[ \t]*ifndef[ \t]+/ && guard == "" && !seen {
			guard = $2; seen = 1; next_is_guard = 1; next
		}
		/^[ \t]*#[ \t]*define[ \t]+[A-Za-z_][A-Za-z0-9_]*/ {
			line = $0
			sub(/^[ \t]*#[ \t]*define[ \t]+/, "", line)
			match(line, /^[A-Za-z_][A-Za-z0-9_]*/)
			name = substr(line, 1, RLENGTH)
			if (next_is_guard && name == guard) { next_is_guard = 0; next }
			next_is_guard = 0
			if (name ~ /^_[A-Z0-9_]+_DECLARED$/)
				next
			print name "\t" f
			next
		}
		/^(typedef[ \t]+)?(struct|union|enum)[ \t]+[A-Za-z_][A-Za-z0-9_]*[ \t]*\{/ {
			line = $0
			sub(/^typedef[ \t]+/, "", line)
			split(line, w, /[ \t{]+/)
			print w[1] " " w[2] "\t" f
			declared = 0
			next
		}
		# typedef <type> NAME;  (not a function type: no parentheses)
		/^typedef[ \t][^;{()]*[ \t*][A-Za-z_][A-Za-z0-9_]*;/ {
			if (declared) { declared = 0; next }
			line = $0
			sub(/;.*/, "", line)
			match(line, /[A-Za-z_][A-Za-z0-9_]*$/)
			print "typedef " substr(line, RSTART, RLENGTH) "\t" f
			next
		}
		/^[ \t]*#[ \t]*ifndef[ \t]+_[A-Z0-9_]+_DECLARED/ {
			declared = 1; next_is_guard = 0; next
		}
		/^[ \t]*#/ { next_is_guard = 0 }
		{ declared = 0 }
		' "$f"
	done
}

allowed() {
	printf '%s\n' "$ALLOW" | awk -F '\t' -v n="$1" '
	    $1 != "" && n ~ ("^(" $1 ")$") { found = 1 } END { exit !found }'
}

dups=$(defs | LC_ALL=C sort -u | awk -F '\t' '
	{ files[$1] = files[$1] " " $2; count[$1]++ }
	END { for (n in count) if (count[n] > 1) print n "\t" files[n] }' |
    LC_ALL=C sort)

nfail=0
old_ifs=$IFS
IFS='
'
for d in $dups; do
	name=$(printf '%s\n' "$d" | cut -f 1)
	where=$(printf '%s\n' "$d" | cut -f 2)
	if allowed "$name"; then
		continue
	fi
	echo "FAIL abi/one-definition: $name is defined in more than one file:$where"
	nfail=$((nfail + 1))
done
IFS=$old_ifs
if [ "$nfail" -eq 0 ]; then
	echo "PASS abi/one-definition"
	exit 0
fi
exit 1
