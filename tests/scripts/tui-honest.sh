#!/bin/sh
# The result says what it rests on: how many answers are defaults, which of
# them would change it (the sensitivity analysis), marked provisional until
# they are answered; "what would change this" in the questions' words and
# the options' labels, smallest change first, the first few then the rest
# on request.
. "$(dirname "$0")/tui-common.inc"

tui_start 100 30
wait_for "question 1/$QN"
tui_keys Enter
wait_for 'question 2/'
tui_skip_to_review
tui_keys Home Enter
wait_for 'Recommended: '
defaults=$((QN - 1))
wait_for "PROVISIONAL: [0-9]+ of the $defaults defaults would change this"
tui_screen | head -n 1 | grep -q 'Result (provisional):' || fail "the title does not say provisional"
# Scroll to "What would change this".
i=0
until tui_screen | grep -q 'What would change this'; do
	i=$((i + 1)); [ $i -lt 40 ] || fail "no 'What would change this'"
	tui_keys Down; sleep 0.05
done
wait_for 'Defaults that would change it'
tui_keys End
wait_for 'm shows them all'
page=$(tui_screen | sed -n '/What would change this/,$p')
echo "$page" | grep -Eq '(traffic_pattern|memory_mb|requests_per_day|avg_duration_ms):' &&
	fail "internal ids in 'What would change this'"
echo "$page" | grep -q ' instead of ' || fail "no change worded as 'X instead of Y'"
shown=$(echo "$page" | grep -c '^  · ')
[ "$shown" -le 5 ] || fail "$shown changes shown before m, not the first 5"
more=$(echo "$page" | sed -n 's/.* and \([0-9]*\) more: m shows them all.*/\1/p')
[ -n "$more" ] || fail "no count of the other changes"
tui_keys m End
wait_gone 'm shows them all'
echo "changes: $shown shown first, $more more"

# Answered in full (every question present): no longer provisional.
tui_keys q y
wait_exit >/dev/null
"$ARCHWISE" eval --json "${ARCHWISE_ROOT:-.}/tests/cases/gpu-training/answers.yaml" >/dev/null ||
	fail "no case answers"
tui_start 100 30 --answers "'${ARCHWISE_ROOT:-.}/tests/cases/gpu-training/answers.yaml'"
wait_for "question 1/$QN"
# Answer every question as it stands (Enter on each).
tui_enter_to_review
tui_keys Enter
wait_for 'Recommended: '
tui_screen | grep -q 'PROVISIONAL' && fail "a full set of answers is provisional"
tui_screen | head -n 1 | grep -q 'provisional' && fail "the title says provisional"
echo "ok"
