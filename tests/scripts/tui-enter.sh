#!/bin/sh
# From the start, pressing only Enter reaches the result screen,
# which names what `archwise eval` says of the autosaved answers (all the
# defaults). One key at a time, each waiting for the screen to change.
. "$(dirname "$0")/tui-common.inc"

tui_start 80 24
wait_for "question 1/$QN"
presses=0
while ! tui_screen | grep -q 'Recommended: '; do
	[ $presses -lt 40 ] || fail "no result after $presses presses of Enter"
	before=$(tui_screen)
	tui_keys Enter
	presses=$((presses + 1))
	i=0
	while [ "$(tui_screen)" = "$before" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
done
echo "result after $presses presses of Enter"
[ $presses -eq $((QN + 1)) ] || fail "expected $QN answers + 1 on the review, took $presses presses"
expected=$("$ARCHWISE" eval "$SESSION_FILE" | sed -n 's/^Recommendation: \(.*\) ([a-z_]*).*/\1/p')
[ -n "$expected" ] || fail "eval printed no recommendation"
tui_screen | grep -qF "Recommended: $expected" || fail "wizard and eval disagree ($expected)"
tui_keys q y
status=$(wait_exit)
[ "$status" = 0 ] || fail "exit status $status"
assert_terminal_restored
echo "ok"
