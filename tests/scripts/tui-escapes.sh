#!/bin/sh
# Escape sequences in every text of a custom questionnaire (issue #6; the
# question text alone is tui-hostile.sh): every text of it
# (title, section, question, help, option labels and help, factor names,
# rule reasons) carries ESC, OSC, C1 and blink sequences. Walking the wizard
# from question 1 through the help overlay, the review and all seven result
# tabs, none may reach the terminal: the pane title never changes, nothing
# blinks, the screen is never cleared under the header.
. "$(dirname "$0")/tui-common.inc"
root=${ARCHWISE_ROOT:-$(pwd)}

python3 - "$root/questionnaires/k8s-vs-serverless.yaml" "$TUI_TMP/hostile.yaml" <<'P'
import re, sys
s = open(sys.argv[1]).read()
bad = r"\e]0;PWNED\a\e[5m\x9b2J\e[2J\e[0m"
def inject(m):
    return '%s"%s%s"' % (m.group(1), m.group(2).replace('"', '').replace('\\', ''), bad)
s = s.replace("title: Kubernetes or serverless?", 'title: "Kubernetes%s"' % bad)
for key, ind in (("name", 4), ("title", 4), ("label", 12), ("text", 8)):
    s = re.sub(r"(\n%s%s: )([^>\n][^\n]*)" % (" " * ind, key), inject, s)
s = re.sub(r"(\n {6,12}help: )([^>\n][^\n]*)", inject, s)
s = re.sub(r"\n    reason: >-\n(      [^\n]*\n)+", lambda m: '\n    reason: "R%s"\n' % bad, s)
open(sys.argv[2], "w").write(s)
P
"$ARCHWISE" check "$TUI_TMP/hostile.yaml" >/dev/null || fail "the hostile questionnaire does not load"
grep -c 'PWNED' "$TUI_TMP/hostile.yaml" | grep -qv '^0$' || fail "nothing was injected"

# No sequence got through: title unchanged, no blink (SGR 5), header there.
check_clean() {
	title=$(tmux -L "$TUI_SOCK" display-message -p '#{pane_title}')
	[ "$title" != PWNED ] || fail "$1: an OSC title sequence reached the terminal"
	tmux -L "$TUI_SOCK" capture-pane -p -e | python3 -c '
import re, sys
for m in re.finditer(r"\x1b\[([0-9;]*)m", sys.stdin.read()):
    p = [int(x or 0) for x in m.group(1).split(";")]
    i = 0
    while i < len(p):
        if p[i] in (38, 48):      # extended colour: 38;5;N or 38;2;R;G;B
            i += 3 if i + 1 < len(p) and p[i + 1] == 5 else 5
            continue
        if p[i] == 5:
            sys.exit(1)
        i += 1
' || fail "$1: blinking text: an SGR sequence reached the terminal"
	tui_screen | head -n 1 | grep -q 'archwise' || fail "$1: the header is gone (screen cleared?)"
	echo "ok   $1"
}

tui_start 110 34 --questionnaire "$TUI_TMP/hostile.yaml"
wait_for 'question 1/[0-9]+'
check_clean "question 1 (title, section, text, labels, help)"
tui_keys '?'
sleep 0.3
check_clean "help overlay"
tui_keys Escape
wait_for 'question 1/[0-9]+'
# Multiple choice (hardware) and every other question: Enter through.
n=0
while [ $n -lt 40 ] && ! tui_screen | grep -q 'Review your answers'; do
	tui_keys Enter; n=$((n + 1)); sleep 0.1
	[ $((n % 5)) -eq 0 ] && check_clean "question screen after $n answers" >/dev/null
done
wait_for 'Review your answers'
check_clean "review"
tui_keys Enter
wait_for 'Recommended: '
for tab in 1 2 3 4 5 6 7; do
	tui_keys "$tab"
	sleep 0.3
	check_clean "result tab $tab"
done
tui_keys q
wait_for 'Quit archwise\?'
tui_keys y
status=$(wait_exit)
[ "$status" = 0 ] || fail "exit status $status after q y"
assert_terminal_restored
[ "$(tmux -L "$TUI_SOCK" display-message -p '#{pane_title}')" != PWNED ] || fail "title changed at exit"
echo "ok"
