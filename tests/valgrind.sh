#!/bin/sh
# eval and export under valgrind: no errors, no definite leaks (issue #6).
set -e
bin=${1:-./archwise}
command -v valgrind >/dev/null 2>&1 || { echo "valgrind: not installed"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
vg="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite --show-leak-kinds=definite"
n=0
for answers in tests/cases/*/answers.yaml; do
	[ -f "$answers" ] || continue
	name=$(basename "$(dirname "$answers")")
	$vg "$bin" eval "$answers" --json >/dev/null
	$vg "$bin" eval "$answers" >/dev/null
	rc=0; $vg "$bin" export "$answers" -o "$tmp/$name" --date 2026-01-01 >/dev/null 2>&1 || rc=$?
	# a case may be refused on purpose (exit 2), never a valgrind error (99)
	[ "$rc" -ne 99 ] || { echo "valgrind: export $name"; exit 1; }
	n=$((n + 1))
done
$vg "$bin" check questionnaires/*.yaml assets/*.yaml >/dev/null
printf 'answers: {requests_per_day: -5}\n' >"$tmp/bad.yaml"
rc=0; $vg "$bin" eval "$tmp/bad.yaml" >/dev/null 2>&1 || rc=$?
[ "$rc" -eq 2 ] || { echo "valgrind: bad input gave $rc"; exit 1; }
echo "valgrind: $n answer sets clean (eval, eval --json, export), check clean, bad input clean"
