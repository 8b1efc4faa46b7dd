#!/bin/sh
# The cost tab's what-if never changes the answers by itself: single keys
# (+, -, a stray key) change only the what-if, which says so with your
# answers beside it; `a` asks before applying, the review marks the changed
# answer, and `u` undoes the apply.
. "$(dirname "$0")/tui-common.inc"

tui_start 100 30
wait_for "question 1/$QN"
tui_keys Tab
wait_for 'question 2/'
tui_keys C-u
tui_type 2M
tui_keys Enter
wait_for 'question 3/'
wait_file_has "$SESSION_FILE" 'requests_per_day: 2000000$'
# To the result: Tab through the rest, then the review and Enter.
tui_skip_to_review
tui_keys Home Enter
wait_for 'Recommended: '
saved=$(cat "$SESSION_FILE")

tui_keys 4
wait_for 'Requests/day 2M'
# Stray keys and steps: the what-if moves, the answers do not.
tui_keys - x z
wait_for 'WHAT-IF, not your answers: Requests/day 200k \(yours 2M\)'
sleep 0.3
[ "$(cat "$SESSION_FILE")" = "$saved" ] || fail "a key on the cost tab changed the answers"
# a asks; any other key keeps the answers.
tui_keys a
wait_for 'Make these your answers'
wait_for 'Requests/day: 2M → 200k'
tui_keys n
wait_for 'Nothing applied: your answers are unchanged'
[ "$(cat "$SESSION_FILE")" = "$saved" ] || fail "n applied the what-if"
# y applies: the session and the review show it, marked.
tui_keys a
wait_for 'Make these your answers'
tui_keys y
wait_for '1 answer changed \(marked in the review\)'
wait_file_has "$SESSION_FILE" 'requests_per_day: 200000$'
tui_keys b
wait_for 'Review your answers'
tui_screen | grep -q '200,000 requests/day (what-if)' || fail "the review does not mark the applied answer"
# u on the cost tab undoes the apply.
tui_keys Enter
wait_for 'Recommended: '
tui_keys 4
wait_for 'Requests/day 200k'
tui_keys u
wait_for 'Undone: your answers are back'
wait_for 'Requests/day 2M'
wait_file_has "$SESSION_FILE" 'requests_per_day: 2000000$'
tui_keys b
wait_for 'Review your answers'
tui_screen | grep -q '(what-if)' && fail "the mark stayed after the undo"
echo "ok"
