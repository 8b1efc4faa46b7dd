#!/bin/sh
# The wizard's evidence panels (issue #8) in a real terminal: `i` imports a
# generated combined log (summary, chart, y applies requests/day, pattern
# and duration: the gauge moves and the session file holds them; errors are
# one line in the panel), `s` scans tests/fixtures/scan/gpu-training (y
# applies hardware gpu; Space unticks an answer), n/Esc discard, and
# `--traffic LOG` opens the import at start.
. "$(dirname "$0")/tui-common.inc"
command -v python3 >/dev/null 2>&1 || { echo "python3 is not installed: run sh scripts/deps.sh test"; exit 77; }
ROOT=$(cd "${ARCHWISE_ROOT:-.}" && pwd)

# Two days of steady traffic, 50 requests an hour, 250 ms each, one bad line:
# 1200 requests/day, pattern steady, avg_duration_ms 250.
log="$HOME/logs/access.log"
mkdir -p "$HOME/logs"
python3 - > "$log" <<'PY'
import datetime
t0 = datetime.datetime(2026, 3, 2, tzinfo=datetime.timezone.utc)
for h in range(48):
    for i in range(50):
        t = t0 + datetime.timedelta(hours=h, seconds=i * 72)
        print('10.0.0.%d - - [%s] "GET /api/items HTTP/1.1" 200 512 "-" "curl/8.5" 0.250'
              % (i % 250, t.strftime('%d/%b/%Y:%H:%M:%S +0000')))
    if h == 5:
        print('this line is not a log line')
PY

tui_start 100 30
wait_for "question 1/$QN"
wait_for 'Functions +[^ ]+ +[0-9]+'
before=$(tui_gauge)
tui_keys i
wait_for 'Import traffic'
wait_for 'Access log to read'
# Errors: one line in the panel, the panel stays.
tui_type "$HOME/no-such.log"
tui_keys Enter
wait_for 'no-such\.log: No such file or directory'
printf 'nothing here\n' > "$HOME/junk.log"
tui_type "~/junk.log"
tui_keys Enter
wait_for 'junk\.log: cannot tell the log format'
# The real log, through ~ (typing replaces the path that failed).
tui_type "~/logs/access.log"
tui_keys Enter
wait_for 'Requests/day 1\.2k'
wait_for 'Pattern: steady'
wait_for '2,?401 lines over 2\.0 days, 1 bad'
wait_for 'idle hours 0% +. avg 250 ms'
wait_for 'Requests by hour of day'
wait_for '^ *[│|] 00 +03 +06'
wait_for 'requests_per_day 100000 . 1200'
# n discards: nothing saved.
tui_keys n
wait_gone 'Import traffic'
wait_for 'Nothing applied'
[ -f "$SESSION_FILE" ] && fail "n saved the session"
# Again, and y applies.
tui_keys i
wait_for 'Access log to read'
tui_type "~/logs/access.log"
tui_keys Enter
wait_for 'Pattern: steady'
tui_keys y
wait_gone 'Import traffic'
wait_for 'Applied from the log: requests_per_day 1200'
wait_file_has "$SESSION_FILE" '^  requests_per_day: 1200$'
wait_file_has "$SESSION_FILE" '^  traffic_pattern: steady$'
wait_file_has "$SESSION_FILE" '^  avg_duration_ms: 250$'
wait_for '▸ \(●\) Steady'
sleep 0.3
after=$(tui_gauge)
[ "$after" != "$before" ] || fail "the leaning did not change: $before"
echo "gauge before: $(echo "$before" | tr -s ' ' | tr '\n' '/')"
echo "gauge after:  $(echo "$after" | tr -s ' ' | tr '\n' '/')"
# The requests/day question shows the imported value.
tui_keys Tab
wait_for '\[1200 +\] requests/day'

# Scan: Esc cancels, then the GPU fixture; Space unticks one answer.
tui_keys s
wait_for 'Scan a repository'
tui_keys Escape
wait_gone 'Scan a repository'
tui_keys s
wait_for 'Folder to scan'
tui_type "$ROOT/tests/fixtures/scan/gpu-training"
tui_keys Enter
# Questions by name, options by label, numbers with their unit.
wait_for 'Hardware: GPU, High memory'
wait_for 'Workload type: Batch jobs'
wait_for 'Memory: 16,384 MB'
tui_screen | grep -q ' = ' && fail "the scan panel still shows ids (question = option)"
wait_for 'k8s/statefulset\.yaml:22: nvidia\.com/gpu: 1'
wait_for '11 of 11 answers checked'
# Untick the first (workload_type): it stays unanswered.
tui_keys Space
wait_for '10 of 11 answers checked'
tui_keys y
wait_gone 'Scan a repository'
wait_for '10 answers applied from the scan'
wait_file_has "$SESSION_FILE" '^  hardware: \[gpu, high_memory\]$'
wait_file_has "$SESSION_FILE" '^  longest_task: over_15min$'
grep -q '^  workload_type: batch_jobs' "$SESSION_FILE" && fail "the unticked answer was applied"
# Still ordinary answers: the traffic ones are kept.
grep -q '^  requests_per_day: 1200$' "$SESSION_FILE" || fail "the scan lost requests_per_day"

tui_keys q
wait_for 'Quit archwise\?'
tui_keys y
status=$(wait_exit)
[ "$status" = 0 ] || fail "exit status $status"
assert_terminal_restored

# --traffic at start: the panel opens on the log, y applies.
rm -f "$SESSION_FILE"
tui_start 100 30 --traffic "$log"
wait_for 'Pattern: steady'
tui_keys y
wait_file_has "$SESSION_FILE" '^  requests_per_day: 1200$'
wait_for "question 1/$QN"
tui_keys q
wait_for 'Quit archwise\?'
tui_keys y
status=$(wait_exit)
[ "$status" = 0 ] || fail "exit status $status"
echo "ok"
