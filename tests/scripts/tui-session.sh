#!/bin/sh
# A saved session is never lost: starting without --resume offers to
# continue it or to start fresh, and a fresh start keeps the old session as
# session.yaml.1 (then .2, ...); quitting says where the answers are.
. "$(dirname "$0")/tui-common.inc"

# First run: two answers, then quit; the quit question and the shell say
# where the answers are.
tui_start 100 30
wait_for "question 1/$QN"
tui_keys Down Enter
wait_for 'question 2/'
tui_keys C-u
tui_type 777777
tui_keys Enter
wait_for 'question 3/'
wait_file_has "$SESSION_FILE" 'requests_per_day: 777777$'
tui_keys q
wait_for 'Your answers are saved in'
tui_screen | grep -qF "session.yaml (archwise" || fail "the quit question does not name the file"
tui_keys y
wait_for "^archwise: answers saved in $XDG_STATE_HOME/"
[ "$(wait_exit)" = 0 ] || fail "quit did not exit 0"

# Second run without --resume: the offer, with what the session holds.
tui_start 100 30
wait_for 'A saved session was found'
tui_screen | grep -q "2 of $QN questions answered" || fail "the offer does not count the answers"
# Enter (or c) continues it.
tui_keys Enter
wait_for "question 3/$QN"
wait_for 'Continuing the saved session'
tui_screen | grep -q "Answered 2 of $QN" || fail "continue did not load the answers"
tui_keys q
wait_for 'Quit archwise'
tui_keys y
[ "$(wait_exit)" = 0 ] || fail "quit did not exit 0"
[ -f "$SESSION_FILE.1" ] && fail "continuing made a backup"

# Third run: start fresh. Until the first answer nothing moves; then the
# old session becomes session.yaml.1 and a new one starts.
tui_start 100 30
wait_for 'A saved session was found'
tui_keys n
wait_gone 'A saved session was found'
wait_for "Answered 0 of $QN"
grep -q 'requests_per_day: 777777$' "$SESSION_FILE" || fail "n alone changed the session"
tui_keys End Enter
wait_for 'question 2/'
wait_for 'previous session is kept as .*session.yaml.1'
wait_file_has "$SESSION_FILE.1" 'requests_per_day: 777777$'
wait_file_has "$SESSION_FILE" 'traffic_pattern: sporadic$'
grep -q 'requests_per_day: 777777$' "$SESSION_FILE" && fail "the fresh session kept the old answer"
tui_keys q
wait_for 'Quit archwise'
tui_keys y
[ "$(wait_exit)" = 0 ] || fail "quit did not exit 0"

# Fourth run, fresh again: the backups rotate (.1 -> .2), nothing lost.
tui_start 100 30
wait_for 'A saved session was found'
tui_screen | grep -q "1 of $QN questions answered" || fail "the offer does not count the answers"
tui_keys n
wait_gone 'A saved session was found'
tui_keys Enter
wait_for 'question 2/'
wait_file_has "$SESSION_FILE.2" 'requests_per_day: 777777$'
wait_file_has "$SESSION_FILE.1" 'traffic_pattern: sporadic$'

# --answers FILE starts from the file without asking, and still keeps the
# saved session at its first save.
tui_keys q
wait_for 'Quit archwise'
tui_keys y
wait_exit >/dev/null
cp "$SESSION_FILE.2" "$TUI_TMP/from.yaml"
tui_start 100 30 --answers "'$TUI_TMP/from.yaml'"
wait_for "question 1/$QN"
tui_screen | grep -q 'A saved session was found' && fail "--answers asked about the session"
tui_keys Enter
wait_for 'question 2/'
wait_file_has "$SESSION_FILE.3" 'requests_per_day: 777777$'
wait_file_has "$SESSION_FILE" 'requests_per_day: 777777$'

# An unreadable session is offered as a backup only, never continued.
tui_keys q
wait_for 'Quit archwise'
tui_keys y
wait_exit >/dev/null
printf 'answers:\n  no_such_question: 1\n' > "$SESSION_FILE"
tui_start 100 30
wait_for 'It cannot be read: .*no_such_question'
tui_keys Enter
sleep 0.3
tui_screen | grep -q 'It cannot be read' || fail "Enter continued an unreadable session"
tui_keys n Enter
wait_for 'question 2/'
wait_file_has "$SESSION_FILE.1" 'no_such_question'
echo "ok"
