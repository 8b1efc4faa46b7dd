#!/bin/sh
# `make update-golden`: rewrites tests/cases/*/expected/ (eval.json, eval.txt,
# decision-record.md, the starter files) from BINARY by running each golden
# script with --update. Only this command writes goldens; the suite compares.
#   sh tests/update-golden.sh [BINARY]   (default ./archwise)
bin=${1:-./archwise}
case "$bin" in /*) ;; *) bin="$(pwd)/$bin" ;; esac
. "$(dirname "$0")/hermetic.inc"
export ARCHWISE="$bin"
rc=0
for t in eval-golden record-golden gen-golden; do
	sh "tests/scripts/$t.sh" --update || rc=1
done
[ "$rc" -eq 0 ] && echo "goldens rewritten: review git diff tests/cases"
exit "$rc"
