#!/bin/sh
# Runs every tests/scripts/*.sh with ARCHWISE=<binary> in the environment of
# tests/hermetic.inc; prints one summary line "scripts: N passed, N failed,
# N skipped". A script exits 0 (pass), 77 (it cannot run its check: its last
# line says what to install) or anything else (fail). Under CI=true, where
# every tool is installed, a skip is a failure.
#   sh tests/run-scripts.sh [--sanitized] [BINARY]   (default ./archwise)
sanitized=0
[ "${1:-}" = --sanitized ] && { sanitized=1; shift; }
bin=${1:-./archwise}
case "$bin" in /*) ;; *) bin="$(pwd)/$bin" ;; esac
. "$(dirname "$0")/hermetic.inc"
[ "$sanitized" = 1 ] && hermetic_sanitized
[ -x "$bin" ] || { echo "scripts: no binary $bin"; exit 1; }
export ARCHWISE="$bin"
pass=0; fail=0; skip=0; failed=""; name=""
trap 'echo "scripts: interrupted (signal) while running ${name:-nothing}"; exit 130' INT TERM HUP
mkdir -p build/script-logs
for t in tests/scripts/*.sh; do
	[ -f "$t" ] || continue
	name=$(basename "$t" .sh)
	log="build/script-logs/$name.log"
	sh "$t" >"$log" 2>&1 </dev/null
	rc=$?
	if [ $rc -eq 0 ]; then
		pass=$((pass + 1))
	elif [ $rc -eq 77 ]; then
		skip=$((skip + 1)); echo "skipped: $name ($(tail -n 1 "$log"))"
		if [ "${CI:-}" = true ]; then
			fail=$((fail + 1)); failed="$failed $name"
			echo "--- $name: skipped under CI=true (CI installs every tool)"
		fi
	else
		fail=$((fail + 1)); failed="$failed $name"
		echo "--- $name (exit $rc)"; tail -n 40 "$log"
	fi
done
echo "scripts: $pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ] || { echo "failed:$failed"; exit 1; }
