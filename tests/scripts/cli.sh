#!/bin/sh
# The command line (docs/archwise.1): exit codes, one-line errors, --help/--version,
# eval/export/check on good and bad input.
set -u
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
fail=0
check() { # want_rc description command...
	want=$1; what=$2; shift 2
	"$@" >out 2>err
	rc=$?
	if [ "$rc" -ne "$want" ]; then
		echo "FAIL $what: exit $rc, want $want"; cat err | head -5; fail=1; return 1
	fi
	if [ "$want" -ne 0 ] && { [ "$(wc -l <err)" -ne 1 ] || ! grep -q '^archwise: ' err; }; then
		echo "FAIL $what: stderr is not one 'archwise:' line:"; cat err | head -5; fail=1; return 1
	fi
	echo "ok   $what"
}
A=$ARCHWISE
check 0 "--help" "$A" --help && grep -q 'archwise eval FILE' out || { echo "FAIL help text"; fail=1; }
check 0 "--version" "$A" --version && grep -Eq '^archwise [0-9]+\.[0-9]+' out || { echo "FAIL version"; fail=1; }
check 2 "unknown option" "$A" --frobnicate
check 2 "unknown command" "$A" frobnicate
check 2 "eval without a file" "$A" eval
check 2 "eval of a missing file" "$A" eval missing.yaml
grep -q 'missing.yaml' err || { echo "FAIL: error does not name the file"; fail=1; }
check 2 "option without its value" "$A" eval x.yaml --questionnaire
check 2 "wizard without a terminal" "$A"

printf 'questionnaire: k8s-vs-serverless\nanswers:\n  traffic_pattern: steady\n' >good.yaml
check 0 "eval" "$A" eval good.yaml
check 0 "eval --json" "$A" eval good.yaml --json
python3 -c 'import json,sys; d=json.load(open("out")); [d[k] for k in ("questionnaire","recommendation","confidence","ranking","matrix","rules","case_studies","cost","sensitivity")]' \
	|| { echo "FAIL eval --json keys"; fail=1; }
printf '{"questionnaire": "k8s-vs-serverless", "answers": {"traffic_pattern": "steady"}}' >good.json
"$A" eval good.json --json >json.out 2>&1 && cmp -s json.out out \
	&& echo "ok   JSON answers give the same result as YAML" || { echo "FAIL JSON answers differ from YAML"; fail=1; }

# several files (a CI run over many services): every file evaluated, worst exit code
printf 'answers:\n  traffic_pattern: sometimes\n' >badopt.yaml
"$A" eval good.yaml badopt.yaml good.json --json >batch.json 2>batch.err; rc=$?
python3 -c '
import json
d = json.load(open("batch.json"))
assert [x["file"] for x in d] == ["good.yaml", "badopt.yaml", "good.json"], d
assert d[0]["result"]["recommendation"] == d[2]["result"]["recommendation"]
assert "badopt.yaml:2:" in d[1]["error"] and "result" not in d[1]
' && [ $rc -eq 2 ] && [ "$(grep -c . batch.err)" -eq 1 ] \
	&& echo "ok   eval of several files: one JSON array, exit 2 for the bad one" \
	|| { echo "FAIL eval of several files (rc $rc)"; cat batch.err; fail=1; }
"$A" eval good.yaml good.json >batch.txt 2>&1 && [ "$(grep -c '^== ' batch.txt)" -eq 2 ] \
	&& echo "ok   eval of several files: a summary under each name" || { echo "FAIL eval text batch"; fail=1; }

check 2 "unknown option id" "$A" eval badopt.yaml
grep -q 'badopt.yaml:2:' err && grep -q 'traffic_pattern' err || { echo "FAIL: error lacks file:line or the question"; fail=1; }
printf 'answers:\n  no_such_question: 1\n' >badq.yaml
check 2 "unknown question id" "$A" eval badq.yaml
grep -q 'no_such_question' err || { echo "FAIL: error does not name the question"; fail=1; }
printf 'answers:\n  requests_per_day: -1\n' >range.yaml
check 2 "number out of range" "$A" eval range.yaml
printf 'answers:\n  requests_per_day: lots\n' >type.yaml
check 2 "number of the wrong type" "$A" eval type.yaml
printf 'questionnaire: other\nanswers: {}\n' >otherq.yaml
check 2 "answers for another questionnaire" "$A" eval otherq.yaml
printf 'answers:\n  traffic_pattern: [steady\n' >syntax.yaml
check 2 "YAML syntax error" "$A" eval syntax.yaml
grep -Eq 'syntax.yaml:[0-9]+:[0-9]+:' err || { echo "FAIL: syntax error without line:col"; fail=1; }
printf 'answers: {}\nweights:\n  cost_sensitivity: 9\n' >weight.yaml
check 2 "weight out of 0-5" "$A" eval weight.yaml

check 0 "check the built-in data" "$A" check "$ARCHWISE_ROOT/questionnaires/k8s-vs-serverless.yaml" \
	"$ARCHWISE_ROOT/assets/architectures.yaml" "$ARCHWISE_ROOT/assets/case-studies.yaml" \
	"$ARCHWISE_ROOT/assets/pricing-aws.yaml" good.yaml
sed 's/^id: k8s-vs-serverless/id: k8s-vs-serverless\nbogus_key: 1/' "$ARCHWISE_ROOT/questionnaires/k8s-vs-serverless.yaml" >badq-questionnaire.yaml
"$A" check badq-questionnaire.yaml >out 2>err; rc=$?
want_line=$(grep -n '^bogus_key' badq-questionnaire.yaml | cut -d: -f1)
[ $rc -eq 2 ] && grep -q "badq-questionnaire.yaml:$want_line:1: .*bogus_key" err \
	&& echo "ok   check reports an unknown key with its line" || { echo "FAIL check unknown key (rc $rc)"; cat err; fail=1; }
check 2 "--questionnaire with a bad file" "$A" eval good.yaml --questionnaire badq-questionnaire.yaml

# export: writes, refuses to overwrite (exit 1, nothing changed), --force
check 0 "export" "$A" export good.yaml -o out1 --date 2026-01-01
[ -f out1/decision-record.md ] && [ -f out1/answers.yaml ] && [ -f out1/kubernetes/kustomization.yaml ] \
	&& [ -f out1/knative/service.yaml ] && [ -f out1/serverless/serverless.yml ] \
	&& [ -f out1/fargate/task-definition.json ] && [ -f out1/README.md ] \
	|| { echo "FAIL export layout"; find out1 -type f; fail=1; }
find out1 -type f -exec md5sum {} + | sort >sums1
check 1 "export refuses to overwrite" "$A" export good.yaml -o out1 --date 2026-01-01
find out1 -type f -exec md5sum {} + | sort >sums2
cmp -s sums1 sums2 || { echo "FAIL refused export changed files"; fail=1; }
check 0 "export --force" "$A" export good.yaml -o out1 --date 2026-01-01 --force
check 0 "export again elsewhere" "$A" export good.yaml -o out2 --date 2026-01-01
(cd out1 && find . -type f -exec md5sum {} + | sort) >s1; (cd out2 && find . -type f -exec md5sum {} + | sort) >s2
cmp -s s1 s2 && echo "ok   export is byte-identical twice" || { echo "FAIL export not deterministic"; diff s1 s2; fail=1; }
# The exported answers state every answer, defaults included, so the
# replay's warnings no longer say that some rest on defaults: the rest is
# the same to the byte.
nowarn() { awk '/^\t"warnings":/ { skip = ($0 !~ /\]$/); next } skip && /^\t\]/ { skip = 0; next } !skip' "$1"; }
"$A" eval out1/answers.yaml --json >replay.json 2>&1 && "$A" eval good.yaml --json >orig.json \
	&& nowarn replay.json >replay.nw && nowarn orig.json >orig.nw \
	&& cmp -s replay.nw orig.nw && grep -q '"warnings"' replay.json \
	&& echo "ok   exported answers replay the same decision" \
	|| { echo "FAIL replay differs"; diff replay.nw orig.nw | head; fail=1; }
check 0 "export one target" "$A" export good.yaml -o out3 --target knative --date 2026-01-01
[ ! -e out3/kubernetes ] && [ -f out3/knative/service.yaml ] || { echo "FAIL --target knative"; fail=1; }
check 0 "export --decision-makers" "$A" export good.yaml -o outdm --date 2026-01-01 --decision-makers "Ana Silva, Bo Chen"
grep -q '^decision-makers: "Ana Silva, Bo Chen"$' outdm/decision-record.md && grep -q '^- Bo Chen$' outdm/answers.yaml \
	&& echo "ok   decision makers in the record and the replayable answers" || { echo "FAIL --decision-makers"; fail=1; }
check 2 "export --decision-makers with an empty name" "$A" export good.yaml -o outdm2 --decision-makers "Ana,,Bo"
[ ! -e outdm2 ] || { echo "FAIL: refused --decision-makers wrote something"; fail=1; }
check 2 "export unknown target" "$A" export good.yaml -o out4 --target mainframe
check 2 "export bad date" "$A" export good.yaml -o out4 --date yesterday
printf 'answers:\n  service_name: Not_A_Label\n' >badname.yaml
check 2 "export with a service name that is not DNS-1123" "$A" export badname.yaml -o out5
[ ! -e out5 ] || { echo "FAIL: a refused export wrote something"; fail=1; }
(mkdir -p home && cd home && HOME="$tmp/home" "$A" export ../good.yaml --date 2026-01-01 >/dev/null 2>&1 \
	&& [ -f archwise-out/user-api/decision-record.md ]) && echo "ok   default output folder" \
	|| { echo "FAIL default output folder archwise-out/SERVICE"; fail=1; }
exit $fail
