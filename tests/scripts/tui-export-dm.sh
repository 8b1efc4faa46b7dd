#!/bin/sh
# The export tab's "Decision makers" field in a real terminal: pre-filled
# from the answers' decision_makers; two names typed and written end up in
# the record's front matter and in the exported answers.yaml (and the
# autosaved session); an empty name is refused with a line in the tab and
# nothing is written.
. "$(dirname "$0")/tui-common.inc"

answers="$TUI_TMP/answers.yaml"
cat > "$answers" <<'YAML'
questionnaire: k8s-vs-serverless
answers:
  service_name: user-api
decision_makers:
  - Old Name
YAML

tui_start 100 30 --answers "$answers"
wait_for "question 1/$QN"
n=1
while [ $n -le $QN ]; do tui_keys Enter; n=$((n + 1)); done
wait_for 'Review your answers'
tui_keys Enter
wait_for 'Recommended: '
tui_keys 7
wait_for 'Decision makers'
wait_for '\[Old Name +\]'
# Output into a folder of our own, no ADR folder.
tui_keys Enter
tui_type "$TUI_TMP/out"
tui_keys Enter
wait_for "\\[$TUI_TMP/out"
# An empty name: refused, nothing written.
tui_keys Down Down Enter
tui_type "Ana,,Bo"
tui_keys Enter
wait_for 'Decision makers \(names separated by commas'
tui_keys w
wait_for 'not written: decision makers: names are separated by commas'
[ -e "$TUI_TMP/out" ] && fail "a refused name still wrote $TUI_TMP/out"
# Two names (Enter on a pre-filled field replaces it when typing starts).
tui_keys Enter
tui_type " Ana , Bo "
tui_keys Enter
wait_for '\[ Ana , Bo +\]'
tui_keys w
wait_for "Written to $TUI_TMP/out"
grep -q '^decision-makers: "Ana, Bo"$' "$TUI_TMP/out/decision-record.md" ||
	fail "no decision-makers: \"Ana, Bo\" in decision-record.md: $(grep -i decision-makers "$TUI_TMP/out/decision-record.md")"
grep -q '^- Bo$' "$TUI_TMP/out/answers.yaml" || fail "no '- Bo' in answers.yaml: $(cat "$TUI_TMP/out/answers.yaml")"
grep -q '^- Ana$' "$TUI_TMP/out/answers.yaml" || fail "no '- Ana' in answers.yaml"
grep -q 'Old Name' "$TUI_TMP/out/answers.yaml" && fail "the old name is still in answers.yaml"
wait_file_has "$SESSION_FILE" '^- Bo$'

tui_keys q
wait_for 'Quit archwise\?'
tui_keys y
status=$(wait_exit)
[ "$status" = 0 ] || fail "exit status $status"
echo "ok"
