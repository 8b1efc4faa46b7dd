#!/bin/sh
# `archwise scan`: the fixture repositories end to end, text and --json,
# --write-answers (valid for eval, refused without --force), exit codes and
# one-line errors.
set -u
command -v python3 >/dev/null 2>&1 || { echo "python3 is not installed: run sh scripts/deps.sh test"; exit 77; }
F="$ARCHWISE_ROOT/tests/fixtures/scan"
A=$ARCHWISE
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
fail=0
check() { # want_rc description command...
	want=$1; what=$2; shift 2
	"$@" >out 2>err
	rc=$?
	if [ "$rc" -ne "$want" ]; then
		echo "FAIL $what: exit $rc, want $want"; head -5 err; fail=1; return 1
	fi
	if [ "$want" -ne 0 ] && { [ "$(wc -l <err)" -ne 1 ] || ! grep -q '^archwise: ' err; }; then
		echo "FAIL $what: stderr is not one 'archwise:' line:"; head -5 err; fail=1; return 1
	fi
	echo "ok   $what"
}
has() { # line expected in out
	grep -qxF "$1" out || { echo "FAIL missing line: $1"; fail=1; }
}

check 0 "node-api text" "$A" scan "$F/node-api"
has "container_port = 3000  (Dockerfile:11: EXPOSE 3000)"
has "runtime = nodejs22.x  (Dockerfile:2: FROM node:22-alpine AS build)"
has "memory_mb = 512  (k8s/deployment.yaml:27: memory: 512Mi)"
has "existing_investments = kubernetes_cluster  (k8s/deployment.yaml:2: kind: Deployment)"
# Every line has the documented shape.
if grep -vqE '^[a-z_]+ = [^ ]+  \([^:]+(:[0-9]+)?: .*\)$' out; then
	echo "FAIL a line does not read 'question = value  (file:line: evidence)'"; fail=1
fi

check 0 "sls-python --json" "$A" scan "$F/sls-python" --json
python3 - <<'PY' || { echo "FAIL sls-python JSON"; fail=1; }
import json
d = json.load(open("out"))
a = d["answers"]
assert a["workload_type"] == "mixed", a
assert a["runtime"] == "python3.13", a
assert a["memory_mb"] == 512, a
assert a["dev_workflow"] == "functions", a
assert a["state"] == "external_state", a
assert a["existing_investments"] == ["cloud_managed_services"], a
keys = {"question", "value", "file", "line", "evidence"}
assert all(keys <= set(f) for f in d["findings"]), d["findings"]
assert any(f["file"] == "serverless.yml" and f["line"] == 23 and f["value"] == "event_processing"
           for f in d["findings"])
PY

check 0 "empty repository" "$A" scan "$F/empty"
{ grep -q '^no findings' out && ! grep -q ' = ' out; } || { echo "FAIL empty repository: $(cat out)"; fail=1; }

# Written answers replay through eval, and say what the repository said.
check 0 "gpu-training --write-answers" "$A" scan "$F/gpu-training" --write-answers gpu.yaml
python3 - <<'PY' || { echo "FAIL gpu.yaml content"; fail=1; }
import re
t = open("gpu.yaml").read()
for want in (r"state: stateful", r"longest_task: over_15min", r"hardware: \[gpu, high_memory\]",
             r"memory_mb: 16384", r"workload_type: batch_jobs", r"service_name: trainer"):
    assert re.search(r"(?m)^  " + want + r"\s*$", t), want
PY
check 0 "eval the written answers" "$A" eval gpu.yaml --json
python3 -c 'import json; d = json.load(open("out")); assert d["recommendation"] != "serverless", d["recommendation"]' \
	|| { echo "FAIL a GPU, stateful, 2-hour job should not get functions"; fail=1; }
cp gpu.yaml before.yaml
check 1 "refuses to overwrite" "$A" scan "$F/compose-app" --write-answers gpu.yaml
cmp -s gpu.yaml before.yaml || { echo "FAIL a refused write changed the file"; fail=1; }
check 0 "--force overwrites" "$A" scan "$F/compose-app" --write-answers gpu.yaml --force
grep -q '^  state: external_state' gpu.yaml || { echo "FAIL --force did not write"; fail=1; }
ln -s before.yaml link.yaml
check 1 "refuses a symlink target" "$A" scan "$F/compose-app" --write-answers link.yaml --force

# Round trip: the starter files of a GPU workload read back as a GPU
# workload (the nvidia.com/gpu limit), for every target's files together.
check 0 "export a GPU bundle" "$A" export "${ARCHWISE_ROOT:?}/tests/cases/gen-gpu-events/answers.yaml" -o gpu-bundle --date 2026-01-01
check 0 "scan the exported GPU bundle" "$A" scan gpu-bundle --write-answers gpu-back.yaml
grep -q '^  hardware: \[gpu, high_memory\]$' gpu-back.yaml ||
	{ echo "FAIL the GPU was lost on the export/scan round trip:"; grep hardware gpu-back.yaml; fail=1; }

check 2 "no folder" "$A" scan
check 2 "missing folder" "$A" scan "$tmp/nope"
check 2 "a file, not a folder" "$A" scan before.yaml
check 2 "unknown option" "$A" scan "$F/empty" --bogus
check 2 "two folders" "$A" scan "$F/empty" "$F/empty"
check 2 "--write-answers without a value" "$A" scan "$F/empty" --write-answers
check 0 "--help" "$A" scan --help
grep -q 'archwise scan DIR' out || { echo "FAIL --help"; fail=1; }

exit $fail
