#!/bin/sh
# A result that cannot be written to stdout (a full disk: /dev/full) is an
# I/O failure: exit 1 and one 'archwise:' line on stderr, for every command.
set -u
[ -w /dev/full ] || { echo "no /dev/full"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
A=$ARCHWISE
fail=0
full() { # description command...
	what=$1; shift
	"$@" >/dev/full 2>err
	rc=$?
	if [ $rc -ne 1 ]; then
		echo "FAIL $what: exit $rc with stdout on a full disk, want 1"; cat err; fail=1
	elif [ "$(wc -l <err)" -ne 1 ] || ! grep -q '^archwise: ' err; then
		echo "FAIL $what: stderr is not one 'archwise:' line:"; cat err; fail=1
	else
		echo "ok   $what"
	fi
}
printf 'questionnaire: k8s-vs-serverless\nanswers:\n  service_name: user-api\n' >good.yaml
# a repository whose findings fill more than stdio's buffer
for i in $(seq 1 80); do
	mkdir -p "repo/service-$i"
	printf 'FROM node:22\nEXPOSE 8080\n' >"repo/service-$i/Dockerfile"
done
printf '127.0.0.1 - - [10/Oct/2026:13:55:36 +0000] "GET / HTTP/1.1" 200 2 "-" "-"\n' >access.log
full "--help" "$A" --help
full "--version" "$A" --version
full "check" "$A" check good.yaml
full "eval" "$A" eval good.yaml
full "eval --json" "$A" eval good.yaml --json
full "export" "$A" export good.yaml -o out --date 2026-01-01
full "scan" "$A" scan repo
full "scan --json" "$A" scan repo --json
full "traffic" "$A" traffic access.log
exit $fail
