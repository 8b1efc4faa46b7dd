#!/bin/sh
# The service name's rule in words, the one rule of the wizard, eval and
# export (answers_service_name_rule, the questionnaire's pattern_help): the
# wizard never shows the raw pattern, and what it refuses eval and export
# refuse too, with the same words.
. "$(dirname "$0")/tui-common.inc"

tui_start 100 30
wait_for "question 1/$QN"
tui_keys PgDn PgDn PgDn
wait_for 'Deployment · question 1 of'
tui_type 9lives
wait_for "'9lives' is not valid: a lower-case letter first"
tui_screen | grep -q '\^\[a-z' && fail "the raw pattern is shown"
tui_keys Enter
sleep 0.3
tui_screen | grep -q 'Deployment · question 1 of' || fail "Enter accepted 9lives"
tui_keys C-u
tui_type 'Shop'
wait_for "'Shop' is not valid: a lower-case letter first"
tui_keys C-u
long=a234567890123456789012345678901234567890123456789012345
tui_type "$long"
wait_for 'text is 55 characters long, the limit is 49'
tui_keys C-u
tui_type shop-api
wait_for '✔ ok'
tui_keys Enter
wait_for 'Deployment · question 2 of'
wait_file_has "$SESSION_FILE" 'service_name: shop-api$'

# eval and export refuse the same names (exit 2, nothing written).
for name in 9lives Shop "$long"; do
	printf 'answers:\n  service_name: "%s"\n' "$name" > "$TUI_TMP/svc.yaml"
	out=$("$ARCHWISE" eval "$TUI_TMP/svc.yaml" 2>&1); rc=$?
	[ $rc = 2 ] || fail "eval of service_name $name exited $rc"
	echo "$out" | grep -Eq "service_name: ('$name' is not valid: a lower-case letter first|text is 55 characters long, the limit is 49)" ||
		fail "eval said: $out"
	"$ARCHWISE" export "$TUI_TMP/svc.yaml" -o "$TUI_TMP/out" >/dev/null 2>&1; rc=$?
	[ $rc = 2 ] || fail "export of service_name $name exited $rc"
	[ -e "$TUI_TMP/out" ] && fail "export wrote files for $name"
done
echo "ok"
