#!/bin/sh
# Faults during export (issue #6): SIGKILL at random moments, the output folder
# removed mid-export, a read-only folder. Never a crash, never a partial or
# corrupted file, nothing touched outside the output folder.
set -u
tmp=$(mktemp -d)
trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
cd "$tmp"
fail=0
printf 'questionnaire: k8s-vs-serverless\nanswers:\n  traffic_pattern: spiky\n' >a.yaml
"$ARCHWISE" export a.yaml -o ref --date 2026-01-01 >/dev/null || { echo "FAIL reference export"; exit 1; }
(cd ref && find . -type f | sort) >ref.list

# 1. SIGKILL at a random moment: every file present is complete and identical
#    to the reference; no temporary file is left visible.
i=0; kills=0; writing=0
while [ $i -lt 40 ]; do
	i=$((i + 1))
	rm -rf k
	"$ARCHWISE" export a.yaml -o k --date 2026-01-01 >/dev/null 2>&1 &
	pid=$!
	# 0-4 ms: the whole export takes a few
	sleep "0.00$((i % 5))"
	kill -9 $pid 2>/dev/null
	# Killed mid-way only if the export died of the signal (128 + 9); a
	# kill sent after it ended (a zombie not yet reaped) succeeds too.
	wait $pid 2>/dev/null
	st=$?
	[ $st -eq 137 ] && kills=$((kills + 1))
	[ $st -eq 137 ] || [ $st -eq 0 ] || { echo "FAIL kill $i: exit $st"; fail=1; }
	[ -d k ] || continue
	[ $st -eq 137 ] && writing=$((writing + 1))
	for f in $(cd k && find . -type f); do
		if ! grep -qx "$f" ref.list; then
			echo "FAIL kill $i: stray file $f"; fail=1
		elif ! cmp -s "k/$f" "ref/$f"; then
			echo "FAIL kill $i: $f differs from the reference (partial?)"; fail=1
		fi
	done
done
if [ $kills -eq 0 ]; then
	echo "FAIL SIGKILL during export: no run was killed mid-way ($i runs): nothing was tested"; fail=1
else
	echo "ok   SIGKILL during export: $i runs, $kills killed mid-way ($writing after the output folder was made), no partial file"
fi

# 2. the output folder removed while exporting: exit 0 or 1, never a crash,
#    nothing created beside it.
i=0
while [ $i -lt 30 ]; do
	i=$((i + 1))
	mkdir -p side && cd side
	( sleep "0.00$((i % 4))"; rm -rf out ) &
	"$ARCHWISE" export ../a.yaml -o out --date 2026-01-01 >/dev/null 2>../err
	rc=$?
	wait
	if [ $rc -ne 0 ] && [ $rc -ne 1 ]; then echo "FAIL removal $i: exit $rc"; cat ../err; fail=1; fi
	extra=$(ls -A | grep -v '^out$' || true)
	[ -z "$extra" ] || { echo "FAIL removal $i: created $extra beside the output"; fail=1; }
	cd .. && rm -rf side
done
echo "ok   output folder removed mid-export: $i runs, exit 0/1 only, nothing beside it"

# 3. a read-only folder: exit 1, one error line, nothing written.
if [ "$(id -u)" -ne 0 ]; then
	mkdir ro && chmod 555 ro
	"$ARCHWISE" export a.yaml -o ro/out --date 2026-01-01 >/dev/null 2>err; rc=$?
	[ $rc -eq 1 ] && [ -z "$(ls -A ro)" ] && echo "ok   read-only folder" || { echo "FAIL read-only: exit $rc"; fail=1; }
else
	# root ignores permissions: a read-only bind is what stops root
	mkdir ro
	if mount -t tmpfs -o ro,size=64k tmpfs ro 2>/dev/null; then
		"$ARCHWISE" export a.yaml -o ro/out --date 2026-01-01 >/dev/null 2>err; rc=$?
		[ $rc -eq 1 ] && [ -z "$(ls -A ro)" ] && grep -q '^archwise: ' err && echo "ok   read-only mount: $(cat err)" \
			|| { echo "FAIL read-only mount: exit $rc"; cat err; fail=1; }
		umount ro
	else
		echo "root cannot mount a tmpfs here (a container without CAP_SYS_ADMIN?)"; exit 77
	fi
fi
exit $fail
