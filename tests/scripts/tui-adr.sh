#!/bin/sh
# The export tab's ADR folder (issue #5) in a real terminal: started in a
# subfolder of a repository whose root has docs/decisions/0001-x.md, the tab
# suggests ../docs/decisions, and Write puts the record there as 0002-...md
# (the same text as decision-record.md) and shows the path; a cleared field
# writes no record there.
. "$(dirname "$0")/tui-common.inc"

repo="$TUI_TMP/repo"
mkdir -p "$repo/.git" "$repo/docs/decisions" "$repo/services/api"
printf '# X\n' > "$repo/docs/decisions/0001-x.md"
answers="$TUI_TMP/answers.yaml"
cat > "$answers" <<'YAML'
questionnaire: k8s-vs-serverless
answers:
  service_name: user-api
YAML

TUI_CWD="$repo/services/api"
tui_start 100 30 --answers "$answers"
wait_for "question 1/$QN"
n=1
while [ $n -le $QN ]; do tui_keys Enter; n=$((n + 1)); done
wait_for 'Review your answers'
tui_keys Enter
wait_for 'Recommended: '
tui_keys 7
wait_for 'Output folder'
wait_for 'ADR folder +next: 0002-[a-z0-9-]*user-api\.md'
wait_for '\[\.\./\.\./docs/decisions +\]'
# Output into a folder of our own.
tui_keys Enter
tui_type "$TUI_TMP/out"
tui_keys Enter
wait_for "\\[$TUI_TMP/out"
tui_keys w
wait_for "Written to $TUI_TMP/out"
wait_for 'ADR written: \.\./\.\./docs/decisions/0002-'
adr=$(ls "$repo/docs/decisions" | grep '^0002-')
[ -n "$adr" ] || fail "no 0002 record in docs/decisions: $(ls "$repo/docs/decisions")"
adr=$(ls "$repo/docs/decisions" | grep '^0002-.*[^t]\.md$')
# The same record but for the chart's name, and the chart beside it.
sed 's/](0002-[a-z0-9-]*-cost\.svg)$/](cost-chart.svg)/' "$repo/docs/decisions/$adr" |
	cmp -s - "$TUI_TMP/out/decision-record.md" ||
	fail "the ADR differs from decision-record.md"
cmp -s "$repo/docs/decisions/${adr%.md}-cost.svg" "$TUI_TMP/out/cost-chart.svg" ||
	fail "no ADR chart ${adr%.md}-cost.svg equal to cost-chart.svg"
echo "ADR: docs/decisions/$adr"
wait_for 'ADR folder +next: 0003-'

# Cleared: the bundle is written again (after y), no 0003.
tui_keys Down
tui_keys Enter
for _ in $(seq 1 24); do tui_keys BSpace; done
tui_keys Enter
wait_for 'ADR folder +\(none'
tui_keys w
wait_for 'Overwrite\?'
tui_keys y
wait_for "Written to $TUI_TMP/out"
wait_gone 'ADR written'
ls "$repo/docs/decisions" | grep -q '^0003-' && fail "a cleared ADR folder still got a record"

# A file where the folder should be: said, nothing written.
: > "$TUI_TMP/afile"
tui_keys Enter
tui_type "$TUI_TMP/afile"
tui_keys Enter
tui_keys w
wait_for 'ADR folder .*afile is not a folder'

# A folder that does not exist: the tab offers to create it; n writes
# nothing, y creates it and writes the record there.
tui_keys Enter C-u
tui_type "$TUI_TMP/new/adr"
tui_keys Enter
tui_keys w
wait_for 'The ADR folder .*new/adr does not exist'
tui_keys n
wait_for 'Nothing written'
[ -e "$TUI_TMP/new" ] && fail "n created the ADR folder"
tui_keys w
wait_for 'Create it and write the record there'
tui_keys y
wait_for 'Overwrite\?'
tui_keys y
wait_for 'ADR written: .*new/adr/0001-'
ls "$TUI_TMP/new/adr" | grep -q '^0001-' || fail "no record in the created ADR folder"

tui_keys q
wait_for 'Quit archwise\?'
tui_keys y
status=$(wait_exit)
[ "$status" = 0 ] || fail "exit status $status"
echo "ok"
