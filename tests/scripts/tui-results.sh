#!/bin/sh
# The result tabs in a real terminal: a weight changed with + on the matrix
# re-ranks live (and agrees with `archwise eval` of the autosaved session),
# requests/day changed on the cost tab redraws the costs, and applying it to
# the answers agrees with eval's cost.
. "$(dirname "$0")/tui-common.inc"

answers="$TUI_TMP/answers.yaml"
cat > "$answers" <<'YAML'
questionnaire: k8s-vs-serverless
answers:
  traffic_pattern: steady
  requests_per_day: 2000000
  team_expertise: kubernetes
  ops_capacity: some
YAML

ranking_scores() { # the scores on the matrix's "Ranking:" line
	tui_screen | grep 'Ranking:' | grep -oE '[0-9]+\.[0-9]' | tr '\n' ' '
}
eval_scores() {
	"$ARCHWISE" eval "$SESSION_FILE" | sed -n 's/^  [0-9]\. [a-z_]* *\([0-9.][0-9.]*\)  .*$/\1/p' | tr '\n' ' '
}

tui_start 100 30 --answers "$answers"
wait_for "question 1/$QN"
n=1
while [ $n -le $QN ]; do tui_keys Enter; n=$((n + 1)); done
wait_for 'Review your answers'
tui_keys Enter
wait_for 'Recommended: '

# Matrix: + on the second factor.
tui_keys 2
wait_for 'Ranking:'
before=$(ranking_scores)
[ "$before" = "$(eval_scores)" ] || fail "matrix ranking '$before' differs from eval '$(eval_scores)'"
tui_keys Down
wait_for '^ *Execution duration +-3\+'
tui_keys +
wait_for '^ *Execution duration +-4\+'
wait_file_has "$SESSION_FILE" 'execution_duration: 4'
after=$(ranking_scores)
[ "$after" != "$before" ] || fail "the ranking did not change: $before"
[ "$after" = "$(eval_scores)" ] || fail "after +, ranking '$after' differs from eval '$(eval_scores)'"
name=$("$ARCHWISE" eval "$SESSION_FILE" | sed -n 's/^Recommendation: \(.*\) ([a-z_]*).*/\1/p')
wait_for "Result: $name"
echo "ranking before: $before"
echo "ranking after:  $after ($name)"

# Cost: requests/day 2M -> 50M.
tui_keys 4
wait_for 'Requests/day 2M'
cost_of() { # monthly cost shown for a short architecture name
	tui_screen | sed -n "s/^ . $1 *\(\$[0-9.,k]*\).*/\1/p" | head -n 1
}
c0=$(cost_of Functions)
[ -n "$c0" ] || fail "no Functions row in the cost table"
tui_keys Enter
tui_type 50000000
tui_keys Enter
wait_for 'Requests/day 50M'
c1=$(cost_of Functions)
[ "$c1" != "$c0" ] || fail "the Functions cost did not change ($c0)"
echo "functions per month: $c0 -> $c1"

# Apply to the answers (a asks, y agrees): eval of the session gives the
# same cost.
tui_keys a
wait_for 'Make these your answers'
tui_keys y
wait_file_has "$SESSION_FILE" 'requests_per_day: (50000000|5e\+0?7)$'
tui_keys 4
wait_for 'Requests/day 50M'
c2=$(cost_of Functions | tr -d '$,')
ev=$("$ARCHWISE" eval "$SESSION_FILE" | sed -n 's/^  serverless  *\([0-9.]*\) USD$/\1/p')
[ -n "$ev" ] || fail "eval printed no serverless cost"
awk -v a="$c2" -v b="$ev" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(d < 1) }' ||
	fail "cost tab shows $c2, eval says $ev"

# Files: the preview of answers.yaml is what export would write.
tui_keys 6
wait_for 'decision-record\.md'
tui_keys Down
wait_for 'answers\.yaml +\(lines'
wait_for 'questionnaire: k8s-vs-serverless'
tui_keys PgDn
wait_gone 'answers\.yaml +\(lines 1-'

# Export: into a folder of our own, then again: asks before overwriting.
tui_keys 7
wait_for 'Output folder'
wait_for 'archwise-out/user-api'
tui_keys Enter
tui_type "$TUI_TMP/out"
tui_keys Enter
wait_for "\\[$TUI_TMP/out"
tui_keys w
wait_for "Written to $TUI_TMP/out"
[ -f "$TUI_TMP/out/decision-record.md" ] || fail "no decision record written"
[ -f "$TUI_TMP/out/answers.yaml" ] || fail "no answers.yaml written"
[ -f "$TUI_TMP/out/knative/service.yaml" ] || fail "no knative service written"
"$ARCHWISE" eval "$TUI_TMP/out/answers.yaml" >/dev/null || fail "the exported answers do not replay"
echo stale > "$TUI_TMP/out/README.md"
tui_keys w
wait_for 'Overwrite\?'
tui_keys n
wait_for 'Nothing written'
grep -q '^stale$' "$TUI_TMP/out/README.md" || fail "refused overwrite changed a file"
tui_keys w
wait_for 'Overwrite\?'
tui_keys y
wait_for "Written to $TUI_TMP/out"
grep -q '^stale$' "$TUI_TMP/out/README.md" && fail "y did not overwrite"

tui_keys q
wait_for 'Quit archwise\?'
tui_keys y
status=$(wait_exit)
[ "$status" = 0 ] || fail "exit status $status"
assert_terminal_restored
echo "ok"
