#!/bin/sh
# Inputs that used to give silently wrong results, or the wrong exit code:
# a truncated or corrupt gzip log (exit 2, file name and byte offset), counts
# past archwise's bounds (refused, not wrapped or clipped), UTC offsets past
# +-14:00 (refused in every log format), strings with an escaped NUL (refused,
# not cut short), decision makers the option and the wizard would refuse,
# "!!str 128" read as a number, --write-answers FILE.json writing YAML, and
# a refused --write-answers leaking memory (the sanitizer build exits 1).
set -u
command -v python3 >/dev/null 2>&1 || { echo "python3 missing"; exit 77; }
command -v gzip >/dev/null 2>&1 || { echo "gzip missing"; exit 77; }
A=${ARCHWISE:?}
root=${ARCHWISE_ROOT:?}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
fail=0
bad() { printf 'FAIL: %s\n' "$*"; fail=1; }
. "$root/tests/scripts/expect.inc"

# --- gzip -----------------------------------------------------------------
python3 - <<'PY'
with open("big.log", "w") as f:
    for i in range(20000):
        f.write('10.0.0.1 - - [10/Oct/2000:13:%02d:%02d -0700] "GET /%d HTTP/1.1" 200 %d\n'
                % (i // 60 % 60, i % 60, i, 1000 + i))
PY
gzip -k big.log
size=$(wc -c <big.log.gz)
head -c $((size / 2)) big.log.gz >trunc.gz
check 2 "truncated gzip: exit 2, the file and the byte" "trunc.gz: truncated gzip archive: it ends at byte" "$A" traffic trunc.gz
cp big.log.gz corrupt.gz
printf '\377\377\377\377\377\377\377\377' | dd of=corrupt.gz bs=1 seek=300 conv=notrunc 2>/dev/null
check 2 "corrupt gzip: exit 2, named (not <fd:N>)" "corrupt.gz: corrupt gzip archive near byte" "$A" traffic corrupt.gz
grep -q '<fd' err && bad "zlib's <fd:N> in the message"
check 2 "truncated gzip on stdin" "<stdin>: truncated gzip archive" sh -c "\"$A\" traffic - <trunc.gz"
check 0 "a whole gzip log still reads" "" "$A" traffic big.log.gz
grep -q "requests *20000" out || bad "whole gzip: $(head -3 out)"
check 0 "a plain log still reads" "" "$A" traffic big.log

# --- bounds -----------------------------------------------------------------
python3 -c "
print('timestamp,count')
for i in range(20000): print('%d,%d' % (1700000000 + i * 60, 999999999999999))" >huge.csv
check 2 "CSV counts past the per-minute bound: refused, not wrapped" "huge.csv:2: more than 4294967295 requests in one minute" "$A" traffic huge.csv
printf '1700000000,4294967295\n1700000060,4294967295\n' >edge.csv
check 0 "4294967295 in a minute is still counted" "" "$A" traffic edge.csv --json
python3 -c "import json,sys; d=json.load(open('out')); sys.exit(0 if d['requests'] == 8589934590 else 1)" ||
	bad "edge counts: $(head -c 200 out)"

# --- UTC offsets ------------------------------------------------------------
printf '1.2.3.4 - - [10/Oct/2000:13:55:36 +9959] "GET / HTTP/1.1" 200 1\n1.2.3.4 - - [10/Oct/2000:13:55:42 +0000] "GET / HTTP/1.1" 200 1\n' >off.log
check 0 "combined: offset +9959 skipped as a bad line" "off.log:1:35: skipped, not combined format: UTC offset beyond -14:00..+14:00" "$A" traffic off.log
printf '1.2.3.4 - - [10/Oct/2000:13:55:36 -1401] "GET / HTTP/1.1" 200 1\n1.2.3.4 - - [10/Oct/2000:13:55:42 +1400] "GET / HTTP/1.1" 200 1\n' >off2.log
check 0 "combined: -14:01 refused, +14:00 accepted" "off2.log:1:35: .*UTC offset beyond" "$A" traffic off2.log
printf '2000-10-10T13:55:36+14:30,1\n2000-10-10T13:55:37-12:00,1\n' >off.csv
check 0 "CSV: the same rule" "off.csv:1:1: .*UTC offset beyond" "$A" traffic off.csv

# --- NUL in strings -----------------------------------------------------------
printf 'questionnaire: k8s-vs-serverless\nanswers:\n  service_name: "abc\\0BAD"\n' >nul.yaml
check 2 "YAML \\0 in a value: refused with its position" "nul.yaml:3:17: a string may not contain a NUL" "$A" eval nul.yaml
printf 'questionnaire: k8s-vs-serverless\nanswers:\n  "service_name\\0x": "abc"\n' >nulkey.yaml
check 2 "YAML \\0 in a key: refused" "nulkey.yaml:3:3: a string may not contain a NUL" "$A" eval nulkey.yaml
printf '{"questionnaire": "k8s-vs-serverless", "answers": {"service_name": "ok\\u0000BAD"}}\n' >nul.json
check 2 "JSON \\u0000 in a value: refused with its position" "nul.json:1:71: a string may not contain a NUL" "$A" eval nul.json
printf '{"questionnaire": "k8s-vs-serverless", "answers": {"service_name\\u0000": "ok"}}\n' >nulkey.json
check 2 "JSON \\u0000 in a key: refused" "nulkey.json:1:.*NUL" "$A" eval nulkey.json
printf '{"questionnaire": "k8s-vs-serverless", "answers": {"service_name": "a\\\\u0000b"}}\n' >escaped.json
check 2 "JSON escaped backslash before u0000 is not a NUL (the pattern refuses it)" "pattern\|DNS\|match\|is not valid: a lower-case letter first" "$A" eval escaped.json
grep -q NUL err && bad "\\\\u0000 taken for a NUL"

# --- decision makers: one validator -------------------------------------------------
for dm in '""' '"a\x1bb"' "\"$(python3 -c 'print("x" * 101)')\"" '" Ana"' '"A, B"'; do
	printf 'questionnaire: k8s-vs-serverless\nanswers: {}\ndecision_makers: [%s]\n' "$dm" >dm.yaml
	check 2 "decision_makers [$(printf '%s' "$dm" | head -c 20)] refused as --decision-makers refuses it" "dm.yaml:3:.*decision_makers: a name" "$A" eval dm.yaml
done
printf 'questionnaire: k8s-vs-serverless\nanswers: {}\ndecision_makers: ["Ana Lima", "Bo"]\n' >dm-ok.yaml
check 0 "good decision makers accepted" "" "$A" eval dm-ok.yaml

# --- !!str ----------------------------------------------------------------------
printf 'questionnaire: k8s-vs-serverless\nanswers:\n  memory_mb: !!str 128\n' >str.yaml
check 2 "!!str 128 is a string, not a number" "str.yaml:3:.*memory_mb" "$A" eval str.yaml

# --- --write-answers keeps the format the name says ----------------------------------
check 0 "--write-answers new.json" "" "$A" traffic big.log --write-answers new.json
python3 -c "import json; json.load(open('new.json'))" 2>/dev/null || bad "new.json is not JSON: $(head -c 100 new.json)"
check 0 "archwise reads its own .json back" "" "$A" eval new.json
check 0 "merging into a .json keeps JSON" "" "$A" traffic big.log --write-answers new.json
python3 -c "import json; json.load(open('new.json'))" 2>/dev/null || bad "merged new.json is not JSON"
printf '# team notes\nquestionnaire: k8s-vs-serverless\nanswers:\n  service_name: orders\n' >c.yaml
"$A" traffic big.log --write-answers c.yaml >/dev/null 2>err
grep -q "c.yaml: its comments were not kept" err && grep -q "service_name: orders" c.yaml &&
	echo "ok   merging YAML says the comments are dropped" || bad "comments: $(cat err)"

# --- a refused --write-answers frees what it loaded -----------------------------------
printf 'answers:\n  bogus: 1\n' >wa.yaml
check 2 "invalid answers file to merge into: exit 2 (no leak under ASan)" "wa.yaml:2:3: unknown" "$A" traffic big.log --write-answers wa.yaml
exit "$fail"
