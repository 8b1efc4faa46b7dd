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
# recheck: every exported record; one that no longer holds; an edited one
rc=0; $vg "$bin" recheck "$tmp"/*/decision-record.md --json >/dev/null || rc=$?
[ "$rc" -eq 0 ] || { echo "valgrind: recheck of the exported records gave $rc"; exit 1; }
rc=0; $vg "$bin" recheck "$tmp"/spiky-startup/decision-record.md --set 'hardware=[gpu]' >/dev/null || rc=$?
[ "$rc" -eq 3 ] || { echo "valgrind: recheck --set gave $rc"; exit 1; }
sed 's/^  memory_mb: .*/  memory_mb: 300/' "$tmp"/spiky-startup/decision-record.md >"$tmp/edited.md"
rc=0; $vg "$bin" recheck "$tmp/edited.md" >/dev/null 2>&1 || rc=$?
[ "$rc" -eq 2 ] || { echo "valgrind: recheck of an edited record gave $rc"; exit 1; }
printf 'answers: {requests_per_day: -5}\n' >"$tmp/bad.yaml"
rc=0; $vg "$bin" eval "$tmp/bad.yaml" >/dev/null 2>&1 || rc=$?
[ "$rc" -eq 2 ] || { echo "valgrind: bad input gave $rc"; exit 1; }
# error paths (every diag freed) and the other readers: the fuzz seeds,
# a questionnaire with too many options, a log with a bad line, a scan
m=0
for f in fuzz/seeds/fuzz_answers/* fuzz/regressions/*/*; do
	[ -f "$f" ] || continue
	rc=0; $vg "$bin" check "$f" >/dev/null 2>&1 || rc=$?
	[ "$rc" -ne 99 ] || { echo "valgrind: check $f"; exit 1; }
	m=$((m + 1))
done
python3 - "$tmp" <<'P'
import sys
d = sys.argv[1]
head = open("questionnaires/k8s-vs-serverless.yaml").read()
i = head.index("\nrules:")
opts = ", ".join("{id: o%d, label: O%d}" % (k, k) for k in range(65))
open(d + "/q65.yaml", "w").write(head[:i] + "\n  - id: x\n    title: X\n    questions:\n"
    "      - {id: many, text: Pick, kind: multiple, options: [%s]}\n" % opts + head[i:])
ok = '203.0.113.9 - - [10/Oct/2026:13:55:36 +0000] "GET /a HTTP/1.1" 200 512 "-" "curl/8"\n'
open(d + "/access.log", "w").write(ok * 50 + "garbage \x1b[31m line\n" + ok * 50)
P
rc=0; $vg "$bin" check "$tmp/q65.yaml" >/dev/null 2>&1 || rc=$?
[ "$rc" -eq 2 ] || { echo "valgrind: bad questionnaire gave $rc"; exit 1; }
$vg "$bin" traffic "$tmp/access.log" >/dev/null 2>&1
$vg "$bin" scan tests/fixtures/scan >/dev/null 2>&1 || { rc=$?; [ "$rc" -ne 99 ] || { echo "valgrind: scan"; exit 1; }; }
echo "valgrind: $n answer sets clean (eval, eval --json, export), check clean, bad input clean"
echo "valgrind: $m seed/regression files through check, a bad questionnaire, traffic, scan clean"
