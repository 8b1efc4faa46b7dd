#!/bin/sh
# `archwise traffic`: formats end to end, stdin and gzip, exit codes and
# one-line errors, --json keys, --write-answers merging and refusing.
set -u
command -v python3 >/dev/null 2>&1 || { echo "python3 is not installed: run sh scripts/deps.sh test"; exit 77; }
F="$ARCHWISE_ROOT/tests/fixtures/traffic"
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
# json KEY EXPECTED: compares a top-level key of out (numbers to 1e-6).
json() {
	python3 - "$1" "$2" <<'PY' || { echo "FAIL json $1 != $2"; fail=1; }
import json, sys
d = json.load(open("out"))
k, want = sys.argv[1], sys.argv[2]
got = d[k]
try:
    ok = abs(float(got) - float(want)) < 1e-6
except (TypeError, ValueError):
    ok = str(got) == want
sys.exit(0 if ok else 1)
PY
}

check 0 "combined log" "$A" traffic "$F/combined_week.log" --json
json lines 885; json bad_lines 3; json requests_per_day 126; json traffic_pattern daily_cycle
json avg_duration_ms 111.905; json idle_fraction 0; json peak_rps 1
[ "$(grep -c 'combined_week.log:[0-9:]*: skipped, not combined format' err)" -eq 3 ] \
	&& echo "ok   bad lines reported with line numbers" || { echo "FAIL bad line report"; cat err; fail=1; }
cp out plain.json

check 0 "gzip on stdin" sh -c "cat '$F/combined_week.log.gz' | '$A' traffic - --json"
cmp -s out plain.json && echo "ok   gzip on stdin = plain file" || { echo "FAIL gzip differs"; fail=1; }

check 0 "ALB" "$A" traffic "$F/alb.log" --json
json avg_duration_ms 250; json peak_rps 3; json bad_lines 1
check 0 "CloudFront" "$A" traffic "$F/cloudfront.log" --json
json avg_duration_ms 25; json lines 4
check 0 "CSV" "$A" traffic --format=csv "$F/hourly.csv" --json
json requests_per_day 600; json traffic_pattern sporadic
check 0 "burst" "$A" traffic "$F/burst.log" --format combined --json
json peak_rps 100; json traffic_pattern spiky
python3 -c '
import json; d = json.load(open("out")); c = d["cost"]
f, p = c["flat_monthly_usd"], c["profile_monthly_usd"]
assert abs(f["serverless"] - p["serverless"]) < 0.011, "functions bill per request"
assert p["kubernetes"] >= f["kubernetes"], "a peak-sized cluster costs no less"
assert len(d["hour_of_day"]) == 24 and len(d["day_of_week"]) == 7
' && echo "ok   profile costs" || { echo "FAIL profile costs"; fail=1; }
check 0 "two files, text" "$A" traffic "$F/timezones.log" "$F/burst.log"
grep -q '^hour of day UTC  |' out && grep -q '^traffic pattern  ' out \
	&& echo "ok   text summary" || { echo "FAIL text summary"; fail=1; }

check 2 "empty file" "$A" traffic "$F/empty.log"
grep -q 'empty.log' err || { echo "FAIL error does not name the file"; fail=1; }
check 2 "nothing parses" "$A" traffic --format combined "$F/garbage.log"
grep -q 'garbage.log' err || { echo "FAIL error does not name the file"; fail=1; }
check 2 "undetectable format" "$A" traffic "$F/garbage.log"
check 2 "missing file" "$A" traffic nope.log
check 2 "no file" "$A" traffic
check 2 "unknown format" "$A" traffic --format xml "$F/alb.log"
check 2 "unknown option" "$A" traffic --frob "$F/alb.log"

check 0 "write new answers" "$A" traffic "$F/combined_week.log" --write-answers new.yaml
grep -q 'traffic_pattern: daily_cycle' new.yaml && grep -q 'requests_per_day: 126' new.yaml \
	&& grep -q 'avg_duration_ms: 111.9' new.yaml \
	&& echo "ok   answers written" || { echo "FAIL answers content"; cat new.yaml; fail=1; }
check 0 "written answers evaluate" "$A" eval new.yaml

printf 'questionnaire: k8s-vs-serverless\nanswers:\n  memory_mb: 1024\n  traffic_pattern: steady\n' >mine.yaml
check 0 "merge into answers" "$A" traffic "$F/burst.log" --write-answers mine.yaml
grep -q 'memory_mb: 1024' mine.yaml && grep -q 'traffic_pattern: spiky' mine.yaml \
	&& echo "ok   merge keeps other answers" || { echo "FAIL merge"; cat mine.yaml; fail=1; }

printf 'not: answers\n' >other.yaml
cp other.yaml other.orig
check 1 "refuse a non-answers file" "$A" traffic "$F/burst.log" --write-answers other.yaml
cmp -s other.yaml other.orig && echo "ok   refused file unchanged" || { echo "FAIL file changed"; fail=1; }
check 0 "--force replaces it" "$A" traffic "$F/burst.log" --write-answers other.yaml --force
grep -q 'traffic_pattern: spiky' other.yaml || { echo "FAIL forced write"; fail=1; }

exit $fail
