#!/bin/sh
# docs/eval.schema.json against real output: `archwise eval --json` of every
# tests/cases/*/answers.yaml, and of several files at once (a bad one
# included), validated with a real JSON Schema validator (python3-jsonschema,
# draft 2020-12). Outputs edited to break the schema must fail it.
set -u
root=${ARCHWISE_ROOT:?}
A=${ARCHWISE:?}
python3 -c 'from jsonschema import Draft202012Validator' 2>/dev/null ||
	{ echo "skip: python3-jsonschema is not installed (scripts/deps.sh test)"; exit 77; }
schema="$root/docs/eval.schema.json"
check() { python3 "$root/tests/tools/validate-json.py" "$schema" "$@"; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
n=0
for answers in "$root"/tests/cases/*/answers.yaml; do
	name=$(basename "$(dirname "$answers")")
	"$A" eval "$answers" --json >"$tmp/$name.json" 2>"$tmp/$name.err" ||
		{ echo "FAIL $name: eval failed: $(cat "$tmp/$name.err")"; fail=1; continue; }
	n=$((n + 1))
done
[ "$n" -gt 0 ] || { echo "FAIL no cases"; exit 1; }
check "$tmp"/*.json || fail=1
# Several files: an array of {file, result} and {file, error}.
first=$(ls "$root"/tests/cases/*/answers.yaml | head -n 1)
"$A" eval "$first" "$root/tests/cases/bad/answers-unknown-question.yaml" --json >"$tmp/many.out" 2>/dev/null
[ $? -eq 2 ] || { echo "FAIL eval with a bad file: exit is not 2"; fail=1; }
grep -q '"error"' "$tmp/many.out" || { echo "FAIL eval with a bad file: no error entry"; fail=1; }
check "$tmp/many.out" || fail=1
# The schema can fail: a key missing, an unknown key, a value out of range.
mkdir "$tmp/broken"
python3 - "$tmp/defaults.json" "$tmp/broken" <<'PY'
import json, sys
src, out = sys.argv[1], sys.argv[2]
base = json.load(open(src))
def write(name, d):
    json.dump(d, open(f"{out}/{name}.json", "w"))
d = json.loads(json.dumps(base)); del d["ranking"]; write("no-ranking", d)
d = json.loads(json.dumps(base)); d["extra"] = 1; write("unknown-key", d)
d = json.loads(json.dumps(base)); d["recommendation"] = "mainframe"; write("bad-architecture", d)
d = json.loads(json.dumps(base)); d["ranking"][0]["score"] = 101; write("score-over-100", d)
d = json.loads(json.dumps(base)); d["cost"]["monthly_usd"]["kubernetes"] = -1; write("negative-cost", d)
d = json.loads(json.dumps(base)); del d["cost"]["breakdown"]["hybrid"]; write("no-hybrid-breakdown", d)
PY
for f in "$tmp"/broken/*.json; do
	if check "$f" >/dev/null; then
		echo "FAIL the schema accepts $(basename "$f" .json)"; fail=1
	else
		echo "ok   the schema refuses $(basename "$f" .json)"
	fi
done
[ "$fail" -eq 0 ] && echo "eval --json: $n cases and a multi-file run valid against docs/eval.schema.json"
exit "$fail"
