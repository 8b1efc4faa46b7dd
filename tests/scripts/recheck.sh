#!/bin/sh
# archwise recheck: a record carries what it needs to be re-evaluated.
# - every tests/cases answers file, exported, rechecks as holding with no
#   changes (exit 0), the same bytes twice, as text and as JSON;
# - a generated traffic log that moves a case across its break-even exits 3
#   and names the crossing; --set hardware=[gpu] on a functions decision
#   exits 3 and names the rule; a record made with an older price table
#   reports the model change; a close call is a warning unless --strict;
# - a record edited by hand, cut short or missing its block exits 2 with
#   one line archwise: FILE:LINE:COL: ...;
# - export --supersedes NNNN writes the new record and marks the old one,
#   both or neither; a superseded record is not rechecked.
set -u
root=${ARCHWISE_ROOT:?}
A=${ARCHWISE:?}
command -v python3 >/dev/null || { echo "python3 missing"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1764547200 LC_ALL=C NO_COLOR=1 HOME="$tmp"
cd "$tmp" || exit 1
fail=0
bad() { echo "FAIL $*"; fail=1; }

# One error line FILE:LINE:COL naming the file, exit 2.
expect_position() { # what file want_line
	"$A" recheck "$2" >out 2>err
	rc=$?
	if [ $rc -ne 2 ]; then
		bad "$1: exit $rc, want 2"; cat out err
	elif [ "$(wc -l <err)" -ne 1 ] || ! grep -Eq "^archwise: $2:[0-9]+:[0-9]+: " err; then
		bad "$1: stderr is not one FILE:LINE:COL line:"; cat err
	elif [ -n "$3" ] && ! grep -q "^archwise: $2:$3:" err; then
		bad "$1: wrong line, want $3:"; cat err
	else
		echo "ok   $1: $(cut -c1-110 err)"
	fi
}

# 1. Every case holds, no changes, byte-stable.
n=0
for answers in "$root"/tests/cases/*/answers.yaml; do
	name=$(basename "$(dirname "$answers")")
	"$A" export "$answers" -o "case-$name" >/dev/null 2>&1 || { bad "$name: export failed"; continue; }
	cp "case-$name/decision-record.md" "$name.md"
	n=$((n + 1))
done
[ $n -ge 10 ] || bad "only $n cases exported"
"$A" recheck ./*.md >first.txt 2>err; rc=$?
[ $rc -eq 0 ] || { bad "cases: exit $rc, want 0"; cat first.txt err; }
"$A" recheck ./*.md >second.txt 2>&1
cmp -s first.txt second.txt || bad "cases: a second recheck printed other bytes"
[ "$(grep -c ': holds: ' first.txt)" -eq $n ] || { bad "cases: not every record holds"; cat first.txt; }
if grep -v ': holds: ' first.txt | grep -v '^  warning: still a close call' | grep -q .; then
	bad "cases: changes reported for unchanged records:"; grep -v ': holds: ' first.txt
else
	echo "ok   $n case records hold, no changes, byte-stable"
fi
"$A" recheck ./*.md --json >cases.json 2>err || bad "cases --json: exit $?"
python3 - cases.json "$n" <<'EOF' || fail=1
import json, sys
lines = open(sys.argv[1]).read().splitlines()
assert len(lines) == int(sys.argv[2]), "one object per file, one per line"
for l in lines:
    o = json.loads(l)
    for k in ("file", "recorded", "now", "holds", "changes", "warnings"):
        assert k in o, k
    assert o["holds"] and o["recorded"] == o["now"] and o["changes"] == [], o
print("ok   --json: one object per line, holds, no changes")
EOF
# The answers files themselves recheck too.
"$A" recheck "$root"/tests/cases/spiky-startup/answers.yaml >out 2>&1 &&
	grep -q ': holds: Serverless functions' out || { bad "answers file"; cat out; }

# 2. A steady log at about 50 million requests a day takes gen-mixed-node
#    (functions, 800,000 a day in a daily cycle) across its break-evens.
python3 - <<'EOF' | gzip >steady.csv.gz
import datetime
t = datetime.datetime(2026, 11, 2)
print("timestamp,count")
for h in range(24 * 14):
    print((t + datetime.timedelta(hours=h)).strftime("%Y-%m-%dT%H:%M:%SZ") + ",2100000")
EOF
"$A" recheck gen-mixed-node.md --traffic steady.csv.gz >out 2>err; rc=$?
if [ $rc -ne 3 ]; then
	bad "--traffic: exit $rc, want 3"; cat out err
elif ! grep -q '^  answer requests_per_day: 800000 -> 50400000$' out ||
     ! grep -q '^  break-even crossed: requests/day 800,000 -> 50,400,000 passes .*Serverless functions and Kubernetes cost the same: Serverless functions USD 75.43 -> USD' out; then
	bad "--traffic: the crossing is not named:"; cat out
else
	echo "ok   --traffic: exit 3, $(grep -m1 'break-even' out | cut -c1-100)"
fi
"$A" recheck gen-mixed-node.md --traffic steady.csv.gz --json >out.json
python3 - out.json <<'EOF' || fail=1
import json, sys
o = json.loads(open(sys.argv[1]).read())
assert not o["holds"] and o["recorded"] == "serverless" and o["now"] != "serverless", o
be = [c for c in o["changes"] if c["kind"] == "break_even"]
assert be and be[0]["old_requests_per_day"] == 800000 and be[0]["new_requests_per_day"] == 50400000, be
assert be[0]["new_monthly_usd"] > be[0]["old_monthly_usd"], be
print("ok   --traffic --json: break_even with old and new monthly cost")
EOF

# 3. A GPU arrives: the functions decision is excluded by a named rule.
"$A" recheck spiky-startup.md --set 'hardware=[gpu]' >out 2>err; rc=$?
if [ $rc -eq 3 ] && grep -q '^  answer hardware: \[\] -> \[gpu\]$' out &&
   grep -q '^  rule faas-gpu now excludes Serverless functions' out; then
	echo "ok   --set hardware=[gpu]: exit 3, rule faas-gpu"
else
	bad "--set hardware=[gpu]: exit $rc"; cat out err
fi
for s in 'hardware=[tpu]' 'memory_mb=lots' 'nosuch=1' 'hardware' 'memory_mb=1e9'; do
	"$A" recheck spiky-startup.md --set "$s" >out 2>err; rc=$?
	[ $rc -eq 2 ] && [ "$(wc -l <err)" -eq 1 ] && [ ! -s out ] ||
		{ bad "--set $s: exit $rc, want 2 and one line"; cat err; }
done

# 4. A close call is a warning; --strict makes it fail. The recorded
#    decision was clear (regulated-bank: hybrid; at 5,000 requests a day
#    functions come within the close margin).
"$A" recheck regulated-bank.md --set requests_per_day=5000 >out 2>&1; rc=$?
grep -q '^  warning: now a close call' out && [ $rc -eq 0 ] ||
	{ bad "close call: exit $rc"; cat out; }
"$A" recheck regulated-bank.md --set requests_per_day=5000 --strict >out 2>&1; rc=$?
[ $rc -eq 3 ] || { bad "close call --strict: exit $rc, want 3"; cat out; }

# 5. A record made with an older price table (an older copy of the assets).
mkdir old-data
cp "$root"/assets/architectures.yaml "$root"/assets/case-studies.yaml old-data/
for p in aws gcp azure; do
	sed -e 's/^date: .*/date: "2025-06-01"/' "$root/assets/pricing-$p.yaml" >"old-data/pricing-$p.yaml"
done
"$A" export "$root"/tests/cases/steady-enterprise/answers.yaml --data-dir old-data -o old >/dev/null ||
	bad "export with the older price table"
"$A" recheck old/decision-record.md >out 2>&1; rc=$?
if [ $rc -eq 0 ] && grep -q '^  model changed since the record: prices of 2025-06-01 -> ' out; then
	echo "ok   older price table: $(sed -n 2p out)"
else
	bad "older price table: exit $rc"; cat out
fi

# 6. Strict reading: edits inside the block, cuts, foreign files.
rec=spiky-startup.md
l=$(grep -n '^  memory_mb: ' $rec | cut -d: -f1)
sed 's/^  memory_mb: .*/  memory_mb: 300/' $rec >edited.md
expect_position "a valid answer edited" edited.md "$(grep -n '^digest: ' $rec | cut -d: -f1)"
sed 's/^  memory_mb: .*/  memory_mb: lots/' $rec >invalid.md
expect_position "an invalid answer" invalid.md "$l"
sed 's/^chosen: .*/chosen: mainframe/' $rec >chosen.md
expect_position "an unknown choice" chosen.md "$(grep -n '^chosen: ' $rec | cut -d: -f1)"
sed '/^prices: /d' $rec >noprices.md
expect_position "a metadata line removed" noprices.md ""
head -n $(($(wc -l <$rec) - 3)) $rec >cut.md
expect_position "cut inside the block" cut.md "$(($(wc -l <cut.md) + 1))"
head -c 20000 $rec >cut2.md
expect_position "cut before the block" cut2.md ""
printf -- '---\nstatus: accepted\n---\n\n# Use Postgres\n' >foreign.md
expect_position "a record archwise did not write" foreign.md "6"
# Prose edits outside the block are fine.
sed 's/^# Choose/# We chose/' $rec >prose.md
"$A" recheck prose.md >/dev/null 2>&1 || bad "an edit outside the block was refused"
# CRLF line endings (a Windows checkout) read the same.
sed 's/$/\r/' $rec >crlf.md
"$A" recheck crlf.md >/dev/null 2>&1 || bad "a CRLF record was refused"
# Several files: every one is reported, the worst exit wins.
"$A" recheck $rec edited.md >out 2>err; rc=$?
[ $rc -eq 2 ] && grep -q ': holds: ' out || bad "mixed files: exit $rc"

# 7. --supersedes: the new record and the old one's status, both or neither.
mkdir adr
"$A" export "$root"/tests/cases/spiky-startup/answers.yaml -o b1 --adr-dir adr >/dev/null || bad "adr export"
# (each record with its cost chart, NNNN-slug-cost.svg, beside it)
records() { ls adr | grep '\.md$'; }
first=$(records)
sed 's/^  hardware: \[\]/  hardware: [gpu]/' "$root"/tests/cases/spiky-startup/answers.yaml >gpu.yaml
cp "adr/$first" before.md
mkdir b-taken; echo mine >b-taken/decision-record.md
"$A" export gpu.yaml -o b-taken --adr-dir adr --supersedes 1 >out 2>err; rc=$?
if [ $rc -ne 1 ] || [ "$(records)" != "$first" ] || [ "$(ls adr | wc -l)" -ne 2 ] ||
   ! cmp -s before.md "adr/$first"; then
	bad "--supersedes with a refused bundle: exit $rc, changed: $(ls adr)"
else
	echo "ok   --supersedes refused: neither record changed"
fi
"$A" export gpu.yaml -o b2 --adr-dir adr --supersedes 0001 >out 2>err || { bad "--supersedes: exit $?"; cat err; }
second=$(records | grep -v "^$first\$")
if [ "$(records | wc -l)" -eq 2 ] && [ -f "adr/${second%.md}-cost.svg" ] &&
   grep -q "^status: superseded by \[ADR-0002\]($second)\$" "adr/$first" &&
   grep -q '^status: proposed$' "adr/$second"; then
	echo "ok   --supersedes: $first superseded by $second"
else
	bad "--supersedes: $(ls adr)"; head -3 "adr/$first"
fi
"$A" recheck adr/*.md --set 'hardware=[gpu]' >out 2>&1; rc=$?
[ $rc -eq 0 ] && grep -q "$first: superseded by .*; not rechecked" out ||
	{ bad "superseded record: exit $rc"; cat out; }
for args in "--supersedes 9" "--supersedes x1" ; do
	# shellcheck disable=SC2086
	"$A" export gpu.yaml -o b3 --adr-dir adr $args >out 2>err; rc=$?
	[ $rc -eq 2 ] && [ ! -e b3 ] && [ "$(ls adr | wc -l)" -eq 4 ] || bad "$args: exit $rc"
done
"$A" export gpu.yaml -o b4 --supersedes 1 >out 2>err; rc=$?
[ $rc -eq 2 ] || bad "--supersedes without --adr-dir: exit $rc"

# 8. Every --json object above and one of each change kind follow the
#    documented schema (docs/recheck.schema.json); the checker
#    itself refuses a wrong object.
{
	cat cases.json out.json
	"$A" recheck spiky-startup.md --set 'hardware=[gpu]' --json
	"$A" recheck old/decision-record.md --json
	"$A" recheck regulated-bank.md --set requests_per_day=5000 --strict --json
	"$A" recheck adr/*.md --json
	"$A" recheck "$root"/tests/cases/spiky-startup/answers.yaml --json
} >all.jsonl 2>/dev/null
schema="$root/docs/recheck.schema.json"
check="$root/tests/tools/check_schema.py"
for k in answer break_even rule model close_call; do
	grep -q "\"kind\":\"$k\"" all.jsonl || bad "no $k change in the schema sample"
done
python3 "$check" "$schema" all.jsonl >out 2>&1 || { bad "--json against the schema:"; cat out; }
grep -q ' 0 problems$' out && echo "ok   $(cat out)"
head -n 1 all.jsonl | sed 's/"holds":true/"holds":"yes"/' >wrong.jsonl
python3 "$check" "$schema" wrong.jsonl >/dev/null 2>&1 && bad "the schema check accepted holds: \"yes\""
# archwise check reads records as recheck does.
"$A" check spiky-startup.md >/dev/null 2>&1 || bad "check of a record"
"$A" check edited.md >/dev/null 2>err; rc=$?
[ $rc -eq 2 ] && grep -q '^archwise: edited.md:[0-9]*:[0-9]*: ' err || bad "check of an edited record: exit $rc"

[ $fail -eq 0 ] && echo "recheck: all ok"
exit $fail
