#!/bin/sh
# Text fields edit like a shell line (readline keys) with a visible cursor:
# Left/Right inside the text, Home/End, Delete, Backspace, Ctrl-A/E/U/W/K;
# Esc cancels the edit; leaving a question keeps what was typed.
. "$(dirname "$0")/tui-common.inc"

field() {
	tui_screen | sed -n 's/.*\[\([^]]*\)\].*/\1/p' | head -n 1 | sed 's/ *$//'
}
expect_field() {
	i=0
	while [ "$(field)" != "$1" ]; do
		i=$((i + 1)); [ $i -lt 100 ] || fail "field is '$(field)', expected '$1'"
		sleep 0.05
	done
}
# The terminal cursor is shown, on column $1 of the field's text.
expect_cursor() {
	line=$(tui_screen | grep -n '\[' | grep -v '^[0-9]*:.*Sections' | head -n 1)
	row=$(( ${line%%:*} - 1 ))
	text=${line#*:}
	before=${text%%\[*}
	col=$(printf '%s' "$before" | wc -m)
	i=0
	while :; do
		cx=$(tmux -L "$TUI_SOCK" display-message -p '#{cursor_x}')
		cy=$(tmux -L "$TUI_SOCK" display-message -p '#{cursor_y}')
		fl=$(tmux -L "$TUI_SOCK" display-message -p '#{cursor_flag}')
		[ "$fl" = 1 ] && [ "$cy" = "$row" ] && [ "$cx" = $((col + 1 + $1)) ] && return 0
		i=$((i + 1)); [ $i -lt 100 ] || fail "cursor at $cx,$cy (shown: $fl), expected $((col + 1 + $1)),$row"
		sleep 0.05
	done
}

tui_start 100 30
wait_for "question 1/$QN"
tui_keys PgDn PgDn PgDn
wait_for 'Deployment · question 1 of'
expect_field 'user-api'
expect_cursor 8
# Left moves inside the text and keeps it (no jump to the last question).
tui_keys Left Left
tui_type Z
expect_field 'user-aZpi'
expect_cursor 7
tui_screen | grep -q 'Deployment · question 1 of' || fail "Left left the question"
tui_keys Home
tui_type A
expect_field 'Auser-aZpi'
expect_cursor 1
tui_keys C-e BSpace
expect_field 'Auser-aZp'
tui_keys C-a DC
expect_field 'user-aZp'
tui_keys Right Right Right Right C-k
expect_field 'user'
expect_cursor 4
tui_type ' svc'
tui_keys C-w
expect_field 'user'   # and a space: the cursor is after it
expect_cursor 5
tui_keys End C-u
expect_field ''
tui_type 'shop'
expect_field 'shop'
wait_for 'Not saved yet: Enter saves it, Esc restores user-api'

# Leaving the question keeps the typed text (not saved); back on it, it
# is there; Esc restores the answer.
tui_keys Tab
wait_for 'Deployment · question 2 of'
tui_keys BTab
wait_for 'Deployment · question 1 of'
expect_field 'shop'
grep -q 'service_name: shop' "$SESSION_FILE" 2>/dev/null && fail "leaving saved the draft"
tui_keys Escape
expect_field 'user-api'
wait_for 'Edit cancelled'
# Esc again leaves the field; a third goes back a question.
tui_keys Escape
wait_for 'type to edit again'
tui_keys Escape
wait_for 'Business · question'

# Number fields edit the same way.
tui_start 100 30
wait_for 'A saved session was found|question 1/'
tui_screen | grep -q 'A saved session' && tui_keys n
wait_gone 'A saved session was found'
tui_keys Tab
wait_for 'question 2/'
expect_field '100000'
tui_keys Left Left Left
tui_type ,
expect_field '100,000'
wait_for '= 100,000 requests/day'
tui_keys Home DC
tui_type 2
expect_field '200,000'
tui_keys Enter
wait_for 'question 3/'
wait_file_has "$SESSION_FILE" 'requests_per_day: 200000$'
echo "ok"
