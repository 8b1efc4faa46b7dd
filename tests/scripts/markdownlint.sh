#!/bin/sh
# markdownlint-cli2 (pinned in tests/tools) on the decision records that
# `archwise export` writes for every tests/cases/*/answers.yaml, and on the
# goldens; every default rule but MD013 (line length). Then check-record.mjs
# renders them (markdown-it) and checks no answer text changed their shape.
# Exit 77 when Node.js 20+ or the tools are not installed (scripts/deps.sh).
set -u
root=${ARCHWISE_ROOT:?}
A=${ARCHWISE:?}
tools="$root/tests/tools"
. "$root/tests/scripts/node-tools.inc"
need_node_tools "$tools"
lint="$tools/node_modules/.bin/markdownlint-cli2"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
config="$tools/.markdownlint-cli2.jsonc"
fail=0

# The linter must be able to fail: a record with a trailing space and a
# second H1 is refused.
printf '# One\n\nText \n\n# Two\n' >"$tmp/bad.md"
if "$lint" --config "$config" ":$tmp/bad.md" >"$tmp/bad.out" 2>&1; then
	echo "FAIL markdownlint accepted a broken file"; fail=1
else
	echo "ok   markdownlint refuses a broken file"
fi

printf -- '---\nstatus: proposed\n---\n\n# T\n\n## Context and Problem Statement\n\nSee [x](javascript:alert(1)) <b>hi</b>\n' >"$tmp/bad-render.md"
if node "$tools/check-record.mjs" "$tmp/bad-render.md" >/dev/null 2>&1; then
	echo "FAIL check-record.mjs accepted a link and raw HTML"; fail=1
else
	echo "ok   check-record.mjs refuses links and raw HTML"
fi

n=0
set --
for answers in "$root"/tests/cases/*/answers.yaml; do
	[ -f "$answers" ] || continue
	name=$(basename "$(dirname "$answers")")
	if ! "$A" export "$answers" -o "$tmp/out/$name" >"$tmp/$name.log" 2>&1; then
		echo "FAIL $name: export failed"; head -5 "$tmp/$name.log"; fail=1; continue
	fi
	set -- "$@" ":$tmp/out/$name/decision-record.md"
	golden="$(dirname "$answers")/expected/decision-record.md"
	[ -f "$golden" ] && set -- "$@" ":$golden"
	n=$((n + 1))
done
[ "$n" -gt 0 ] || { echo "FAIL no answers under tests/cases"; exit 1; }
if "$lint" --config "$config" "$@" >"$tmp/lint.out" 2>&1; then
	echo "ok   $n records (and their goldens) are markdownlint clean"
else
	echo "FAIL markdownlint:"; grep -v '^markdownlint-cli2 v\|^Finding:\|^Linting:\|^Summary:' "$tmp/lint.out" | head -40
	fail=1
fi
if node "$tools/check-record.mjs" "$@" >"$tmp/render.out" 2>&1; then
	echo "ok   $(tail -n 1 "$tmp/render.out")"
else
	echo "FAIL rendered records:"; head -40 "$tmp/render.out"; fail=1
fi
exit "$fail"
