#!/bin/sh
# export --adr-dir: the ADR copy (the record and its cost chart) and the
# bundle succeed or fail together.
# An ADR folder that cannot be written leaves no bundle; a bundle that
# cannot be written (or is refused) leaves no ADR copy. Read-only folders
# are read-only tmpfs mounts as root (root ignores permissions), chmod 555
# otherwise.
set -u
tmp=$(mktemp -d)
mounts=""
cleanup() {
	for m in $mounts; do umount "$m" 2>/dev/null; done
	chmod -R u+w "$tmp" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
cd "$tmp" || exit 1
A=$ARCHWISE
fail=0
read_only_folder() { # makes $1 an empty folder nobody can write in
	mkdir -p "$1"
	if [ "$(id -u)" -eq 0 ]; then
		mount -t tmpfs -o ro,size=64k tmpfs "$1" 2>/dev/null || { echo "cannot mount a read-only tmpfs"; exit 77; }
		mounts="$mounts $tmp/$1"
	else
		chmod 555 "$1"
	fi
}
printf 'questionnaire: k8s-vs-serverless\nanswers:\n  service_name: user-api\n' >good.yaml

read_only_folder adr-ro
"$A" export good.yaml -o out1 --adr-dir adr-ro --date 2026-01-01 >out 2>err
rc=$?
if [ $rc -ne 1 ]; then echo "FAIL unwritable ADR folder: exit $rc, want 1"; cat err; fail=1
elif [ -e out1 ]; then echo "FAIL unwritable ADR folder: the bundle was written anyway"; ls -R out1 | head; fail=1
elif [ "$(wc -l <err)" -ne 1 ] || ! grep -q '^archwise: .*adr-ro' err; then echo "FAIL unwritable ADR folder: stderr:"; cat err; fail=1
else echo "ok   unwritable ADR folder: nothing written"; fi

mkdir adr
read_only_folder out-ro
"$A" export good.yaml -o out-ro/svc --adr-dir adr --date 2026-01-01 >out 2>err
rc=$?
if [ $rc -ne 1 ]; then echo "FAIL unwritable bundle folder: exit $rc, want 1"; cat err; fail=1
elif [ -n "$(ls -A adr)" ]; then echo "FAIL unwritable bundle folder: ADR copy left: $(ls adr)"; fail=1
else echo "ok   unwritable bundle folder: no ADR copy left"; fi

"$A" export good.yaml -o out2 --date 2026-01-01 >/dev/null 2>&1 || { echo "FAIL plain export"; fail=1; }
"$A" export good.yaml -o out2 --adr-dir adr --date 2026-01-01 >out 2>err
rc=$?
if [ $rc -ne 1 ]; then echo "FAIL refused bundle: exit $rc, want 1"; cat err; fail=1
elif [ -n "$(ls -A adr)" ]; then echo "FAIL refused bundle: ADR copy left: $(ls adr)"; fail=1
else echo "ok   refused bundle: no ADR copy left"; fi

"$A" export good.yaml -o out3 --adr-dir adr --date 2026-01-01 >out 2>err
# The record and its chart, the record linking the chart by its ADR name.
if [ $? -eq 0 ] && [ "$(ls adr | wc -l)" -eq 2 ] &&
   sed 's/](0001-choose-[a-z-]*-for-user-api-cost\.svg)$/](cost-chart.svg)/' adr/0001-*[!t].md |
	cmp -s out3/decision-record.md - &&
   cmp -s out3/cost-chart.svg adr/0001-*-cost.svg; then
	echo "ok   both written, the same record and chart"
else
	echo "FAIL export with --adr-dir:"; cat err; ls adr; fail=1
fi
exit $fail
