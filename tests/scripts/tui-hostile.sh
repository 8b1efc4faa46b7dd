#!/bin/sh
# Data strings are sanitised before display: a questionnaire whose text holds
# escape sequences (set the window title, clear the screen, colours, a C1
# CSI) shows the text without them and the terminal is not touched.
. "$(dirname "$0")/tui-common.inc"

q="$TUI_TMP/hostile.yaml"
sed 's|^        text: How does traffic arrive over a typical week?$|        text: "How does \\e]2;PWNED\\a traffic \\e[2J\\e[31marrive\\u009b1m over a typical week?"|' \
	"$ARCHWISE_ROOT/questionnaires/k8s-vs-serverless.yaml" > "$q"
grep -q PWNED "$q" || { echo "the questionnaire changed: cannot plant the escapes"; exit 1; }
# The loader must accept it (escapes are legal in a YAML string): a refusal
# would leave this test nothing to show, so it is a failure, not a pass.
"$ARCHWISE" check "$q" >"$TUI_TMP/check.out" 2>&1 || { echo "FAIL: the loader refused the questionnaire:"; cat "$TUI_TMP/check.out"; exit 1; }

tui_start 100 30 --questionnaire "'$q'"
wait_for "question 1/$QN"
wait_for 'How does +traffic arrive1m over a typical week\?'
tui_screen | grep -q 'Sections' || fail "the screen was cleared by the question text"
title=$(tmux -L "$TUI_SOCK" display-message -p '#{pane_title}')
case "$title" in *PWNED*) fail "the question text set the terminal title";; esac
# The review shows the same text, clean.
n=1
while [ $n -le $QN ]; do tui_keys Enter; n=$((n + 1)); done
wait_for 'Review your answers'
wait_for 'How does +traffic arrive1m'
tui_keys q y
status=$(wait_exit)
[ "$status" = 0 ] || fail "exit status $status"
echo "ok"
