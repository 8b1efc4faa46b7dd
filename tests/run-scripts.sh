#!/bin/sh
# Runs every tests/scripts/*.sh with ARCHWISE=<binary>; prints one summary line.
# A script exits 0 (pass), 77 (skipped: a tool it needs is missing; CI
# installs every tool, so CI=true turns a skip into a failure) or else (fail).
bin=${1:-./archwise}
case "$bin" in /*) ;; *) bin="$(pwd)/$bin" ;; esac
export ARCHWISE="$bin"
export ARCHWISE_ROOT="$(pwd)"
pass=0; fail=0; skip=0; failed=""
mkdir -p build/script-logs
for t in tests/scripts/*.sh; do
	[ -f "$t" ] || continue
	name=$(basename "$t" .sh)
	log="build/script-logs/$name.log"
	sh "$t" >"$log" 2>&1
	rc=$?
	if [ $rc -eq 0 ]; then
		pass=$((pass + 1))
	elif [ $rc -eq 77 ] && [ "${CI:-}" != "true" ]; then
		skip=$((skip + 1)); echo "skipped: $name ($(tail -n 1 "$log"))"
	else
		fail=$((fail + 1)); failed="$failed $name"
		echo "--- $name (exit $rc)"; tail -n 40 "$log"
	fi
done
echo "scripts: $pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ] || { echo "failed:$failed"; exit 1; }
