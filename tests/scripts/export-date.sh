#!/bin/sh
# export --date: only real calendar dates YYYY-MM-DD (the same check as an
# answers file's date), else exit 2 with one line and nothing written.
set -u
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
A=$ARCHWISE
fail=0
printf 'questionnaire: k8s-vs-serverless\nanswers:\n  traffic_pattern: steady\n' >good.yaml
for d in 2026-02-30 2026-02-31 2025-02-29 2026-04-31 2026-13-01 2026-00-10 +026-01-01 2026-1-010 yesterday; do
	"$A" export good.yaml -o "out-$d" --date "$d" >out 2>err
	rc=$?
	if [ $rc -ne 2 ]; then
		echo "FAIL --date $d: exit $rc, want 2"; fail=1
	elif [ "$(wc -l <err)" -ne 1 ] || ! grep -q "^archwise: .*--date '$d'" err; then
		echo "FAIL --date $d: stderr is not one line naming the date:"; cat err; fail=1
	elif [ -e "out-$d" ]; then
		echo "FAIL --date $d: something was written"; fail=1
	else
		echo "ok   --date $d refused"
	fi
done
for d in 2024-02-29 2000-02-29 2026-12-31; do
	if "$A" export good.yaml -o "out-$d" --date "$d" >/dev/null 2>err &&
	   grep -q "^date: $d\$" "out-$d/decision-record.md"; then
		echo "ok   --date $d"
	else
		echo "FAIL --date $d:"; cat err; fail=1
	fi
done
exit $fail
