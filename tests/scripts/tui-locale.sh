#!/bin/sh
# The wizard follows the user's locale for characters, never for numbers:
# under de_DE (decimal comma) the defaults still read as 0.10 $/h, the costs
# match eval, and the autosave writes numbers that read back.
. "$(dirname "$0")/tui-common.inc"
# de_DE is compiled into a private LOCPATH, so no installed locale is
# needed, only localedef and its sources (Debian/Ubuntu: the locales package).
LOCPATH_DIR="$TUI_TMP/locales"
mkdir -p "$LOCPATH_DIR"
if ! localedef -i de_DE -f UTF-8 "$LOCPATH_DIR/de_DE.UTF-8" >"$TUI_TMP/localedef.out" 2>&1 ||
	[ ! -f "$LOCPATH_DIR/de_DE.UTF-8/LC_NUMERIC" ]; then
	cat "$TUI_TMP/localedef.out"
	echo "localedef cannot build de_DE.UTF-8: install the locales package (sh scripts/deps.sh test)"
	exit 77
fi
# The locale must really be de_DE: a decimal comma.
[ "$(LOCPATH=$LOCPATH_DIR LC_ALL=de_DE.UTF-8 locale decimal_point 2>/dev/null)" = "," ] ||
	fail "the compiled de_DE.UTF-8 has no decimal comma"
TUI_ENV="LOCPATH=$LOCPATH_DIR LANG=de_DE.UTF-8 LC_ALL=de_DE.UTF-8"
tui_start 100 30
wait_for "question 1/$QN"
presses=0
while ! tui_screen | grep -q 'Recommended: '; do
	[ $presses -lt 40 ] || fail "no result after $presses presses"
	tui_keys Enter
	presses=$((presses + 1))
	sleep 0.05
done
wait_file_has "$SESSION_FILE" "node_hourly_usd: 0.1$"
"$ARCHWISE" eval "$SESSION_FILE" >"$TUI_TMP/eval.txt" || fail "the session does not evaluate"
k8s=$(sed -n 's/^  kubernetes  *\([0-9.]*\) USD$/\1/p' "$TUI_TMP/eval.txt")
[ -n "$k8s" ] && [ "$k8s" != "0.00" ] || fail "kubernetes cost from eval: '$k8s'"
tui_keys 4
wait_for "Kubernetes +\\\$$k8s" || true
tui_screen | grep -q "\$$k8s" || fail "cost tab does not show kubernetes at \$$k8s"
tui_screen | grep -Eq '[0-9],[0-9]{2} ' && fail "a decimal comma on the cost tab"
tui_keys q y
[ "$(wait_exit)" = 0 ] || fail "exit status"
echo "ok: de_DE locale, kubernetes \$$k8s/month in the wizard and eval"
