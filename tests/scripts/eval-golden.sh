#!/bin/sh
# Golden eval output: for every tests/cases/<name>/answers.yaml, `eval --json`
# and the text summary must equal expected/eval.json and expected/eval.txt
# byte for byte. With --update (make update-golden) it rewrites them instead.
set -u
update=0
[ "${1:-}" = --update ] && update=1
fail=0; n=0
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
for answers in "$ARCHWISE_ROOT"/tests/cases/*/answers.yaml; do
	dir=$(dirname "$answers")
	name=$(basename "$dir")
	for kind in json txt; do
		golden="$dir/expected/eval.$kind"
		if [ "$kind" = json ]; then
			(cd "$dir" && "$ARCHWISE" eval answers.yaml --json) >"$tmp" 2>&1
		else
			(cd "$dir" && "$ARCHWISE" eval answers.yaml) >"$tmp" 2>&1
		fi
		rc=$?
		[ $rc -eq 0 ] || { echo "FAIL $name: eval exited $rc"; cat "$tmp" | head -3; fail=1; continue; }
		if [ "$update" = 1 ]; then
			mkdir -p "$dir/expected" && cp "$tmp" "$golden"
		elif [ ! -f "$golden" ]; then
			echo "FAIL $name: no golden $golden (make update-golden creates it)"; fail=1
		elif ! cmp -s "$tmp" "$golden"; then
			echo "FAIL $name: eval.$kind differs from the golden"; diff "$golden" "$tmp" | head -20; fail=1
		fi
	done
	n=$((n + 1))
done
[ $n -gt 0 ] || { echo "no cases"; exit 1; }
echo "eval goldens: $n cases"
exit $fail
