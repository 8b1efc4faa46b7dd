#!/bin/sh
# Generated starter files checked by the tools that consume them: every
# Kubernetes and Knative object against the OpenAPI schemas of
# kubernetes-models (unknown fields rejected) and Knative's own admission
# rules, `kubectl kustomize`, yamllint, `osls print` (Serverless Framework v3
# schema, configValidationMode: error) and `osls package` (the CloudFormation
# it makes, against the CDK's resource specification, with AWS name limits),
# Fargate's task-size rules, Cloud Run's limits, Container Apps against the
# Azure SDK's models, and the functions projects of Google Cloud and Azure
# parsed in their languages. Also: the same export twice is byte-identical,
# and tampered files are rejected (the checks can fail).
set -u
root=${ARCHWISE_ROOT:-$(pwd)}
bin=${ARCHWISE:-$root/archwise}
val=$root/tests/validators

need() {
	command -v "$1" >/dev/null 2>&1 || { echo "$1 is not installed: run sh scripts/deps.sh test"; exit 77; }
}
# scripts/deps.sh puts a kubectl here where the system has none
[ -x "$root/tests/tools/kubectl/bin/kubectl" ] && PATH="$PATH:$root/tests/tools/kubectl/bin"
need kubectl
need yamllint
need python3
need shellcheck
need javac
. "$root/tests/scripts/node-tools.inc"
need_node_tools "$val"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
fail=0
bad() { echo "FAIL: $*"; fail=1; }

cases=""
for a in "$root"/tests/cases/gen-*/answers.yaml "$root"/tests/cases/defaults/answers.yaml \
	 "$root"/tests/cases/record-hostile/answers.yaml; do
	[ -f "$a" ] || continue
	name=$(basename "$(dirname "$a")")
	if ! "$bin" export "$a" -o "$tmp/$name" --date 2026-01-01 >/dev/null 2>"$tmp/$name.err"; then
		bad "export $name: $(cat "$tmp/$name.err")"; continue
	fi
	"$bin" export "$a" -o "$tmp/$name.again" --date 2026-01-01 >/dev/null 2>&1 || bad "second export $name"
	diff -r "$tmp/$name" "$tmp/$name.again" >/dev/null || bad "$name: two exports differ"
	cases="$cases $name"
done
[ -n "$cases" ] || { echo "no answer sets"; exit 1; }
echo "bundles:$cases"

# Kubernetes + Knative objects (and Cloud Run's, Knative Serving v1 form):
# schema and unknown fields, in one node run.
manifests=""
for c in $cases; do
	for f in "$tmp/$c"/kubernetes/*.yaml "$tmp/$c"/knative/*.yaml "$tmp/$c"/cloudrun/*.yaml; do
		[ -f "$f" ] || continue
		[ "$(basename "$f")" = kustomization.yaml ] && continue
		manifests="$manifests $f"
	done
done
# shellcheck disable=SC2086
node "$val/validate-k8s.mjs" $manifests || bad "validate-k8s"
# Knative's own admission rules (reserved ports, env vars and paths, the
# pod fields it allows), with the config-features flags the bundle's README
# tells the reader to enable.
for c in $cases; do
	[ -f "$tmp/$c/knative/service.yaml" ] || continue
	flags=$(grep -o '`kubernetes\.podspec-[a-z-]*`' "$tmp/$c/README.md" | tr -d '`' | sort -u | paste -sd, -)
	node "$val/check-knative.mjs" --features "$flags" "$tmp/$c/knative/service.yaml" || bad "check-knative $c"
done
# Cloud Run: Knative's rules with Cloud Run's limits; Container Apps: the
# Azure SDK's models and the CPU/memory pairs.
runs=$(find "$tmp" -path "$tmp/*.again" -prune -o -path '*/cloudrun/service.yaml' -print)
acas=$(find "$tmp" -path "$tmp/*.again" -prune -o -path '*/containerapps/*.yaml' -print)
[ -n "$runs" ] || bad "no answer set gives Cloud Run files (provider: gcp)"
[ -n "$acas" ] || bad "no answer set gives Container Apps files (provider: azure)"
# shellcheck disable=SC2086
node "$val/check-cloudrun.mjs" $runs || bad "check-cloudrun"
# shellcheck disable=SC2086
node "$val/check-containerapps.mjs" $acas || bad "check-containerapps"
# GPU answers give GPU objects: the limit in every workload and a GPU pool.
gpus=0
for c in $cases; do
	grep -q 'hardware:.*gpu' "$tmp/$c/answers.yaml" || continue
	gpus=$((gpus + 1))
	for f in "$tmp/$c"/kubernetes/deployment.yaml "$tmp/$c"/kubernetes/statefulset.yaml \
		 "$tmp/$c"/kubernetes/cronjob.yaml "$tmp/$c"/knative/service.yaml; do
		[ -f "$f" ] || continue
		grep -q 'nvidia.com/gpu: "1"' "$f" || bad "$c: $(basename "$f") has no nvidia.com/gpu limit"
		grep -q 'nvidia.com/gpu.present: "true"' "$f" || bad "$c: $(basename "$f") has no GPU node selector"
		grep -q 'key: nvidia.com/gpu' "$f" || bad "$c: $(basename "$f") has no GPU toleration"
	done
done
[ "$gpus" -ge 1 ] || bad "no answer set asks for a GPU (tests/cases/gen-gpu-events)"
# The custom runtime's bootstrap is written executable.
for f in $(find "$tmp" -path '*/serverless/bootstrap'); do
	[ "$(stat -c %a "$f")" = 755 ] || bad "$f is mode $(stat -c %a "$f"), not 755"
done
# A batch_jobs answer set gives a CronJob (checked above) and none of the
# objects of a served workload.
cronjobs=0
for c in $cases; do
	[ -f "$tmp/$c/kubernetes/cronjob.yaml" ] || continue
	cronjobs=$((cronjobs + 1))
	grep -q '^kind: CronJob$' "$tmp/$c/kubernetes/cronjob.yaml" || bad "$c: cronjob.yaml is not a CronJob"
	for f in deployment statefulset service hpa ingress pdb; do
		[ -e "$tmp/$c/kubernetes/$f.yaml" ] && bad "$c: a CronJob bundle has $f.yaml"
	done
done
[ "$cronjobs" -ge 1 ] || bad "no answer set gives a CronJob (tests/cases/gen-cronjob)"

for c in $cases; do
	if [ -d "$tmp/$c/kubernetes" ]; then
		kubectl kustomize "$tmp/$c/kubernetes" >"$tmp/$c.kustomized.yaml" 2>"$tmp/$c.kerr" ||
			bad "kubectl kustomize $c: $(cat "$tmp/$c.kerr")"
		n=$(grep -c '^kind:' "$tmp/$c.kustomized.yaml")
		m=$(grep -c '^- ' "$tmp/$c/kubernetes/kustomization.yaml")
		[ "$n" = "$m" ] || bad "$c: kustomize built $n objects, kustomization lists $m"
	fi
done

yamls=$(find "$tmp" -path "$tmp/*.again" -prune -o \( -name '*.yaml' -o -name '*.yml' \) -print | grep -v kustomized | grep -v '/answers.yaml$')
# shellcheck disable=SC2086
yamllint -s -c "$val/yamllint.yaml" $yamls || bad "yamllint"

mkdir -p "$tmp/home"
cfns=""
for c in $cases; do
	[ -f "$tmp/$c/serverless/serverless.yml" ] || continue
	if ! (cd "$tmp/$c/serverless" && HOME="$tmp/home" SLS_TELEMETRY_DISABLED=1 SLS_NOTIFICATIONS_MODE=off \
		"$val/node_modules/.bin/osls" print >"$tmp/$c.print" 2>&1); then
		bad "osls print $c:"; tail -n 15 "$tmp/$c.print"
	fi
	# The CloudFormation the framework makes, with the longest stage the
	# names are sized for (10 characters), offline. Java is packaged from
	# its jar, built as the README says.
	if grep -q 'artifact: target/handler.jar' "$tmp/$c/serverless/serverless.yml"; then
		(cd "$tmp/$c/serverless" && javac -d build src/main/java/com/example/Handler.java &&
			mkdir -p target && jar cf target/handler.jar -C build .) || bad "$c: cannot build the Java handler"
	fi
	if (cd "$tmp/$c/serverless" && HOME="$tmp/home" SLS_TELEMETRY_DISABLED=1 SLS_NOTIFICATIONS_MODE=off \
		"$val/node_modules/.bin/osls" package --stage stage10chr >"$tmp/$c.package" 2>&1); then
		cfns="$cfns $tmp/$c/serverless/.serverless/cloudformation-template-update-stack.json"
	else
		bad "osls package $c:"; tail -n 15 "$tmp/$c.package"
	fi
done
[ -n "$cfns" ] || bad "no CloudFormation template was packaged"
# shellcheck disable=SC2086
node "$val/check-cfn.mjs" $cfns || bad "check-cfn"

# The functions projects of Google Cloud and Azure parse in their language.
for f in $(find "$tmp" -path "$tmp/*.again" -prune -o -path '*/functions/*' -type f -print); do
	case "$f" in
	*.js) node --check "$f" || bad "node --check $f" ;;
	*.py) python3 -c 'import ast, sys; ast.parse(open(sys.argv[1]).read())' "$f" || bad "python syntax $f" ;;
	*.json) node -e 'JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"))' "$f" || bad "JSON $f" ;;
	*.java)
		if command -v javac >/dev/null 2>&1 && ! grep -q 'com.google.cloud.functions' "$f"; then
			mkdir -p "$tmp/classes" && javac -d "$tmp/classes" "$f" || bad "javac $f"
		fi ;;
	*.go)
		if command -v gofmt >/dev/null 2>&1; then gofmt -l "$f" >/dev/null || bad "gofmt $f"; fi ;;
	esac
done

# Handler stubs compile in their language (node --check, python's parser,
# sh -n and shellcheck, javac).
printf 'questionnaire: k8s-vs-serverless\nanswers:\n  runtime: java21\n  workload_type: streaming\n' >"$tmp/java-stream.yaml"
"$bin" export "$tmp/java-stream.yaml" -o "$tmp/java-stream" --target serverless >/dev/null 2>&1 || bad "export java-stream"
stubs=0
for f in $(find "$tmp" -path "$tmp/*.again" -prune -o -path '*/serverless/*' -type f -print); do
	case "$f" in *.mjs | *.py | */bootstrap | *.java) stubs=$((stubs + 1)) ;; esac
	case "$f" in
	*.mjs) node --check "$f" || bad "node --check $f" ;;
	*.py) python3 -c 'import ast, sys; ast.parse(open(sys.argv[1]).read())' "$f" || bad "python syntax $f" ;;
	*/bootstrap)
		sh -n "$f" || bad "sh -n $f"
		shellcheck -s sh "$f" || bad "shellcheck $f" ;;
	*.java)
		mkdir -p "$tmp/classes" && javac -d "$tmp/classes" "$f" || bad "javac $f" ;;
	esac
done
echo "handler stubs checked: $stubs"
[ "$stubs" -ge 5 ] || bad "expected at least 5 handler stubs, found $stubs"

tds=$(find "$tmp" -path "$tmp/*.again" -prune -o -name task-definition.json -print)
if [ -n "$tds" ]; then
	# shellcheck disable=SC2086
	node "$val/check-fargate.mjs" $tds || bad "check-fargate"
fi

# The checks can fail: an unknown field, a bad Fargate size, a bad
# serverless.yml key must each be rejected.
first=$(echo "$cases" | awk '{print $1}')
deploy=$(ls "$tmp"/*/kubernetes/deployment.yaml | head -n 1)
sed 's/^  revisionHistoryLimit: 5/  revisionHistoryLimit: 5\n  replica: 3/' "$deploy" >"$tmp/tampered.yaml"
node "$val/validate-k8s.mjs" "$tmp/tampered.yaml" >/dev/null 2>&1 && bad "validate-k8s accepted an unknown field"
cron=$(ls "$tmp"/*/kubernetes/cronjob.yaml | head -n 1)
sed 's/^      backoffLimit: 3/      backoffLimit: 3\n      backoffLimits: 3/' "$cron" >"$tmp/tampered-cron.yaml"
node "$val/validate-k8s.mjs" "$tmp/tampered-cron.yaml" >/dev/null 2>&1 && bad "validate-k8s accepted an unknown CronJob job field"
sed 's/^  concurrencyPolicy: Forbid/  concurrencyPolicy: Sometimes/' "$cron" >"$tmp/tampered-cron2.yaml"
node "$val/validate-k8s.mjs" "$tmp/tampered-cron2.yaml" >/dev/null 2>&1 && bad "validate-k8s accepted concurrencyPolicy: Sometimes"
kn=$(ls "$tmp"/*/knative/service.yaml | head -n 1)
sed 's/containerPort: [0-9]*/containerPort: 9090/' "$kn" >"$tmp/kn-port.yaml"
node "$val/check-knative.mjs" "$tmp/kn-port.yaml" >/dev/null 2>&1 && bad "check-knative accepted the reserved port 9090"
sed 's/^      timeoutSeconds: [0-9]*/      timeoutSeconds: 601/' "$kn" >"$tmp/kn-timeout.yaml"
node "$val/check-knative.mjs" "$tmp/kn-timeout.yaml" >/dev/null 2>&1 && bad "check-knative accepted timeoutSeconds 601"
sed 's|mountPath: /tmp|mountPath: /dev/log|' "$kn" >"$tmp/kn-path.yaml"
node "$val/check-knative.mjs" "$tmp/kn-path.yaml" >/dev/null 2>&1 && bad "check-knative accepted the reserved path /dev/log"
sed 's/^      - name: \(.*\)$/      - name: \1\n        env:\n        - name: K_SERVICE\n          value: x/' "$kn" >"$tmp/kn-env.yaml"
node "$val/check-knative.mjs" "$tmp/kn-env.yaml" >/dev/null 2>&1 && bad "check-knative accepted the reserved env var K_SERVICE"
gk=$(grep -l nodeSelector "$tmp"/*/knative/service.yaml | head -n 1)
node "$val/check-knative.mjs" "$gk" >/dev/null 2>&1 && bad "check-knative accepted nodeSelector without its feature flag"
# (the first AWS bundle: a gcp or azure one has no Fargate or serverless.yml)
aws=$(dirname "$(dirname "$(ls "$tmp"/*/fargate/task-definition.json | head -n 1)")")
sed 's/"memory":[[:space:]]*"[0-9]*"/"memory": "1536"/' "$aws/fargate/task-definition.json" >"$tmp/td.json"
node "$val/check-fargate.mjs" "$tmp/td.json" >/dev/null 2>&1 && bad "check-fargate accepted memory 1536"
mkdir -p "$tmp/tampered-sls"
sed 's/^  logRetentionInDays: 30/  logRetentionInDays: 30\n  bogusKey: 1/' "$aws/serverless/serverless.yml" >"$tmp/tampered-sls/serverless.yml"
(cd "$tmp/tampered-sls" && HOME="$tmp/home" SLS_TELEMETRY_DISABLED=1 "$val/node_modules/.bin/osls" print >/dev/null 2>&1) &&
	bad "osls print accepted an unknown provider key"

run=$(echo "$runs" | head -n 1)
sed 's/cpu: "[0-9]*"/cpu: "3"/' "$run" >"$tmp/run-cpu.yaml"
node "$val/check-cloudrun.mjs" "$tmp/run-cpu.yaml" >/dev/null 2>&1 && bad "check-cloudrun accepted 3 CPUs"
sed 's/memory: "[0-9]*Mi"/memory: "40000Mi"/' "$run" >"$tmp/run-mem.yaml"
node "$val/check-cloudrun.mjs" "$tmp/run-mem.yaml" >/dev/null 2>&1 && bad "check-cloudrun accepted 40000Mi"
sed 's|run.googleapis.com/startup-cpu-boost|run.googleapis.com/startup-cpu-bost|' "$run" >"$tmp/run-ann.yaml"
node "$val/check-cloudrun.mjs" "$tmp/run-ann.yaml" >/dev/null 2>&1 && bad "check-cloudrun accepted an unknown annotation"
aca=$(echo "$acas" | grep app.yaml | head -n 1)
sed 's/^    activeRevisionsMode: Single/    activeRevisionsMode: Single\n    activeRevisionMode: Single/' "$aca" >"$tmp/aca-unknown.yaml"
node "$val/check-containerapps.mjs" "$tmp/aca-unknown.yaml" >/dev/null 2>&1 && bad "check-containerapps accepted an unknown property"
sed 's/^\(        memory: \).*/\1"3Gi"/' "$aca" >"$tmp/aca-pair.yaml"
node "$val/check-containerapps.mjs" "$tmp/aca-pair.yaml" >/dev/null 2>&1 && bad "check-containerapps accepted a CPU/memory pair off the table"
sed 's/^      targetPort: [0-9]*/      targetPort: "eighty"/' "$aca" >"$tmp/aca-type.yaml"
node "$val/check-containerapps.mjs" "$tmp/aca-type.yaml" >/dev/null 2>&1 && bad "check-containerapps accepted a string targetPort"
cfn=$(echo "$cfns" | awk '{print $1}')
node -e 'const fs = require("fs"); const t = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
  const [id, r] = Object.entries(t.Resources).find(([, r]) => r.Type === "AWS::Lambda::Function");
  r.Properties.Timeoutt = 3; fs.writeFileSync(process.argv[2], JSON.stringify(t));
  r.Properties = { ...r.Properties, Timeout: "soon" }; delete r.Properties.Timeoutt; fs.writeFileSync(process.argv[3], JSON.stringify(t));
  r.Properties.Timeout = 30; r.Properties.FunctionName = "f".repeat(65); fs.writeFileSync(process.argv[4], JSON.stringify(t));' \
	"$cfn" "$tmp/cfn-unknown.json" "$tmp/cfn-type.json" "$tmp/cfn-name.json"
node "$val/check-cfn.mjs" "$tmp/cfn-unknown.json" >/dev/null 2>&1 && bad "check-cfn accepted an unknown property"
node "$val/check-cfn.mjs" "$tmp/cfn-type.json" >/dev/null 2>&1 && bad "check-cfn accepted a string Timeout"
node "$val/check-cfn.mjs" "$tmp/cfn-name.json" >/dev/null 2>&1 && bad "check-cfn accepted a 65-character function name"

[ "$fail" -eq 0 ] && echo "validate-generated: all checks passed"
exit "$fail"
