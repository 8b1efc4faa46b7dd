#!/bin/sh
# `archwise check`: the shipped data and the golden answers pass (exit 0);
# every file in tests/cases/bad is refused with exit 2 and the expected
# "archwise: FILE:LINE:COL: message" lines (tests/cases/bad/EXPECTED).
set -u
bin=${ARCHWISE:?}
root=${ARCHWISE_ROOT:?}
cd "$root" || exit 1
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0

for f in questionnaires/*.yaml assets/*.yaml tests/cases/*/answers.yaml; do
	[ -f "$f" ] || continue
	if ! "$bin" check "$f" >"$tmp/out" 2>"$tmp/err"; then
		echo "FAIL: $f should pass:"; cat "$tmp/err"; fail=1
	fi
done

# several files at once, every one reported
"$bin" check questionnaires/k8s-vs-serverless.yaml assets/pricing-aws.yaml assets/pricing-gcp.yaml assets/pricing-azure.yaml >"$tmp/out" 2>&1 ||
	{ echo "FAIL: two good files"; cat "$tmp/out"; fail=1; }
[ "$(grep -c ': ok$' "$tmp/out")" -eq 4 ] || { echo "FAIL: expected four ok lines"; cat "$tmp/out"; fail=1; }

for f in tests/cases/bad/*; do
	name=$(basename "$f")
	[ "$name" = EXPECTED ] && continue
	"$bin" check "$f" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	[ "$rc" -eq 2 ] || { echo "FAIL: $name: exit $rc, expected 2"; fail=1; }
	if grep -v '^archwise: ' "$tmp/err" | grep -q .; then
		echo "FAIL: $name: stderr lines without the archwise: prefix:"; cat "$tmp/err"; fail=1
	fi
	n=0
	while IFS='	' read -r file want; do
		[ "$file" = "$name" ] || continue
		n=$((n + 1))
		grep -qF "archwise: $f:$want" "$tmp/err" ||
			{ echo "FAIL: $name: no line 'archwise: $f:$want' in:"; cat "$tmp/err"; fail=1; }
	done <tests/cases/bad/EXPECTED
	[ "$n" -gt 0 ] || { echo "FAIL: $name has no EXPECTED line"; fail=1; }
	[ "$(wc -l <"$tmp/err")" -ge "$n" ] || { echo "FAIL: $name: fewer lines than expected"; fail=1; }
done

# unreadable inputs: a directory, a missing file, a file above 16 MiB
"$bin" check / >/dev/null 2>"$tmp/err"; rc=$?
[ "$rc" -eq 2 ] && grep -q '^archwise: /: not a regular file$' "$tmp/err" ||
	{ echo "FAIL: directory (exit $rc)"; cat "$tmp/err"; fail=1; }
"$bin" check "$tmp/none.yaml" >/dev/null 2>"$tmp/err"; rc=$?
[ "$rc" -eq 2 ] && grep -q "^archwise: $tmp/none.yaml: cannot open" "$tmp/err" ||
	{ echo "FAIL: missing file (exit $rc)"; cat "$tmp/err"; fail=1; }
: >"$tmp/big.yaml"
truncate -s 17M "$tmp/big.yaml" 2>/dev/null || dd if=/dev/zero of="$tmp/big.yaml" bs=1024 count=17408 2>/dev/null
"$bin" check "$tmp/big.yaml" >/dev/null 2>"$tmp/err"; rc=$?
[ "$rc" -eq 2 ] && grep -q 'file too large' "$tmp/err" ||
	{ echo "FAIL: big file (exit $rc)"; cat "$tmp/err"; fail=1; }

# --data-dir with a file missing names it
mkdir "$tmp/data" && cp assets/architectures.yaml assets/case-studies.yaml "$tmp/data/"
"$bin" eval tests/cases/defaults/answers.yaml --data-dir "$tmp/data" >/dev/null 2>"$tmp/err"
grep -q "$tmp/data/pricing-aws.yaml: cannot open" "$tmp/err" ||
	{ echo "FAIL: --data-dir without pricing-aws.yaml"; cat "$tmp/err"; fail=1; }

[ "$fail" -eq 0 ] && echo "check: ok"
exit "$fail"
