#!/bin/sh
# Random keys (a fixed seed per run) against the wizard, with resizes in
# between: it must never exit or crash on its own, and q y must still quit
# with status 0 at the end. Run it with the ASan binary to catch memory
# errors (make test-asan does).
. "$(dirname "$0")/tui-common.inc"

keys="Up Down Left Right Enter Space Tab BTab BSpace PgUp PgDn Home End Escape + - a r w b j k 1 2 3 4 5 6 7 x 9 0 . e M ? i s C-u C-w C-k DC u m y n ,"
for seed in 1 2; do
	tui_start 80 24
	wait_for "question 1/$QN"
	awk -v seed="$seed" -v n=300 -v keys="$keys" 'BEGIN {
		srand(seed); k = split(keys, a, " ")
		for (i = 0; i < n; i++) print a[int(rand() * k) + 1] }' > "$TUI_TMP/keys"
	i=0
	while read -r k; do
		tui_keys "$k"
		i=$((i + 1))
		if [ $((i % 50)) -eq 0 ]; then
			sleep 0.1
			[ -s "$TUI_TMP/exit" ] && fail "seed $seed: the wizard exited ($(cat "$TUI_TMP/exit")) after $i keys"
			tmux -L "$TUI_SOCK" resize-window -x 59 -y 15
			tmux -L "$TUI_SOCK" resize-window -x 60 -y 16
			sleep 0.05
			tmux -L "$TUI_SOCK" resize-window -x 80 -y 24
		fi
	done < "$TUI_TMP/keys"
	sleep 0.3
	[ -s "$TUI_TMP/exit" ] && fail "seed $seed: the wizard exited ($(cat "$TUI_TMP/exit"))"
	# Leave any field or overlay, then quit.
	tui_keys Escape Escape
	tui_keys q
	wait_for 'Quit archwise'
	tui_keys y
	status=$(wait_exit)
	[ "$status" = 0 ] || fail "seed $seed: exit status $status"
	assert_terminal_restored
	echo "seed $seed: 300 keys, ok"
done
echo "ok"
