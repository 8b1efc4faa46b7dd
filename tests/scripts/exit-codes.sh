#!/bin/sh
# Exit codes and messages: out of memory and I/O errors are runtime failures
# (exit 1, one line, no abort's 134), bad input is 2; one stderr line per
# bad file in a multi-file eval; small wording defects (-0, "an alb log", a
# scan with no findings or an unreadable folder); the wizard's session is
# refused through a symlink at read too.
set -u
A=${ARCHWISE:?}
root=${ARCHWISE_ROOT:?}
tmp=$(mktemp -d)
trap 'chmod -R u+rwx "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
chmod 755 "$tmp"
fail=0
bad() { printf 'FAIL: %s\n' "$*"; fail=1; }
. "$root/tests/scripts/expect.inc"
good="$root/tests/cases/defaults/answers.yaml"

# Out of memory: exit 1 and one line (address space capped; not under ASan,
# whose shadow memory needs the address space).
if [ -z "${ARCHWISE_SANITIZED:-}" ]; then
	python3 -c "import sys; sys.stdout.write('x: [' + ','.join(['1'] * 2000000) + ']\n')" >big.yaml
	check 1 "out of memory loading a file: exit 1, not 134" "archwise: out of memory" sh -c "ulimit -v 60000; exec \"$A\" check big.yaml"
	printf '1.2.3.4 - - [10/Oct/2000:13:55:36 +0000] "GET / HTTP/1.1" 200 1\n' | gzip >small.log.gz
	check 1 "out of memory reading a gzip log: exit 1, not 2" "out of memory" sh -c "ulimit -v 7000; exec \"$A\" traffic small.log.gz"
fi

# I/O errors (permission refused) are runtime failures; a missing file is bad input.
cp "$good" private.yaml
chmod 000 private.yaml
if [ "$(id -u)" -eq 0 ]; then
	if command -v setpriv >/dev/null 2>&1; then
		as_other="setpriv --reuid=nobody --regid=nogroup --clear-groups"
	else
		as_other=""
	fi
else
	as_other="env"
fi
if [ -n "$as_other" ]; then
	check 1 "EACCES on an answers file: exit 1" "private.yaml: cannot open: Permission denied" $as_other "$A" eval "$tmp/private.yaml"
	check 1 "EACCES on a log: exit 1" "private.yaml: cannot open: Permission denied" $as_other "$A" traffic "$tmp/private.yaml"
	mkdir -p repo/locked repo/app && printf 'FROM node:22\n' >repo/app/Dockerfile && chmod 000 repo/locked
	check 0 "an unreadable folder in a scan is named" "repo: 1 folder could not be read and was skipped (locked: Permission denied)" $as_other "$A" scan "$tmp/repo"
else
	echo "note: no way to drop root here (setpriv); the permission cases are not run"
fi
check 2 "a missing file is bad input: exit 2" "nowhere.yaml: cannot open: No such file" "$A" eval nowhere.yaml

# Multi-file eval: one line per bad file, nothing more.
printf 'answers:\n  bogus: 1\n' >bad1.yaml
check 2 "eval of three files, one bad: one stderr line" "bad1.yaml:2:3: unknown" "$A" eval "$good" bad1.yaml "$good"
check 2 "the same with --json" "bad1.yaml:2:3" "$A" eval "$good" bad1.yaml "$good" --json
python3 -c "import json; a = json.load(open('out')); assert [sorted(x) for x in a] == [['file', 'result'], ['error', 'file'], ['file', 'result']]" ||
	bad "eval --json array: $(head -c 200 out)"

# An export check on an answer names the file and the answer's position.
printf 'questionnaire: k8s-vs-serverless\nanswers:\n  container_image: "nginx:latest"\n' >latest.yaml
check 2 "export: the unpinned image at its line and column" "latest.yaml:3:20: container_image" "$A" export latest.yaml -o o1
printf '{"questionnaire": "k8s-vs-serverless",\n "answers": {"container_image": "nginx"}}\n' >latest.json
check 2 "the same in JSON" "latest.json:2:33: container_image" "$A" export latest.json -o o2

# Wording.
printf 'questionnaire: k8s-vs-serverless\nanswers:\n  requests_per_day: -0\n' >zero.yaml
check 0 "-0 is 0" "" "$A" eval zero.yaml
grep -q -- "-0 requests" out && bad "-0 printed: $(grep -- '-0 req' out | head -2)"
printf 'nothing like a log\n' >junk.log
check 2 "'an alb log'" "could be read as an alb log" "$A" traffic --format alb junk.log
mkdir -p emptyrepo
check 0 "a scan with no findings says so" "" "$A" scan emptyrepo
grep -q "no findings" out || bad "empty scan printed: $(cat out)"

# The session: refused through a symlink before anything reads it.
if command -v script >/dev/null 2>&1; then
	mkdir -p state/archwise
	cp "$good" elsewhere.yaml
	ln -s "$tmp/elsewhere.yaml" state/archwise/session.yaml
	XDG_STATE_HOME="$tmp/state" TERM=xterm timeout -s KILL 20 script -qec "\"$A\" --resume" /dev/null >out 2>&1; rc=$?
	[ "$rc" -eq 2 ] && grep -q "is a symbolic link; refusing to read the session" out &&
		echo "ok   --resume refuses a symlinked session" || bad "symlinked session: exit $rc: $(head -c 300 out)"
else
	echo "note: script(1) missing: the --resume symlink case is covered by test_session"
fi
exit "$fail"
