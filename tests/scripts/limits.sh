#!/bin/sh
# Limits (issue #6, docs/security.md): each one on both sides of the
# line (accepted at the limit, refused with exit 2 and a message above it),
# and no escape sequence from a data file, an answers file or a log reaches
# the terminal through eval (text and JSON), check, errors or traffic.
set -u
: "${ARCHWISE:?ARCHWISE must be the path of the binary}"
root=${ARCHWISE_ROOT:-$(pwd)}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
fail=0
ESC=$(printf '\033')
C1=$(printf '\302\233')   # U+009B, CSI on terminals that honour C1

ok() { echo "ok   $*"; }
bad() { echo "FAIL $*"; fail=1; }

# run NAME WANT_RC [GREP] -- CMD...: exit status WANT_RC, stderr matching GREP
# (an extended regex; empty = anything), no ESC or C1 byte on either stream.
run() {
	name=$1 want=$2 pat=$3; shift 4
	"$@" >out 2>err
	rc=$?
	if [ "$rc" -ne "$want" ]; then
		bad "$name: exit $rc, want $want"; head -c 400 err; echo
	elif [ -n "$pat" ] && ! grep -Eq -- "$pat" err; then
		bad "$name: stderr lacks /$pat/"; head -c 400 err; echo
	elif grep -q "$ESC" out err || grep -q "$C1" out err; then
		bad "$name: an escape sequence reached the terminal"; cat -v err out | head -n 5
	else
		ok "$name${pat:+: $(grep -Em1 -- "$pat" err | cut -c1-120)}"
	fi
}

Q="$root/questionnaires/k8s-vs-serverless.yaml"
hdr='questionnaire: k8s-vs-serverless
answers:
  traffic_pattern: steady
'

# --- file size: 16 MiB (FILE_MAX_BYTES), any file read as data or answers
python3 - <<'P'
hdr = "questionnaire: k8s-vs-serverless\nanswers:\n  traffic_pattern: steady\n"
limit = 16 * 1024 * 1024
pad = limit - len(hdr)
body = ("#" + "x" * 98 + "\n") * (pad // 100)
rest = pad - len(body)
open("at-limit.yaml", "w").write(hdr + body + "#" * (rest - 1) + "\n")
open("over-limit.yaml", "w").write(hdr + body + "#" * rest + "\n")
P
run "file of 16 MiB accepted" 0 "" -- "$ARCHWISE" eval at-limit.yaml
run "file of 16 MiB + 1 byte refused" 2 'file too large' -- "$ARCHWISE" eval over-limit.yaml
run "questionnaire over 16 MiB refused" 2 'file too large' -- "$ARCHWISE" eval at-limit.yaml --questionnaire over-limit.yaml

# --- answers: nesting depth 16, 10000 mapping keys
python3 - <<'P'
open("depth-ok.yaml", "w").write("answers:\n  hardware: [gpu]\nweights: {traffic_pattern: 1}\n")
open("depth-17.yaml", "w").write("answers:\n  hardware: " + "[" * 16 + "]" * 16 + "\n")
open("depth-17.json", "w").write('{"answers": {"hardware": ' + "[" * 16 + "]" * 16 + "}}")
keys = "".join("  k%d: 1\n" % i for i in range(10001))
open("keys.yaml", "w").write("questionnaire: k8s-vs-serverless\nanswers: {}\nx:\n" + keys)
open("keys.json", "w").write('{"x": {' + ",".join('"k%d": 1' % i for i in range(10001)) + "}}")
P
run "answers nested 3 deep accepted" 0 "" -- "$ARCHWISE" eval depth-ok.yaml
run "answers nested 17 deep refused (YAML)" 2 'nested too deeply \(more than 16' -- "$ARCHWISE" eval depth-17.yaml
run "answers nested 17 deep refused (JSON)" 2 'nested too deeply|more than 16' -- "$ARCHWISE" eval depth-17.json
python3 - <<'P'
open("items.yaml", "w").write("questionnaire: k8s-vs-serverless\ndecision_makers: [" + ",".join(["x"] * 10001) + "]\n")
open("items-ok.yaml", "w").write("questionnaire: k8s-vs-serverless\ndecision_makers: [" + ",".join(["x"] * 9999) + "]\n")
open("items.json", "w").write('{"decision_makers": [' + ",".join(['"x"'] * 15000) + "]}")
open("items-big.json", "w").write('{"decision_makers": [' + ",".join(['"x"'] * 3000000) + "]}")
s = open("%s/assets/architectures.yaml" % __import__("os").environ.get("ARCHWISE_ROOT", ".")).read()
i = s.index("strengths:")
open("items-arch.yaml", "w").write(s[:i] + "strengths: [" + ",".join(["x"] * 600000) + "]" + s[s.index("\n", i):])
P
run "9999 list items accepted" 0 "" -- "$ARCHWISE" eval items-ok.yaml
run "10001 list items refused (YAML)" 2 'too many list items \(more than 10000\)' -- "$ARCHWISE" eval items.yaml
run "15000 list items refused (JSON)" 2 'too many list items \(more than 10000\)' -- "$ARCHWISE" eval items.json
run "3 million list items refused before parsing (JSON)" 2 'too many keys and list items' -- "$ARCHWISE" eval items-big.json
run "600000 list items refused (data file)" 2 'too many list items \(more than 500000\)' -- "$ARCHWISE" check items-arch.yaml
run "10001 keys refused (YAML)" 2 'too many keys \(more than 10000\)' -- "$ARCHWISE" eval keys.yaml
run "10001 keys refused (JSON)" 2 'too many keys \(more than 10000\)' -- "$ARCHWISE" eval keys.json

# --- questionnaires: nesting depth 64
python3 -c "print('id: x\nsections: ' + '['*70 + ']'*70)" >deep-q.yaml
run "questionnaire nested 70 deep refused" 2 'nested too deeply' -- "$ARCHWISE" check deep-q.yaml

# --- text answers: max_length (service_name 49, container_image 255), control characters
long63=$(python3 -c "print('a' * 49)")
long64=$(python3 -c "print('a' * 50)")
img255=$(python3 -c "print('a' * 251 + ':1.0')")
img256=$(python3 -c "print('a' * 252 + ':1.0')")
printf '%sanswers:\n  service_name: %s\n' "" "$long63" >t63.yaml
printf 'answers:\n  service_name: %s\n' "$long64" >t64.yaml
printf 'answers:\n  container_image: "%s"\n' "$img255" >i255.yaml
printf 'answers:\n  container_image: "%s"\n' "$img256" >i256.yaml
run "service_name of 49 characters accepted" 0 "" -- "$ARCHWISE" eval t63.yaml
run "service_name of 50 characters refused" 2 'service_name: text is 50 characters long, the limit is 49' -- "$ARCHWISE" eval t64.yaml
run "container_image of 255 characters accepted" 0 "" -- "$ARCHWISE" eval i255.yaml
run "container_image of 256 characters refused" 2 'container_image: text is 256 characters long, the limit is 255' -- "$ARCHWISE" eval i256.yaml
printf 'answers:\n  region: "eu-\\x9bwest-1"\n' >c1.yaml
run "C1 control character in a text refused" 2 'region: control character U\+009B' -- "$ARCHWISE" eval c1.yaml
printf '{"answers": {"region": "eu-\\u001b[2Jwest-1"}}' >c0.json
run "ESC in a JSON text refused" 2 'region: control character 0x1b' -- "$ARCHWISE" eval c0.json

# --- numbers: the question's min..max, finite; weights 0..5
for spec in "requests_per_day: -1|below the minimum" "requests_per_day: 10000000001|above the maximum" \
	    "container_port: 65536|above the maximum" "container_port: 0|below the minimum" \
	    "memory_mb: 1e400|not a number|out of range|infinite|finite" "avg_duration_ms: .nan|not a number"; do
	line=${spec%%|*} pat=${spec#*|}
	printf 'answers:\n  %s\n' "$line" >num.yaml
	run "number out of range refused ($line)" 2 "$pat" -- "$ARCHWISE" eval num.yaml
done
printf 'answers:\n  requests_per_day: 10000000000\n  container_port: 65535\n' >num-ok.yaml
run "numbers at their maximum accepted" 0 "" -- "$ARCHWISE" eval num-ok.yaml
printf 'weights: {cost_sensitivity: 6}\n' >w6.yaml
run "weight 6 refused" 2 'cost_sensitivity' -- "$ARCHWISE" eval w6.yaml
printf 'weights: {cost_sensitivity: -1}\n' >wm.yaml
run "weight -1 refused" 2 'cost_sensitivity' -- "$ARCHWISE" eval wm.yaml
printf 'weights: {cost_sensitivity: 0, traffic_pattern: 5}\n' >w05.yaml
run "weights 0 and 5 accepted" 0 "" -- "$ARCHWISE" eval w05.yaml

# --- pricing: every figure finite, 0..10^9 (every cost stays finite)
mkdir -p data-big
cp "$root"/assets/*.yaml data-big/
sed -i '0,/usd: [0-9.]*/s//usd: 1e10/' data-big/pricing-aws.yaml
run "a price above 10^9 refused" 2 'is above the limit 1e\+09' -- "$ARCHWISE" eval depth-ok.yaml --data-dir data-big
sed -i '0,/usd: 1e10/s//usd: 1e9/' data-big/pricing-aws.yaml
run "a price of 10^9 accepted" 0 "" -- "$ARCHWISE" eval depth-ok.yaml --data-dir data-big

# --- multiple choice: at most 64 options (a 64-bit selection)
python3 - "$Q" <<'P'
import sys
head = open(sys.argv[1]).read()
i = head.index("\nrules:")
for n in (64, 65):
    opts = ", ".join("{id: o%d, label: O%d}" % (k, k) for k in range(n))
    extra = ("\n  - id: extra\n    title: Extra\n    questions:\n"
             "      - {id: many, text: Pick, kind: multiple, options: [%s]}\n" % opts)
    open("opts%d.yaml" % n, "w").write(head[:i] + extra + head[i:])
open("many.yaml", "w").write("answers:\n  many: [o0, o62, o63]\n")
P
run "multiple choice with 64 options accepted" 0 "" -- "$ARCHWISE" check opts64.yaml
run "option 64 of 64 selectable" 0 "" -- "$ARCHWISE" eval many.yaml --questionnaire opts64.yaml
run "multiple choice with 65 options refused" 2 'has 65 options, a multiple-choice question allows at most 64' -- "$ARCHWISE" check opts65.yaml

# --- traffic: a log line over 4 MB is skipped and reported, not read
python3 - <<'P'
ok = '203.0.113.9 - - [10/Oct/2026:13:55:36 +0000] "GET /a HTTP/1.1" 200 512 "-" "curl/8"\n'
with open("long.log", "w") as f:
    f.write(ok * 20)
    f.write('203.0.113.9 - - [10/Oct/2026:13:55:37 +0000] "GET /' + "x" * (5 << 20) + ' HTTP/1.1" 200 1 "-" "c"\n')
    f.write('1.2.3.4 - - [bad\x1b[31m line \x1b]0;title\x07 \xc2\x9b2J\n')
    f.write(ok * 20)
P
run "traffic: a 5 MB line skipped, escapes in a bad line written out" 0 'line longer than 4 MB' -- "$ARCHWISE" traffic long.log
grep -q 'long.log:22:[0-9:]* .*' err && ! grep -q "$ESC" err || bad "traffic: the bad line 22 is not reported"

# --- escape sequences in a custom questionnaire: texts shown by eval
python3 - "$Q" <<'P'
import re, sys
s = open(sys.argv[1]).read()
E, O, C = r"\e[31m", r"\e]0;PWNED\a", r"\x9b2J"
s = s.replace("title: Kubernetes or serverless?", 'title: "Kube%srnetes%s%s"' % (E, O, C))
s = re.sub(r"(\n    name: )([^\n]+)", lambda m: '%s"%s%s%s"' % (m.group(1), m.group(2), E, O), s)
s = re.sub(r"(\n            label: )([^\n]+)", lambda m: '%s"%s%s%s"' % (m.group(1), m.group(2).replace('"', ''), E, C), s)
s = re.sub(r"(\n        text: )([^\n]+)", lambda m: '%s"%s%s"' % (m.group(1), m.group(2).replace('"', ''), O), s)
s = re.sub(r"\n    reason: >-\n(      [^\n]*\n)+", lambda m: '\n    reason: "%s%s%s\\u202e"\n' % (E, O, C), s)
open("hostile-q.yaml", "w").write(s)
open("gpu.yaml", "w").write("answers:\n  longest_task: over_15min\n  hardware: [gpu]\n")
P
run "hostile questionnaire passes check" 0 "" -- "$ARCHWISE" check hostile-q.yaml
run "eval text: data escapes written out" 0 "" -- "$ARCHWISE" eval gpu.yaml --questionnaire hostile-q.yaml
grep -q 'Workload type\\x1b\[31m\\x1b\]0;PWNED\\x07' out || bad "eval text: the escaped factor name is missing"
grep -q '\\u202e' out || bad "eval text: the bidi override is not written out"
run "eval --json: C1/bidi as \\u escapes" 0 "" -- "$ARCHWISE" eval gpu.yaml --json --questionnaire hostile-q.yaml
python3 -c "
import json, sys
d = json.load(open('out'))
r = [x['reason'] for x in d['rules']]
assert r and r[0] == '\x1b[31m\x1b]0;PWNED\x07\x9b2J\u202e', r[0]
" || bad "eval --json: the reason does not read back as written"
grep -q '\\u009b' out || bad "eval --json: C1 not escaped"

# --- escape sequences in errors: answers, questionnaires, file names
printf 'answers:\n  traffic_pattern: "st\\e[31meady"\n  hardware: ["\\e]0;x\\a"]\n' >esc-opt.yaml
run "unknown option with ESC: error written out" 2 "unknown option 'st\\\\x1b\\[31meady'" -- "$ARCHWISE" eval esc-opt.yaml
printf '{"answers": {}, "bad\\u001b[2J": 1, "c1\\u009b": 2}' >esc-key.json
run "unknown JSON key with ESC/C1: error written out" 2 "unknown key 'bad\\\\x1b\\[2J'" -- "$ARCHWISE" eval esc-key.json
sed 's/^id: k8s-vs-serverless/id: "k8s\\e[31m"\nbogus\\x: 1/' "$Q" >esc-q.yaml
run "check: hostile questionnaire errors written out" 2 '' -- "$ARCHWISE" check esc-q.yaml
cp esc-opt.yaml "$(printf 'name\033[31m.yaml')"
run "file name with ESC: written out in the error" 2 'name\\x1b\[31m\.yaml' -- "$ARCHWISE" eval "$(printf 'name\033[31m.yaml')"

exit $fail
