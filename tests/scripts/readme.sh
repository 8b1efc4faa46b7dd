#!/bin/sh
# README.md is assembled from docs/readme/*.md by scripts/readme.py
# (`make readme`): it must be up to date, so the two never disagree.
set -u
command -v python3 >/dev/null 2>&1 || { echo "python3 not installed: run sh scripts/deps.sh test"; exit 77; }
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
python3 "$ARCHWISE_ROOT/scripts/readme.py" "$tmp" || exit 1
if ! cmp -s "$tmp" "$ARCHWISE_ROOT/README.md"; then
	echo "README.md is out of date with docs/readme/: run make readme"
	diff "$ARCHWISE_ROOT/README.md" "$tmp" | head -20
	exit 1
fi
echo "README.md is up to date with docs/readme/"
# and markdownlint-clean (line length aside), with the records' pinned linter
. "$ARCHWISE_ROOT/tests/scripts/node-tools.inc"
need_node_tools "$ARCHWISE_ROOT/tests/tools"
lint="$ARCHWISE_ROOT/tests/tools/node_modules/.bin/markdownlint-cli2"
"$lint" --config "$ARCHWISE_ROOT/tests/tools/.markdownlint-cli2.jsonc" "$ARCHWISE_ROOT/README.md" >"$tmp" 2>&1 \
	|| { cat "$tmp"; echo "README.md is not markdownlint-clean"; exit 1; }
echo "README.md is markdownlint-clean"
