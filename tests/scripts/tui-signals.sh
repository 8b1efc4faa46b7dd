#!/bin/sh
# The wizard under signals and odd terminals (issue #6), in a real shell in
# tmux so the terminal state can be read back with stty afterwards:
# SIGHUP (kill and a closed terminal), SIGINT and SIGTERM sent from outside,
# SIGTSTP from outside then fg (SIGCONT), a burst of resizes, a 10x5
# terminal, TERM=dumb or unset, stdin or stdout not a terminal. After each:
# the process exited (or resumed), the shell prompt is back with the
# terminal in canonical mode with echo and off the alternate screen, and the
# session file holds every answer given. (kill -9 + --resume, the 40x12
# message and q y are in tui-resume.sh / tui-resize.sh / tui-wizard.sh.)
. "$(dirname "$0")/tui-common.inc"

# A job-control shell in the pane (dash: no line editor that would repair
# the terminal modes behind our back).
shell_start() {
	cols=${1:-100}; rows=${2:-30}
	tmux -L "$TUI_SOCK" kill-server 2>/dev/null
	i=0
	until tmux -L "$TUI_SOCK" -f /dev/null new-session -d -x "$cols" -y "$rows" \
		"cd '$TUI_TMP' && env PS1='PROMPT\$ ' TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 XDG_STATE_HOME='$XDG_STATE_HOME' HOME='$HOME' sh -i" 2>/dev/null; do
		i=$((i + 1)); [ $i -lt 50 ] || { echo "cannot start tmux"; exit 1; }
		sleep 0.1
	done
	tmux -L "$TUI_SOCK" set-option -g status off >/dev/null
	wait_for 'PROMPT\$'
}

# run_in_shell TEXT: types a command line and Enter.
run_in_shell() {
	tui_type "$1"
	tui_keys Enter
}

wizard_pid() {
	shell=$(tmux -L "$TUI_SOCK" display-message -p '#{pane_pid}')
	i=0
	while [ $i -lt 100 ]; do
		p=$(pgrep -P "$shell" | head -n 1)
		[ -n "$p" ] && { echo "$p"; return 0; }
		sleep 0.05; i=$((i + 1))
	done
	return 1
}

# wait_dead PID [SECONDS]
wait_dead() {
	limit=$(( ${2:-10} * 20 )); i=0
	while kill -0 "$1" 2>/dev/null; do
		i=$((i + 1)); [ $i -lt $limit ] || fail "process $1 still running"
		sleep 0.05
	done
}

# The shell is back and the terminal sane: prompt, status, icanon and echo
# on, primary screen, cursor shown. $1: the wizard's expected exit status.
assert_shell_sane() {
	run_in_shell 'echo "st=$? tty=$(stty -a | grep -c " icanon ")$(stty -a | grep -Ec "(^|[ ;])echo([ ;]|$)")"'
	wait_for 'st=[0-9]+ tty=[0-9]+' 10
	line=$(tui_screen | grep -oE 'st=[0-9]+ tty=[0-9]+' | tail -n 1)
	case "$line" in
	"st=$1 tty=11") ;;
	*) fail "after the wizard: '$line' (want st=$1 tty=11: status, icanon, echo)" ;;
	esac
	assert_terminal_restored
	run_in_shell clear
	wait_gone 'st=[0-9]+ tty=[0-9]+'
}

# start_wizard: the wizard from the shell prompt, on question 1.
start_wizard() {
	rm -f "$SESSION_FILE"
	run_in_shell "'$ARCHWISE'"
	wait_for 'question 1/[0-9]+'
	pid=$(wizard_pid) || fail "cannot find the wizard's pid"
}

# answer_two: spiky for traffic, 424242 requests/day; both saved.
answer_two() {
	tui_keys Down Enter
	wait_for 'question 2/'
	tui_keys BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace
	tui_type 424242
	tui_keys Enter
	wait_for 'question 3/'
	wait_file_has "$SESSION_FILE" 'traffic_pattern: spiky'
	wait_file_has "$SESSION_FILE" 'requests_per_day: 424242$'
}

assert_session_kept() {
	grep -q 'traffic_pattern: spiky' "$SESSION_FILE" || fail "$1: the session lost traffic_pattern"
	grep -q 'requests_per_day: 424242$' "$SESSION_FILE" || fail "$1: the session lost requests_per_day"
	"$ARCHWISE" eval "$SESSION_FILE" >/dev/null 2>&1 || fail "$1: the session file does not evaluate"
}

# --- SIGHUP, SIGINT, SIGTERM sent from outside, mid-question
for sig in HUP INT TERM; do
	case $sig in HUP) n=1 ;; INT) n=2 ;; TERM) n=15 ;; esac
	shell_start
	start_wizard
	answer_two
	tui_type 12   # half-typed answer on question 3: may be lost, nothing else
	sleep 0.5     # (read by the wizard, not left for the shell)
	kill -s "$sig" "$pid"
	wait_dead "$pid"
	assert_shell_sane $((128 + n))
	assert_session_kept "SIG$sig"
	echo "ok   SIG$sig: exit $((128 + n)), terminal sane, answers kept"
done

# --- the terminal closed under the wizard (tmux kills the pane: SIGHUP)
shell_start
start_wizard
answer_two
tmux -L "$TUI_SOCK" kill-server
wait_dead "$pid" 5
assert_session_kept "closed terminal"
echo "ok   terminal closed: the wizard exited, answers kept"

# --- SIGTSTP from outside: the terminal is handed back while stopped; fg
# (SIGCONT) redraws; one more answer; q y.
shell_start
start_wizard
answer_two
kill -s TSTP "$pid"
wait_for 'Stopped'
wait_gone 'question 3/'
run_in_shell 'echo "stopped tty=$(stty -a | grep -c " icanon ")$(stty -a | grep -Ec "(^|[ ;])echo([ ;]|$)")"'
wait_for 'stopped tty=[0-9]+' 10
tui_screen | grep -q 'stopped tty=11' || fail "terminal not sane while the wizard is stopped"
assert_terminal_restored
run_in_shell fg
wait_for 'question 3/'
kill -0 "$pid" || fail "the wizard did not resume"
tui_keys Enter
wait_for 'question 4/'
wait_file_has "$SESSION_FILE" 'avg_duration_ms: '
tui_keys q
wait_for 'Quit archwise\?'
tui_keys y
wait_dead "$pid"
assert_shell_sane 0
assert_session_kept "SIGTSTP/SIGCONT"
echo "ok   SIGTSTP + fg: terminal sane while stopped, screen back, answers kept"

# --- a burst of resizes (down to 10x5, up to 220x70), then a usable screen
shell_start
start_wizard
answer_two
for size in 90x28 10x5 200x60 40x12 81x25 79x23 220x70 10x5 120x40 30x8 100x30 \
	    60x20 150x50 11x6 80x24 200x10 10x70 95x29 100x30; do
	tmux -L "$TUI_SOCK" resize-window -x "${size%x*}" -y "${size#*x}" 2>/dev/null
done
i=0
while [ $i -lt 30 ]; do
	tmux -L "$TUI_SOCK" resize-window -x $((70 + i % 3 * 20)) -y $((20 + i % 2 * 10)) 2>/dev/null
	i=$((i + 1))
done
tmux -L "$TUI_SOCK" resize-window -x 100 -y 30
wait_for 'question 3/'
kill -0 "$pid" || fail "the wizard died in the resize burst"
tui_keys Enter
wait_for 'question 4/'
tui_keys q
wait_for 'Quit archwise\?'
tui_keys y
wait_dead "$pid"
assert_shell_sane 0
assert_session_kept "resize burst"
echo "ok   49 resizes: the wizard survives, redraws at 100x30, answers kept"

# --- a 10x5 terminal from the start: no crash, recovers when enlarged
shell_start 10 5
rm -f "$SESSION_FILE"
run_in_shell "'$ARCHWISE'"
pid=$(wizard_pid) || fail "cannot find the wizard's pid"
sleep 0.5
kill -0 "$pid" || fail "the wizard died at 10x5"
tmux -L "$TUI_SOCK" resize-window -x 100 -y 30
wait_for 'question 1/[0-9]+'
tmux -L "$TUI_SOCK" resize-window -x 10 -y 5
sleep 0.3
tui_keys q
sleep 0.2
tui_keys y
wait_dead "$pid"
tmux -L "$TUI_SOCK" resize-window -x 100 -y 30
assert_shell_sane 0
echo "ok   10x5: runs, recovers at 100x30, q y quits from 10x5"

# --- TERM=dumb, TERM unset, stdin or stdout not a terminal: refused, exit 2
shell_start
rm -f "$SESSION_FILE"
for cmd in "TERM=dumb '$ARCHWISE'" "env -u TERM '$ARCHWISE'" "'$ARCHWISE' </dev/null" \
	   "echo | '$ARCHWISE'" "'$ARCHWISE' >'$TUI_TMP/out'"; do
	run_in_shell "$cmd 2>'$TUI_TMP/err'"
	assert_shell_sane 2
	grep -q '^archwise: the wizard needs a terminal' "$TUI_TMP/err" || fail "$cmd: no message"
	[ ! -e "$SESSION_FILE" ] || fail "$cmd: a session file was written"
	echo "ok   $cmd: exit 2, $(cut -c1-60 "$TUI_TMP/err")"
done
echo "ok"
