#!/bin/sh
# Autosave and signals: kill -9 mid-session loses nothing answered and
# `archwise --resume` continues from the autosave; SIGTERM and Ctrl-C
# restore the terminal; Ctrl-Z suspends and the screen comes back on resume.
. "$(dirname "$0")/tui-common.inc"

wizard_pid() {
	shell=$(tmux -L "$TUI_SOCK" display-message -p '#{pane_pid}')
	# The pane's shell runs env, which execs archwise: its only child.
	for st in /proc/[0-9]*/stat; do
		read -r pid _ _ ppid _ < "$st" 2>/dev/null || continue
		[ "$ppid" = "$shell" ] && { echo "$pid"; return; }
	done
}

tui_start 100 30
wait_for "question 1/$QN"
tui_keys Down Enter
wait_for 'question 2/'
tui_keys BSpace BSpace BSpace BSpace BSpace BSpace
tui_type 777777
tui_keys Enter
wait_for 'question 3/'
wait_file_has "$SESSION_FILE" 'requests_per_day: 777777$'
wait_file_has "$SESSION_FILE" 'traffic_pattern: spiky'
# Half-typed answer on question 3, then the hard kill.
tui_type 123
pid=$(wizard_pid)
[ -n "$pid" ] || fail "cannot find the wizard's pid"
kill -9 "$pid"
status=$(wait_exit)
[ "$status" = 137 ] || fail "expected 137 after kill -9, got $status"
# The file is whole (atomic write) and parses.
"$ARCHWISE" check "$SESSION_FILE" >/dev/null 2>&1 || "$ARCHWISE" eval "$SESSION_FILE" >/dev/null ||
	fail "the session file is not a valid answers file"

tui_start 100 30 --resume
wait_for "Review your answers|question [0-9]+/$QN"
if tui_screen | grep -q 'Review your answers'; then
	tui_screen | grep -q 'Spiky' || fail "resumed review lacks the traffic answer"
	tui_screen | grep -q '777,777 requests/day' || fail "resumed review lacks requests/day"
	tui_keys Enter
else
	# Resumed on the first unanswered question (3: the session holds
	# only what was answered): walk to the review.
	k=$(tui_screen | sed -n "s/.*question \([0-9]*\)\/$QN.*/\1/p" | head -n 1)
	[ "$k" = 3 ] || fail "resumed on question $k, not on the first open one (3)"
	n=$k
	while [ $n -le $QN ]; do tui_keys Enter; n=$((n + 1)); done
	wait_for 'Review your answers'
	tui_keys Enter
fi
wait_for 'Recommended: '
expected=$("$ARCHWISE" eval "$SESSION_FILE" | sed -n 's/^Recommendation: \(.*\) ([a-z_]*).*/\1/p')
tui_screen | grep -qF "Recommended: $expected" || fail "resumed result differs from eval ($expected)"
grep -q 'requests_per_day: 777777$' "$SESSION_FILE" || fail "resume lost requests/day"

# SIGTERM: terminal restored, status 128+15, a note on stderr is fine.
pid=$(wizard_pid)
kill -TERM "$pid"
status=$(wait_exit)
[ "$status" = 143 ] || fail "expected 143 after SIGTERM, got $status"
assert_terminal_restored

# Ctrl-C: the same, status 130.
tui_start 100 30 --resume
wait_for "Review your answers|question [0-9]+/$QN"
tui_keys C-c
status=$(wait_exit)
[ "$status" = 130 ] || fail "expected 130 after Ctrl-C, got $status"
assert_terminal_restored

# Ctrl-Z suspends, `fg` brings the screen back, q y returns to the shell
# prompt. Needs a shell with job control: the stop signal of an orphaned
# process group (a pane running the wizard directly) is discarded.
tmux -L "$TUI_SOCK" kill-server 2>/dev/null
i=0
until tmux -L "$TUI_SOCK" -f /dev/null new-session -d -x 100 -y 30 \
	"cd '$TUI_TMP' && env PS1='PROMPT$ ' TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 sh -i" 2>/dev/null; do
	i=$((i + 1)); [ $i -lt 50 ] || fail "cannot start tmux"; sleep 0.1
done
wait_for 'PROMPT\$'
tui_type "'$ARCHWISE'"
tui_keys Enter
wait_for "question 1/$QN"
# A session is saved: the offer comes first; start fresh.
wait_for 'A saved session was found'
tui_keys n
wait_gone 'A saved session was found'
tui_keys C-z
wait_for 'Stopped'
wait_gone "question 1/$QN"
tui_type fg
tui_keys Enter
wait_for "question 1/$QN"
tui_keys Down
wait_for '▸ \( \) Spiky'
tui_keys q
wait_for 'Quit archwise\?'
tui_keys y
wait_gone "question 1/$QN"
tui_type 'echo "status=$?"'
tui_keys Enter
wait_for '(^|\$ )status=0$'   # the output may follow a prompt drawn late (slow ASan start)
assert_terminal_restored
echo "ok"
