#!/bin/sh
# make install: the binary, the data under share/archwise, the man page and
# the bash and zsh completions; the installed binary works from any folder
# (its data is compiled in) and with --data-dir pointing at the installed
# assets; the completions complete (bash: _archwise called as bash would;
# zsh: compinit finds _archwise) and know every option --help lists.
set -u
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$ARCHWISE_ROOT" && make -s install DESTDIR="$tmp" PREFIX=/usr >"$tmp/log" 2>&1 || { cat "$tmp/log"; exit 1; }
for f in usr/bin/archwise usr/share/man/man1/archwise.1 usr/share/archwise/questionnaires/k8s-vs-serverless.yaml \
	usr/share/archwise/assets/architectures.yaml usr/share/archwise/assets/case-studies.yaml \
	usr/share/archwise/assets/pricing-aws.yaml usr/share/archwise/assets/pricing-gcp.yaml \
	usr/share/archwise/assets/pricing-azure.yaml \
	usr/share/bash-completion/completions/archwise usr/share/zsh/site-functions/_archwise; do
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

# Completions. Every option of --help in both files.
bashc="$tmp/usr/share/bash-completion/completions/archwise"
zshc="$tmp/usr/share/zsh/site-functions/_archwise"
for opt in $("$tmp/usr/bin/archwise" --help | grep -o -- '--[a-z][a-z-]*' | sort -u); do
	grep -q -- "$opt\b" "$bashc" || { echo "FAIL: bash completion lacks $opt"; exit 1; }
	grep -q -- "'$opt\[\|(*$opt)\|)$opt\[\|'(- \*)$opt\[\|\*$opt\[" "$zshc" || { echo "FAIL: zsh completion lacks $opt"; exit 1; }
done
# bash: what _archwise offers after the words typed so far.
command -v bash >/dev/null 2>&1 || { echo "bash is not installed"; exit 77; }
complete_bash() { # complete_bash WORD... (the last one is being completed)
	bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _archwise; printf "%s\n" "${COMPREPLY[@]}"' \
		complete_bash "$bashc" "$@" | sort | tr '\n' ' '
}
mkdir -p repo/sub && : >repo/log.txt
got=$(complete_bash archwise '')
[ "$got" = "--answers --data-dir --help --questionnaire --resume --scan --traffic --version check eval export recheck scan traffic " ] ||
	{ echo "FAIL: bash, first word: $got"; exit 1; }
got=$(complete_bash archwise re)
[ "$got" = "recheck " ] || { echo "FAIL: bash, 're': $got"; exit 1; }
got=$(complete_bash archwise export a.yaml --ta)
[ "$got" = "--target " ] || { echo "FAIL: bash, export --ta: $got"; exit 1; }
got=$(complete_bash archwise export a.yaml --target k)
[ "$got" = "knative kubernetes " ] || { echo "FAIL: bash, --target k: $got"; exit 1; }
got=$(complete_bash archwise traffic --format c)
[ "$got" = "cloudfront combined csv " ] || { echo "FAIL: bash, --format c: $got"; exit 1; }
got=$(complete_bash archwise recheck --s)
[ "$got" = "--set --strict " ] || { echo "FAIL: bash, recheck --s: $got"; exit 1; }
got=$(cd repo && complete_bash archwise scan '')
[ "$got" = "sub " ] || { echo "FAIL: bash, scan folder: $got"; exit 1; }
got=$(complete_bash archwise eval a.y)
[ "$got" = "a.yaml " ] || { echo "FAIL: bash, eval file: $got"; exit 1; }
# zsh: the file parses, and compinit binds it to archwise.
command -v zsh >/dev/null 2>&1 || { echo "zsh is not installed: run sh scripts/deps.sh test"; exit 77; }
zsh -n "$zshc" || { echo "FAIL: zsh completion does not parse"; exit 1; }
got=$(HOME="$tmp" zsh -f -c 'fpath=("$1" $fpath); autoload -Uz compinit; compinit -u -D; print -r -- "$_comps[archwise]"' \
	zsh "$(dirname "$zshc")")
[ "$got" = "_archwise" ] || { echo "FAIL: zsh compinit does not bind _archwise: '$got'"; exit 1; }
echo "install: binary, data, man page and completions in place; installed binary works from any folder"
