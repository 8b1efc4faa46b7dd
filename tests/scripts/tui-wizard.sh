#!/bin/sh
# The wizard in a real terminal (tmux): answer, go back, change an answer and
# watch the live leaning move, type a number (checked as typed), Enter
# through to the result and check it names what `archwise eval` of the
# autosaved session recommends, visit tabs 1-7, quit with q y.
. "$(dirname "$0")/tui-common.inc"

tui_start 100 30
wait_for "question 1/$QN"
wait_for 'Leaning'
wait_for 'Kubernetes +[^ ]+ +[0-9]+'

# Answer question 1 with a non-default option.
tui_keys Down Enter
wait_for 'question 2/'
wait_file_has "$SESSION_FILE" 'traffic_pattern: spiky'

# Back (Esc, nothing typed to cancel), the answer is shown, then change
# it and see the gauge move.
tui_keys Escape
wait_for 'question 1/'
tui_screen | grep -q '(●) Spiky' || fail "the chosen option is not marked"
before=$(tui_gauge)
[ -n "$before" ] || fail "no leaning gauge"
tui_keys Up Up Space
wait_file_has "$SESSION_FILE" 'traffic_pattern: steady'
i=0
while [ "$(tui_gauge)" = "$before" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
after=$(tui_gauge)
[ "$after" != "$before" ] || fail "the leaning gauge did not change: $before"
echo "gauge before:"; echo "$before"; echo "gauge after:"; echo "$after"

# Question 2: a number, checked while typing.
tui_keys Enter
wait_for 'question 2/'
tui_type '-5'
wait_for 'below the minimum 0'
tui_keys Enter
wait_for 'question 2/'
tui_keys BSpace BSpace
tui_type '5000000'
wait_for '✔ = 5,000,000 requests/day'
tui_keys Enter
wait_for 'question 3/'
wait_file_has "$SESSION_FILE" 'requests_per_day: (5000000|5e\+0?6)$'

# Question 5 (longest task): option 3, over 15 minutes.
tui_keys Enter Enter
wait_for 'question 5/'
tui_keys 3 Enter
wait_for 'question 6/'
wait_file_has "$SESSION_FILE" 'longest_task: over_15min'

# Enter through the rest to the review, then the result.
n=6
while [ $n -le $QN ]; do
	tui_keys Enter
	n=$((n + 1))
done
wait_for 'Review your answers'
tui_screen | grep -q 'Steady' || fail "review does not show the changed answer"
# Edit an answer from the review: Enter on it, change it, back to the review.
tui_keys Down Enter
wait_for "question 1/$QN"
tui_keys Down Down Down Enter
wait_for 'Review your answers'
wait_file_has "$SESSION_FILE" 'traffic_pattern: sporadic'
tui_screen | grep -q 'Sporadic' || fail "review does not show the edited answer"
tui_keys Up Enter   # the edited answer is selected; Up reaches the first line
wait_for 'Recommended: '

expected=$("$ARCHWISE" eval "$SESSION_FILE" | sed -n 's/^Recommendation: \(.*\) ([a-z_]*).*/\1/p')
[ -n "$expected" ] || fail "eval of the session printed no recommendation"
tui_screen | grep -qF "Recommended: $expected" ||
	fail "the wizard does not recommend '$expected' like archwise eval"
score=$("$ARCHWISE" eval "$SESSION_FILE" | sed -n 's/^Recommendation: .*score \([0-9.]*\)\/100.*/\1/p')
tui_screen | grep -qE "^ +1\. .* $score\$" || fail "score $score of eval not on the ranking"
echo "recommended: $expected ($score)"

# Tabs 1-7.
tui_keys 2; wait_for 'Weighted total'
tui_keys 3; wait_for 'Lesson:'
tui_keys 4; wait_for 'per month'
tui_keys 5; wait_for 'P95 latency'
tui_keys 6; wait_for 'decision-record\.md'
tui_keys 7; wait_for 'Output folder'
tui_keys 1; wait_for 'Recommended: '

# q then y quits with status 0 and gives the terminal back.
tui_keys q
wait_for 'Quit archwise\?'
tui_keys y
status=$(wait_exit)
[ "$status" = 0 ] || fail "exit status $status"
assert_terminal_restored
echo "ok"
