#!/bin/sh
# Starter files: `archwise export` of every tests/cases/gen-*/answers.yaml
# must give tests/cases/NAME/expected/{kubernetes,knative,serverless,fargate}/
# and README.md byte for byte (the decision record is record-golden.sh's,
# eval.json and eval.txt eval-golden.sh's).
# Also lints the bundle READMEs with markdownlint-cli2 (tests/tools; exit 77
# when it is not installed). With --update (make update-golden) it rewrites
# the goldens instead of comparing.
set -u
update=0
[ "${1:-}" = --update ] && update=1
root=${ARCHWISE_ROOT:?}
A=${ARCHWISE:?}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
n=0
for answers in "$root"/tests/cases/gen-*/answers.yaml; do
	[ -f "$answers" ] || continue
	dir=$(dirname "$answers")
	name=$(basename "$dir")
	n=$((n + 1))
	out="$tmp/$name"
	if ! "$A" export "$answers" -o "$out" --date 2026-01-01 >"$tmp/$name.log" 2>&1; then
		echo "FAIL $name: export failed"; head -5 "$tmp/$name.log"; fail=1; continue
	fi
	rm -f "$out/decision-record.md" "$out/cost-chart.svg" "$out/answers.yaml" "$out/.archwise-manifest"
	if [ "$update" = 1 ]; then
		for sub in kubernetes knative serverless fargate README.md; do rm -rf "${dir:?}/expected/$sub"; done
		mkdir -p "$dir/expected" && cp -R "$out"/. "$dir/expected/" && echo "updated $name"
		continue
	fi
	# Every generated file matches its golden...
	(cd "$out" && find . -type f | sort) >"$tmp/$name.got"
	(cd "$dir/expected" 2>/dev/null && find . -type f ! -name decision-record.md ! -name cost-chart.svg ! -name eval.json ! -name eval.txt | sort) >"$tmp/$name.want"
	if ! cmp -s "$tmp/$name.got" "$tmp/$name.want"; then
		echo "FAIL $name: files differ from the goldens (< generated, > expected):"
		diff "$tmp/$name.got" "$tmp/$name.want" | head -20
		fail=1; continue
	fi
	# ...byte for byte.
	bad=0
	while read -r f; do
		if ! cmp -s "$out/$f" "$dir/expected/$f"; then
			echo "FAIL $name: $f differs:"; diff -u "$dir/expected/$f" "$out/$f" | head -20; bad=1
		fi
	done <"$tmp/$name.got"
	[ "$bad" -eq 0 ] && echo "ok   $name ($(wc -l <"$tmp/$name.got") files)" || fail=1
done
[ "$n" -gt 0 ] || { echo "FAIL no tests/cases/gen-* answer sets"; exit 1; }
[ "$update" = 1 ] && exit "$fail"

[ "$fail" -eq 0 ] || exit "$fail"
. "$root/tests/scripts/node-tools.inc"
need_node_tools "$root/tests/tools"
lint="$root/tests/tools/node_modules/.bin/markdownlint-cli2"
set --
for r in "$tmp"/*/README.md; do set -- "$@" ":$r"; done
if "$lint" --config "$root/tests/tools/.markdownlint-cli2.jsonc" "$@" >"$tmp/lint.out" 2>&1; then
	echo "ok   bundle READMEs are markdownlint clean"
else
	echo "FAIL markdownlint on bundle READMEs:"; grep -v '^markdownlint-cli2 v\|^Finding:\|^Linting:\|^Summary:' "$tmp/lint.out" | head -20
	fail=1
fi
exit "$fail"
