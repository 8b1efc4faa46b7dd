#!/bin/sh
# The export tab says where files go as an absolute path, says when the
# answers changed after a write (the files are out of date), and reports a
# target's folder left from an earlier write when that target is no longer
# chosen.
. "$(dirname "$0")/tui-common.inc"

tui_start 100 30
wait_for "question 1/$QN"
tui_enter_to_review
tui_keys Enter
wait_for 'Recommended: '
tui_keys 7
wait_for 'Output folder'
abs="$TUI_TMP/archwise-out/user-api"
wait_for "Output folder = $abs"
tui_keys w
wait_for "Written to $abs"
tui_screen | grep -q 'answers changed after this write' && fail "stale notice right after the write"
# An answer changes (a matrix weight): the written files are out of date.
tui_keys 2
wait_for 'Weighted total'
tui_keys +
sleep 0.3
tui_keys 7
wait_for 'The answers changed after this write'
# Fargate no longer chosen, written again: its old folder is reported.
tui_keys Down Down Down Down Down Down
tui_keys Space
sleep 0.2
tui_keys w
wait_for 'Overwrite\?'
tui_keys y
wait_for "Written to $abs"
wait_gone 'The answers changed after this write'
if [ -d "$abs/fargate" ]; then
	wait_for 'Also in the folder, not chosen now: fargate/'
	echo "the old fargate/ is reported"
else
	echo "the old fargate/ was removed by the export"
fi
echo "ok"
