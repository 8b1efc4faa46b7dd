#!/bin/sh
# Runs every cmocka test binary in DIR (default build/tests, relative to the
# repository root) in the environment of tests/hermetic.inc; prints the
# skipped tests by name and one summary line "unit: N passed, N failed, N
# skipped". A binary passes when it exits 0; a skipped test (cmocka skip())
# is counted on its own and is a failure under CI=true.
#   sh tests/run-unit.sh [--sanitized] [DIR]
sanitized=0
[ "${1:-}" = --sanitized ] && { sanitized=1; shift; }
. "$(dirname "$0")/hermetic.inc"
[ "$sanitized" = 1 ] && hermetic_sanitized
dir=${1:-build/tests}
pass=0; fail=0; skip=0; failed=""; ran=0
for t in "$dir"/test_*; do
	[ -x "$t" ] && [ -f "$t" ] || continue
	case "$t" in *.log | *.d) continue ;; esac
	ran=$((ran + 1))
	name=$(basename "$t")
	"$t" >"$t.log" 2>&1
	rc=$?
	# cmocka lists each skipped test after the summary: "[  SKIPPED ] name"
	# (the line before the list says "N test(s), listed below").
	skipped=$(sed -n 's/^\[  SKIPPED \] \([A-Za-z_][A-Za-z0-9_]*\)$/\1/p' "$t.log" | sort -u)
	for s in $skipped; do
		skip=$((skip + 1))
		why=$(grep -m 1 "^skip: " "$t.log" | sed 's/^skip: //')
		echo "skipped: $name $s${why:+ ($why)}"
	done
	if [ "$rc" -ne 0 ]; then
		fail=$((fail + 1)); failed="$failed $name"
		cat "$t.log"
	elif [ -n "$skipped" ] && [ "${CI:-}" = true ]; then
		fail=$((fail + 1)); failed="$failed $name"
		echo "--- $name: a test skipped under CI=true (CI installs every tool)"
	else
		pass=$((pass + 1))
	fi
done
[ "$ran" -gt 0 ] || { echo "unit: no test binaries in $dir"; exit 1; }
echo "unit: $pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ] || { echo "failed:$failed"; exit 1; }
