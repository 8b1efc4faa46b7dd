#!/bin/sh
# Mouse and overlays: a click chooses an option, a click on a section jumps
# to it, a click on the tab bar switches tabs; `?` opens the key help and any
# key closes it. Clicks are sent as the terminal would (xterm SGR 1006).
. "$(dirname "$0")/tui-common.inc"

# click TEXT: a left click on the first character of the first TEXT on screen.
click() {
	pos=$(tui_screen | awk -v s="$1" '{ i = index($0, s); if (i) { print i " " NR; exit } }')
	[ -n "$pos" ] || fail "nothing to click: '$1' is not on screen"
	# awk's index counts characters here (UTF-8 locale), as the terminal does.
	x=${pos% *}; y=${pos#* }
	tmux -L "$TUI_SOCK" send-keys -l "$(printf '\033[<0;%d;%dM' "$x" "$y")"
	tmux -L "$TUI_SOCK" send-keys -l "$(printf '\033[<0;%d;%dm' "$x" "$y")"
}
export LC_ALL=C.UTF-8

tui_start 100 30
wait_for "question 1/$QN"
click 'Sporadic, long idle'
wait_file_has "$SESSION_FILE" 'traffic_pattern: sporadic'
wait_for '\(●\) Sporadic'

click 'Business'
wait_for 'Business · question 1 of'

tui_keys '?'
wait_for 'Any key closes this help'
tui_keys x
wait_gone 'Any key closes this help'
wait_for 'Business · question 1 of'

# To the result (End of the questionnaire: PgDn to the last section, then Enter).
tui_keys PgDn PgDn PgDn
wait_for 'Deployment · question 1 of'
left=$(tui_screen | sed -n 's/.*Deployment · question 1 of \([0-9]*\).*/\1/p')
[ -n "$left" ] || fail "no question count in the last section"
# The service name: a text field checked against its pattern as typed;
# inside the field q is a letter, not quit.
tui_screen | grep -q 'service' || fail "the first deployment question is not the service name"
tui_type 'Bad_Name'
wait_for '\[Bad_Name'
wait_for 'a lower-case letter first'
tui_keys Enter
wait_for 'Deployment · question 1 of'
tui_keys BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace
tui_type 'shop-q'
wait_for '\[shop-q'
wait_for '✔ ok'
tui_screen | grep -q 'Quit archwise' && fail "q in a text field asked to quit"
tui_keys Enter
wait_for 'Deployment · question 2 of'
wait_file_has "$SESSION_FILE" 'service_name: shop-q'
# Back on it, Esc leaves the unchanged field; then q asks to quit.
tui_keys BTab
wait_for 'Deployment · question 1 of'
tui_keys Escape
wait_for 'type to edit again'
tui_keys q
wait_for 'Quit archwise\?'
tui_keys n
wait_gone 'Quit archwise\?'
tui_keys Tab
wait_for 'Deployment · question 2 of'
n=2
while [ $n -le "$left" ]; do tui_keys Enter; n=$((n + 1)); done
wait_for 'Review your answers'
tui_keys Enter
wait_for 'Recommended: '
click '4 Cost'
wait_for 'per month'
click '5 Performance'
wait_for 'P95 latency'
click '3 Cases'
wait_for 'Lesson:'

# Export by mouse: a click on Write writes; a second click asks before
# overwriting, and the click's own release must not answer the question
# (it did: "keep them", so y then wrote nothing).
click '7 Export'
wait_for 'Write the files'
click 'Write the files'
wait_for 'Written to '
tui_keys 1
wait_for 'Recommended: '
click '7 Export'
wait_for 'Write the files'
click 'Write the files'
wait_for 'Overwrite them with the new versions'
sleep 0.3
tui_screen | grep -q 'Overwrite them with the new versions' || fail "the click's release closed the question"
tui_keys y
wait_for 'Written to '
tui_keys 3
wait_for 'Lesson:'

tui_keys q
wait_for 'Quit archwise\?'
tui_keys n
wait_gone 'Quit archwise\?'
wait_for 'Lesson:'
tui_keys q y
status=$(wait_exit)
[ "$status" = 0 ] || fail "exit status $status"
assert_terminal_restored
echo "ok"
