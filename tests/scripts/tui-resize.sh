#!/bin/sh
# Below 60x16 the wizard shows an "enlarge" message instead of a broken
# screen and recovers when enlarged; q y also quits from the message; an
# ASCII locale and NO_COLOR get the same screens.
. "$(dirname "$0")/tui-common.inc"

esc=$(printf '\033')
colours() { tmux -L "$TUI_SOCK" capture-pane -p -e | grep -cE "$esc\\[(3[0-7]|4[0-7])m"; }

tui_start 100 30
wait_for "question 1/$QN"
[ "$(colours)" -gt 0 ] || fail "no colours on a colour terminal"
tmux -L "$TUI_SOCK" resize-window -x 40 -y 12
wait_for 'enlarge the terminal'
tui_screen | grep -q 'now 40x12' || fail "the message does not give the size"
tui_keys Enter   # ignored while too small
tmux -L "$TUI_SOCK" resize-window -x 100 -y 30
wait_for "question 1/$QN"
tui_screen | grep -q 'enlarge' && fail "the message stayed after enlarging"
# Exactly 80x24 is enough.
tmux -L "$TUI_SOCK" resize-window -x 80 -y 24
wait_for "question 1/$QN"
tui_screen | grep -q 'Leaning' || fail "no gauge at 80x24"
# Quit from the message.
tmux -L "$TUI_SOCK" resize-window -x 59 -y 20
wait_for 'enlarge the terminal'
tui_keys q
wait_for 'Quit archwise\? y/n'
tui_keys y
status=$(wait_exit)
[ "$status" = 0 ] || fail "exit status $status"
assert_terminal_restored

# ASCII fallback and NO_COLOR: same screen, ASCII marks, no UTF-8 lines.
rm -f "$TUI_TMP/exit"
tmux -L "$TUI_SOCK" kill-server 2>/dev/null
i=0
until tmux -L "$TUI_SOCK" -f /dev/null new-session -d -x 100 -y 30 \
	"cd '$TUI_TMP' && env TERM=xterm LANG=C LC_ALL=C NO_COLOR=1 '$ARCHWISE'; echo \$? > '$TUI_TMP/exit'; exec sleep 600" 2>/dev/null; do
	i=$((i + 1)); [ $i -lt 50 ] || fail "cannot start tmux"; sleep 0.1
done
wait_for "question 1/$QN"
tui_screen | grep -q '(\*) Daily cycle' || fail "no ASCII radio mark"
tui_screen | grep -q '│' && fail "UTF-8 line drawing in the C locale"
tui_screen | LC_ALL=C grep -q '[^ -~]' && fail "non-ASCII characters in the C locale"
[ "$(colours)" -eq 0 ] || fail "colours despite NO_COLOR"
tui_screen | grep -q 'Leaning' || fail "NO_COLOR screen lacks the gauge"
tui_keys q y
status=$(wait_exit)
[ "$status" = 0 ] || fail "exit status $status"
echo "ok"
