#!/bin/sh
# Small terminals and plain ones: down to 60x16 a compact layout (no side
# panel), 80x23 (a 24-row terminal with a status line) works; below 60x16
# the screen asks to enlarge and recovers. With TERM=vt100 (no PgUp/PgDn
# in its terminfo) PgDn is read whole: it changes section and never leaks
# its '6' (tab 6). Esc goes back outside text fields; the key bar names back
# and PgUp/PgDn.
. "$(dirname "$0")/tui-common.inc"

tui_start 60 16
wait_for "question 1/$QN"
tui_screen | grep -q 'Please enlarge' && fail "60x16 asks to enlarge"
tui_screen | grep -q 'Sections' && fail "the side panel is drawn at 60x16"
wait_for "Answered 0 of $QN . leaning"
tui_screen | grep -q 'Steady, around the clock' || fail "the options are not shown"
tui_keys Enter
wait_for 'question 2/'
tui_screen | grep -q 'requests/day' || fail "the number question is not shown"
# Below 60x16: the message; back: the screen.
tmux -L "$TUI_SOCK" resize-window -x 59 -y 16
wait_for 'Please enlarge'
tmux -L "$TUI_SOCK" resize-window -x 80 -y 23
wait_gone 'Please enlarge'
wait_for 'question 2/'
tui_screen | tail -n 1 | grep -q 'back' || fail "the key bar at 80x23 does not name back"
tmux -L "$TUI_SOCK" resize-window -x 60 -y 16
wait_for 'question 2/'
# To the result at 60x16; every tab draws something.
tui_skip_to_review
# Esc on the review goes back to the questions, Tab returns.
tui_keys Escape
wait_for "question $QN/$QN"
tui_keys Tab
wait_for 'Review your answers'
tui_keys Home Enter
wait_for 'Recommended: '
for tab in 2 3 4 5 6 7; do
	tui_keys "$tab"
	sleep 0.2
	tui_screen | grep -q 'Please enlarge' && fail "tab $tab asks to enlarge"
done
wait_for 'Output folder'
# Esc on a tab goes back to the review.
tui_keys Escape
wait_for 'Review your answers'
tui_keys q
wait_for 'Quit archwise'
tui_keys y
[ "$(wait_exit)" = 0 ] || fail "quit did not exit 0"

# TERM=vt100: PgDn is one key, not Esc [ 6 ~.
TUI_ENV="TERM=vt100" tui_start 100 30
wait_for 'A saved session was found'
tui_keys n
wait_gone 'A saved session was found'
wait_for "Workload · question 1 of"
tui_keys PgDn
wait_for 'Organization · question 1 of'
tui_keys PgUp
wait_for 'Workload · question 1 of'
# To the result; PgDn on tab 1 scrolls it and never opens tab 6.
tui_enter_to_review
tui_keys Enter
wait_for 'Recommended: '
tui_keys PgDn
wait_gone 'Recommended: '
sleep 0.3
tui_screen | grep -q 'Output folder\|decision-record\|Files (' && fail "PgDn leaked its 6: tab 6"
tui_screen | grep -q 'more above' || fail "PgDn did not scroll tab 1"
tui_keys Escape
wait_for 'Review your answers'
echo "ok"
