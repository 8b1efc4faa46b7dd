#!/bin/sh
# What a first-time user reads at 80x24, checked on the real binary: the key
# bar names what the keys do on each kind of question, numbers are grouped
# and memory says what a gigabyte is, a long text field shows that its start
# is scrolled out; the result says what the scores mean, names the runner-up
# in full, lists the adjustments with their points and words "what would
# change this" as eval does; the tab bar, the performance table, the export
# tab and the record's date; the short name of serverless containers.
. "$(dirname "$0")/tui-common.inc"

tui_start 80 24
wait_for "question 1/$QN"
# Serverless containers are "Fargate/Run" in the gauge, whole (not
# "Containers", which reads as Kubernetes).
wait_for '^ Fargate/Run +[^ ]+ +[0-9]+ +│'
tui_screen | grep -q 'Containers' && fail "the gauge still says Containers"
tui_screen | tail -n 1 | grep -q 'Space choose' || fail "single choice: key bar lacks Space choose"

# The import panel at 80 columns: its prompts wrap instead of being cut,
# and the key bar names Esc once (it cancels the panel).
tui_keys i
wait_for 'timestamp,count CSV; .gz too\):'
wait_for 'average *│'
[ "$(tui_screen | tail -n 1 | grep -o Esc | wc -l)" = 1 ] || fail "import: Esc named twice in the key bar"
tui_keys Escape
wait_gone 'Import traffic'

# requests_per_day: a number; digits type, Space does nothing there.
tui_keys Enter
wait_for 'from 0 to 10,000,000,000 \(5k, 2.5M, 1G work\)'
tui_screen | tail -n 1 | grep -q 'Esc undo/back' || fail "number: key bar lacks Esc undo/back"
tui_screen | tail -n 1 | grep -q 'Space choose' && fail "number: key bar offers Space choose"

# memory_mb: G is 1,024 MB there, and the field shows what it understood.
tui_keys Enter Enter
wait_for 'from 64 to 1,048,576 \(1G = 1,024 MB\)'
tui_type 2G
wait_for '= 2,048 MB'
tui_keys BSpace BSpace
tui_type 512
wait_for '\[512 '

# The text field of service_name: typing goes into the field, so the key
# bar must not offer i (import) or ? and q.
tui_keys Enter PageDown PageDown PageDown
wait_for 'What is the service called'
tui_screen | tail -n 1 | grep -q 'Esc leave field' || fail "text: key bar lacks Esc leave field"
tui_screen | tail -n 1 | grep -q 'import' && fail "text field: key bar offers i import while i types"
tui_screen | tail -n 1 | grep -q 'Space choose' && fail "text field: key bar offers Space choose"
# container_image: a value longer than the field shows where it was cut.
tui_keys Tab
wait_for 'Which container image'
tui_keys End
tui_type "registry.example.com/a-rather-long-team-name/and-a-long-service-name:1.0.0"
wait_for '\[….*:1\.0\.0 *\]'
tui_keys Escape

# Through the rest to the review: numbers grouped there too.
i=0
while ! tui_screen | grep -q 'Review your answers'; do
	[ $i -lt 40 ] || fail "no review"
	tui_keys Enter
	sleep 0.1
	i=$((i + 1))
done
wait_for '100,000 requests/day'
tui_keys Home Enter
wait_for 'Recommended: '

# Tab 1: the scale, the runner-up in full, the adjustments with points.
wait_for 'scores out of 100'
tui_screen | grep -Eq 'Clear lead of [0-9.]+ points over (Kubernetes|Serverless|Hybrid)' ||
	tui_screen | grep -q 'Close call' || fail "no lead or close-call line"
tui_screen | grep -Eq 'over (Fargate/Run|Functions|Knative)\.' && fail "lead names a short name"
wait_for 'Adjustments \(points'
tui_keys PageDown
wait_for 'more above'
tui_screen | grep -Eq '(functions\)?|Knative\)?|Cloud Run\)|Kubernetes\)?) [+-][0-9.]+: ' ||
	fail "no adjustment with its points"
i=0
until tui_screen | grep -q 'instead of'; do
	i=$((i + 1)); [ $i -lt 40 ] || fail "no 'What would change this' worded 'X instead of Y'"
	tui_keys Down; sleep 0.05
done
tui_screen | grep -q 'What would change this' || fail "no 'What would change this' heading"
tui_screen | grep -q 'memory mb' && fail "a question id shown with spaces"

# At 80 columns the tab bar still has every label in full.
tui_screen | grep -q '1 Recommendation  2 Matrix  3 Cases  4 Cost  5 Performance  6 Files  7 Export' ||
	fail "tab labels shortened at 80 columns"
# Tab 2: the factor names fit, the factors out of sight are counted.
tui_keys 2
wait_for 'Factor \(scores 1-5\)'
wait_for 'Operational capacity  '
wait_for '[0-9]+ more factors: Up/Down'
tui_keys Up
wait_for 'Cost model preference  '
# Tab 4: break-even volumes per day, breakdown items by name.
tui_keys 4
wait_for '[0-9.]+[kMG]?/day'
wait_for 'vCPU-hours \$'
tui_screen | grep -q 'api_gateway\|vcpu_hours\|control_plane' && fail "cost items shown by id"
# Tab 5: names in full, the target as the question put it.
tui_keys 5
wait_for 'Serverless containers \(Fargate, Cloud Run\) +[0-9]+'
wait_for 'your response-time target: Moderate'
# Tab 7 says which files are always written; tab 6 dates the record today.
tui_keys 7
wait_for 'always written: the record, answers.yaml, README.md'
tui_keys 6
wait_for "date: $(date +%Y-%m-%d)"
# The record's paragraphs wrap in the preview (continuation rows carry no
# line number), and End reaches the last line.
tui_screen | grep -Eq '│ {6}[A-Za-z(]' || fail "long preview lines do not wrap"
# A path too long for the list keeps its file name.
wait_for '…/serviceaccount\.yaml'
wait_for 'kubernetes/service\.yaml'
tui_screen | grep -q 'serviceaccou…' && fail "file names cut at their end"
tui_keys End
wait_for 'lines [0-9]+-([0-9]+) of \1\)'

# Tab 4 again: a what-if says it is not the answers, with yours beside it,
# and applying it (after asking) counts the answers that changed (one, not
# all five inputs).
tui_keys 4
wait_for 'per month'
tui_keys Enter
tui_type 50M
tui_keys Enter
wait_for 'WHAT-IF, not your answers: Requests/day 50M \(yours'
tui_keys a
wait_for 'Make these your answers'
tui_keys y
wait_for '1 answer changed \(marked in the review\); the recommendation is'

tui_keys q y
status=$(wait_exit)
[ "$status" = 0 ] || fail "exit status $status"

# An excluded architecture: the ranking row points below, where every
# reason is given in full (at 80 columns one was cut mid-word).
gpu="$(cd "${ARCHWISE_ROOT:-.}" && pwd)/tests/cases/gpu-training/answers.yaml"
tui_start 80 24 --answers "$gpu"
wait_for "question 1/$QN"
i=0
while ! tui_screen | grep -q 'Recommended: '; do
	[ $i -lt 40 ] || fail "no result"
	tui_keys Enter
	sleep 0.1
	i=$((i + 1))
done
wait_for 'excluded \([0-9]+ reasons? below\)'
tui_keys Down Down Down Down Down Down
wait_for 'Excluded \(a hard limit'
wait_for 'Serverless functions: A task runs longer than 15 minutes'
tui_keys q y
status=$(wait_exit)
[ "$status" = 0 ] || fail "exit status $status"
echo "ok"
