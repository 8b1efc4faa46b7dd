#!/bin/sh
# The wizard opens a decision record's answers (--answers RECORD.md) and its
# result screen says whether the result is the record's choice: "As in the
# record" for a record of the built-in model, "Differs from the record" for
# one made with a questionnaire whose rule excluded functions.
. "$(dirname "$0")/tui-common.inc"

same="$TUI_TMP/same"
"$ARCHWISE" export "$ARCHWISE_ROOT/tests/cases/spiky-startup/answers.yaml" -o "$same" >/dev/null ||
	fail "export of the record"
# A questionnaire whose faas-gpu rule fires for spiky traffic: its record
# chose something else than the built-in model now does.
sed 's/^    when: hardware contains gpu$/    when: traffic_pattern == spiky/' \
	"$ARCHWISE_ROOT/questionnaires/k8s-vs-serverless.yaml" >"$TUI_TMP/q.yaml"
grep -q 'when: traffic_pattern == spiky' "$TUI_TMP/q.yaml" || fail "the questionnaire was not changed"
other="$TUI_TMP/other"
"$ARCHWISE" export "$ARCHWISE_ROOT/tests/cases/spiky-startup/answers.yaml" -o "$other" \
	--questionnaire "$TUI_TMP/q.yaml" >/dev/null || fail "export with the other questionnaire"
grep -q '^chosen: serverless$' "$other/decision-record.md" && fail "the other record chose serverless"

quit() {
	tui_keys q
	wait_for 'Quit archwise\?'
	tui_keys y
	status=$(wait_exit)
	[ "$status" = 0 ] || fail "exit status $status"
}

tui_start 100 30 --answers "$same/decision-record.md"
walk_to_result
wait_for 'As in the record: it chose Serverless functions too'
quit
echo "ok   the same choice: As in the record"

rm -f "$SESSION_FILE"
tui_start 100 30 --answers "$other/decision-record.md"
walk_to_result
wait_for 'Differs from the record, which chose'
quit
echo "ok   another choice: Differs from the record"
