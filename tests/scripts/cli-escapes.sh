#!/bin/sh
# Messages that quote a file or folder name given on the command line stay
# one line and carry no control character (ESC, BEL, CR, a newline of the
# name) to the terminal: export, check, scan, traffic and usage errors.
set -u
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
A=$ARCHWISE
fail=0
clean() { # file: no ESC, BEL, CR or other C0 control but the line ends
	[ "$(tr -d '\n' <"$1" | tr -cd '\000-\037\177' | wc -c)" -eq 0 ]
}
expect() { # want_rc description command...
	want=$1; what=$2; shift 2
	"$@" >out 2>err
	rc=$?
	if [ "$rc" -ne "$want" ]; then
		echo "FAIL $what: exit $rc, want $want"; fail=1; return
	fi
	if [ "$want" -ne 0 ] && [ "$(wc -l <err)" -ne 1 ]; then
		echo "FAIL $what: stderr is $(wc -l <err) lines:"; od -c err | head -5; fail=1; return
	fi
	if ! clean err || ! clean out; then
		echo "FAIL $what: a control character reached the terminal:"; od -c err out | head -8; fail=1; return
	fi
	echo "ok   $what"
}
printf 'questionnaire: k8s-vs-serverless\nanswers:\n  service_name: user-api\n' >good.yaml
bad=$(printf 'a\nb\033[31m\rc\007')
expect 0 "export to a folder with controls in its name" "$A" export good.yaml -o "$bad" --target knative
expect 1 "refused export to that folder" "$A" export good.yaml -o "$bad" --target knative
grep -q 'already exists' err || { echo "FAIL refused export: $(cat err)"; fail=1; }
cp good.yaml "$bad.yaml"
expect 0 "check of a file with controls in its name" "$A" check "$bad.yaml"
expect 2 "scan of a missing folder with controls in its name" "$A" scan "$bad-missing"
expect 2 "traffic of a missing log with controls in its name" "$A" traffic "$bad.log"
expect 2 "unknown option with controls" "$A" eval good.yaml "--x$bad"
expect 2 "scan: unknown option with controls" "$A" scan . "--x$bad"
expect 2 "traffic: unknown format with controls" "$A" traffic --format "$bad" x.log
printf '127.0.0.1 - - [10/Oct/2026:13:55:36 +0000] "GET / HTTP/1.1" 200 2 "-" "-"\n' >access.log
expect 1 "traffic --write-answers into a missing folder" "$A" traffic access.log --write-answers "$bad-missing/x.yaml"
exit $fail
