#!/bin/sh
# The README and the manual: markdownlint-cli2 (pinned in tests/tools, every
# default rule but line length) over README.md and docs/*.md; the README's
# length, every doc linked from it, every relative link and anchor resolving
# and no private notes named (tests/tools/check-docs.py); the man page covers
# every command and option of --help and renders without a warning; the
# pictures the README shows are well-formed SVG.
set -u
root=${ARCHWISE_ROOT:?}
A=${ARCHWISE:?}
tools="$root/tests/tools"
. "$root/tests/scripts/node-tools.inc"
need_node_tools "$tools"
for tool in python3 man xmllint; do
	command -v "$tool" >/dev/null 2>&1 || { echo "skip: no $tool (scripts/deps.sh test)"; exit 77; }
done
lint="$tools/node_modules/.bin/markdownlint-cli2"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "FAIL $*"; fail=1; }

# 1. markdownlint over the README and every topic file.
set -- ":$root/README.md"
for f in "$root"/docs/*.md; do set -- "$@" ":$f"; done
if "$lint" --config "$tools/.markdownlint-cli2.jsonc" "$@" >"$tmp/lint.out" 2>&1; then
	echo "ok   markdownlint: README.md and $(($# - 1)) docs"
else
	bad "markdownlint:"; grep -v '^markdownlint-cli2\|^Finding\|^Linting\|^Summary' "$tmp/lint.out" | head -30
fi

# 2. Length, links, anchors, names; and the check can fail.
python3 "$tools/check-docs.py" "$root" || bad "check-docs.py"
mkdir -p "$tmp/tree/docs"
cp "$root/README.md" "$tmp/tree/"
cp "$root"/docs/*.md "$tmp/tree/docs/"
printf '\nSee [gone](docs/gone.md) and [here](docs/cost.md#no-such-heading).\n' >>"$tmp/tree/README.md"
git -C "$tmp/tree" init -q 2>/dev/null
if python3 "$tools/check-docs.py" "$tmp/tree" >"$tmp/broken.out" 2>&1; then
	bad "check-docs.py accepted a broken link"
elif grep -q 'gone.md: no such file' "$tmp/broken.out" && grep -q '#no-such-heading' "$tmp/broken.out"; then
	echo "ok   check-docs.py refuses a missing file and a missing heading"
else
	bad "check-docs.py: $(cat "$tmp/broken.out")"
fi

# 3. The man page: every command and every option --help lists.
"$A" --help >"$tmp/help" 2>&1
man="$root/docs/archwise.1"
sed 's/\\-/-/g; s/\\f[BIRP]//g' "$man" >"$tmp/man.txt"
for cmd in $(sed -n 's/^ *\(usage:\)\{0,1\} *archwise \([a-z][a-z]*\) .*/\2/p' "$tmp/help" | sort -u); do
	grep -q "^\.SS $cmd\|^\.TP.*$cmd\|\bB $cmd\b\|^$cmd\b" "$man" "$tmp/man.txt" ||
		grep -q "archwise $cmd" "$tmp/man.txt" || bad "the man page has no command $cmd"
done
opts=$(grep -o -- '--[a-z][a-z-]*\|\[-[a-zA-Z]\b' "$tmp/help" | tr -d '[' | sort -u)
[ -n "$opts" ] || bad "no options found in --help"
for opt in $opts; do
	# An entry of its own under OPTIONS: ".B --opt" or ".BR --opt ARG".
	grep -q -- "^\.BR* $opt\( \|\$\)" "$tmp/man.txt" || bad "the man page does not describe $opt"
done
echo "ok   the man page names $(echo "$opts" | wc -l) options of --help"
LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -E UTF-8 -l "$man" >"$tmp/man.out" 2>"$tmp/man.err"
[ -s "$tmp/man.out" ] && [ ! -s "$tmp/man.err" ] || bad "man -l warns: $(head -5 "$tmp/man.err")"

# 4. The README's pictures.
for svg in "$root"/docs/images/*.svg; do
	xmllint --noout "$svg" || bad "$svg is not well-formed"
done
[ "$fail" -eq 0 ] && echo "docs: all ok"
exit "$fail"
