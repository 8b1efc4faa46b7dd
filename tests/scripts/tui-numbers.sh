#!/bin/sh
# Numbers are never misread: a comma only separates groups of three digits
# ("2,5M" and "0,17" are refused with the reason), every number field shows
# the value it understood as you type, G in an MB field is 1,024 MB, and
# whole-number questions refuse fractions in the wizard and in answers files.
. "$(dirname "$0")/tui-common.inc"

tui_start 100 30
wait_for "question 1/$QN"
tui_keys Enter
wait_for 'question 2/'
# The pre-filled value is replaced by the first key.
tui_type '2,5M'
wait_for "'2,5M': ',' only separates groups of three digits"
wait_for 'decimal point: 2.5M'
tui_keys Enter
sleep 0.3
tui_screen | grep -q 'question 2/' || fail "Enter accepted 2,5M"
tui_keys C-u
tui_type '2,500,000'
wait_for '= 2,500,000 requests/day'
tui_keys Enter
wait_for 'question 3/'
wait_file_has "$SESSION_FILE" 'requests_per_day: 2500000$'

# Memory in MB: 1G is 1,024 MB and says so; k is no size there.
tui_keys Enter
wait_for 'question 4/'
tui_screen | grep -q ' MB' || fail "question 4 is not the memory in MB"
tui_type 1G
wait_for '= 1,024 MB'
tui_keys C-u
tui_type 1k
wait_for 'sizes here are in MB'
tui_keys C-u
tui_type 1.5G
wait_for '= 1,536 MB'
tui_keys Enter
wait_for 'question 5/'
wait_file_has "$SESSION_FILE" 'memory_mb: 1536$'

# The deployment section: the port is a whole number.
tui_keys PgDn PgDn PgDn
wait_for 'Deployment · question 1 of'
i=0
until tui_screen | grep -q '\] port'; do
	i=$((i + 1)); [ $i -lt 10 ] || fail "no port question"
	tui_keys Tab; sleep 0.2
done
tui_type 80.5
wait_for '80.5 is not a whole number'
tui_keys Enter
sleep 0.3
tui_screen | grep -q '80.5 is not a whole number' || fail "Enter accepted port 80.5"
tui_keys C-u
tui_type 8,080
wait_for '= 8,080 port'
tui_keys Enter
wait_gone '\] port'
wait_file_has "$SESSION_FILE" 'container_port: 8080$'

# A node price with a decimal comma: refused, the reason says what to type.
i=0
until tui_screen | grep -q '\] USD/hour'; do
	i=$((i + 1)); [ $i -lt 10 ] || fail "no node price question"
	tui_keys Tab; sleep 0.2
done
tui_type 0,17
wait_for 'decimal point: 0.17'
tui_keys Enter
sleep 0.3
grep -q 'node_hourly_usd: 17' "$SESSION_FILE" && fail "0,17 was stored as 17"
tui_keys C-u
tui_type 0.17
wait_for '= 0.17 USD/hour'
tui_keys Enter
wait_file_has "$SESSION_FILE" 'node_hourly_usd: 0.17$'

# Answers files read numbers the same way and refuse fractions of whole
# numbers, naming the question (exit 2 in eval and check).
printf 'answers:\n  container_port: 80.5\n' > "$TUI_TMP/port.yaml"
out=$("$ARCHWISE" eval "$TUI_TMP/port.yaml" 2>&1); rc=$?
[ $rc = 2 ] || fail "eval of port 80.5 exited $rc, not 2"
echo "$out" | grep -q 'port.yaml:2:19: container_port: 80.5 is not a whole number' ||
	fail "eval said: $out"
"$ARCHWISE" check "$TUI_TMP/port.yaml" >/dev/null 2>&1; rc=$?
[ $rc = 2 ] || fail "check of port 80.5 exited $rc, not 2"
printf 'answers:\n  node_hourly_usd: 0,17\n' > "$TUI_TMP/price.yaml"
out=$("$ARCHWISE" eval "$TUI_TMP/price.yaml" 2>&1); rc=$?
[ $rc = 2 ] || fail "eval of 0,17 exited $rc, not 2"
echo "$out" | grep -q 'decimal point: 0.17' || fail "eval said: $out"
printf 'answers:\n  requests_per_day: 2,500,000\n  memory_mb: 1G\n' > "$TUI_TMP/ok.yaml"
"$ARCHWISE" eval --json "$TUI_TMP/ok.yaml" > "$TUI_TMP/ok.json" || fail "eval refused 2,500,000 and 1G"
echo "ok"
