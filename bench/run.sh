#!/bin/sh
# make bench: every benchmark in one run (issue #7, #8).
set -e
cd "$(dirname "$0")/.."
command -v dialog >/dev/null 2>&1 || echo "bench: dialog is not installed (apt-get install dialog): no first-frame comparison"
python3 bench/bench.py
for b in bench/*.sh; do
	case "$b" in */run.sh) continue ;; esac
	echo; echo "== $b"; sh "$b"
done
