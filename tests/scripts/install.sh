#!/bin/sh
# make install: the binary, the data under share/archwise and the man page;
# the installed binary works from any folder (its data is compiled in) and
# with --data-dir pointing at the installed assets.
set -u
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$ARCHWISE_ROOT" && make -s install DESTDIR="$tmp" PREFIX=/usr >"$tmp/log" 2>&1 || { cat "$tmp/log"; exit 1; }
for f in usr/bin/archwise usr/share/man/man1/archwise.1 usr/share/archwise/questionnaires/k8s-vs-serverless.yaml \
	usr/share/archwise/assets/architectures.yaml usr/share/archwise/assets/case-studies.yaml usr/share/archwise/assets/pricing.yaml; do
	[ -f "$tmp/$f" ] || { echo "FAIL: $f not installed"; exit 1; }
done
cd "$tmp"
printf 'answers:\n  traffic_pattern: steady\n' >a.yaml
"$tmp/usr/bin/archwise" eval a.yaml --json >builtin.json || { echo "FAIL: installed binary eval"; exit 1; }
"$tmp/usr/bin/archwise" eval a.yaml --json --data-dir "$tmp/usr/share/archwise/assets" \
	--questionnaire "$tmp/usr/share/archwise/questionnaires/k8s-vs-serverless.yaml" >parsed.json \
	|| { echo "FAIL: installed data"; exit 1; }
cmp -s builtin.json parsed.json || { echo "FAIL: installed data disagree with the built-in"; exit 1; }
command -v man >/dev/null 2>&1 || { echo "man is not installed (man-db): run sh scripts/deps.sh test"; exit 77; }
man -l "$tmp/usr/share/man/man1/archwise.1" 2>/dev/null | grep -q 'archwise eval' || { echo "FAIL: man page"; exit 1; }
echo "install: binary, data and man page in place; installed binary works from any folder"
