#!/bin/sh
# Hostile files (issue #6): alias bombs, deep nesting, huge scalars, files of
# hundreds of MB, binary garbage, invalid UTF-8, NUL bytes, wrong types. Each
# must be refused with exit 2 and one line on stderr, fast, in bounded memory.
set -u
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
# Bounded memory: 512 MiB of address space (not under ASan, which reserves terabytes).
limit=""
[ -n "${ARCHWISE_SANITIZED:-}" ] || limit="ulimit -v 524288;"

expect_refused() { # name, command args...
	name=$1; shift
	start=$(date +%s%N)
	sh -c "$limit \"\$@\"" sh "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	ms=$(( ($(date +%s%N) - start) / 1000000 ))
	lines=$(wc -l <"$tmp/err")
	if [ "$rc" -ne 2 ]; then
		echo "FAIL $name: exit $rc (want 2)"; head -c 600 "$tmp/err"; fail=1
	elif [ "$lines" -lt 1 ] || ! grep -q '^archwise: ' "$tmp/err"; then
		echo "FAIL $name: no 'archwise:' error line"; fail=1
	elif grep -q "$(printf '\033')" "$tmp/err"; then
		echo "FAIL $name: an escape byte reached stderr"; fail=1
	elif [ "$ms" -gt 3000 ]; then
		echo "FAIL $name: took ${ms} ms"; fail=1
	else
		echo "ok   $name (${ms} ms): $(head -n 1 "$tmp/err" | cut -c1-150)"
	fi
}

# billion laughs
cat >"$tmp/laughs.yaml" <<'Y'
questionnaire: k8s-vs-serverless
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
answers:
  hardware: *g
Y
expect_refused "alias bomb (answers)" "$ARCHWISE" eval "$tmp/laughs.yaml"
sed 's/^questionnaire: .*/id: x/' "$tmp/laughs.yaml" >"$tmp/laughs-q.yaml"
expect_refused "alias bomb (questionnaire)" "$ARCHWISE" eval "$ARCHWISE_ROOT/tests/scripts/data/minimal-answers.yaml" --questionnaire "$tmp/laughs-q.yaml"
# deep nesting
python3 -c "print('answers: ' + '['*100000 + ']'*100000)" >"$tmp/deep.yaml"
expect_refused "deep nesting (YAML)" "$ARCHWISE" eval "$tmp/deep.yaml"
python3 -c "print('{\"answers\": ' + '['*100000 + ']'*100000 + '}')" >"$tmp/deep.json"
expect_refused "deep nesting (JSON)" "$ARCHWISE" eval "$tmp/deep.json"
# a huge scalar (3 MiB service name)
python3 -c "print('answers:\n  service_name: ' + 'a'*3000000)" >"$tmp/huge.yaml"
expect_refused "huge scalar" "$ARCHWISE" eval "$tmp/huge.yaml"
# a file of 300 MB (sparse: costs no disk)
truncate -s 300M "$tmp/big.yaml"
expect_refused "300 MB file" "$ARCHWISE" eval "$tmp/big.yaml"
expect_refused "300 MB questionnaire" "$ARCHWISE" check "$tmp/big.yaml"
# binary garbage and invalid UTF-8
# (seeded: the same bytes on every run, so a failure reproduces)
for seed in 1 2 3; do
	python3 -c "import random, sys; r = random.Random($seed); sys.stdout.buffer.write(bytes(r.getrandbits(8) for _ in range(65536)))" >"$tmp/garbage.yaml"
	expect_refused "binary garbage (seed $seed)" "$ARCHWISE" eval "$tmp/garbage.yaml"
done
printf 'answers:\n  service_name: "caf\351"\n' >"$tmp/latin1.yaml"
expect_refused "invalid UTF-8" "$ARCHWISE" eval "$tmp/latin1.yaml"
printf 'answers:\n  service_name: a\000b\n' >"$tmp/nul.yaml"
expect_refused "NUL byte" "$ARCHWISE" eval "$tmp/nul.yaml"
# wrong types and out of range
printf 'answers:\n  requests_per_day: [1, 2]\n' >"$tmp/type.yaml"
expect_refused "list for a number" "$ARCHWISE" eval "$tmp/type.yaml"
printf 'answers:\n  requests_per_day: 1e400\n' >"$tmp/inf.yaml"
expect_refused "number overflows to infinity" "$ARCHWISE" eval "$tmp/inf.yaml"
printf 'answers:\n  requests_per_day: .nan\n' >"$tmp/nan.yaml"
expect_refused "NaN" "$ARCHWISE" eval "$tmp/nan.yaml"
printf '{"answers": {"traffic_pattern": "steady",}}' >"$tmp/trailing.json"
expect_refused "JSON syntax error" "$ARCHWISE" eval "$tmp/trailing.json"
printf 'answers:\n  service_name: "\\e[31mred\\e[0m"\n' >"$tmp/esc.yaml"
expect_refused "escape sequence in a text answer" "$ARCHWISE" eval "$tmp/esc.yaml"
# not a regular file
expect_refused "a folder" "$ARCHWISE" eval "$tmp"
expect_refused "a missing file" "$ARCHWISE" eval "$tmp/missing.yaml"
exit $fail
