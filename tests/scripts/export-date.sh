#!/bin/sh
# export --date: only real calendar dates YYYY-MM-DD (the same check as an
# answers file's date), else exit 2 with one line and nothing written.
# Without --date and without date: in the answers the record is dated today
# in the local time zone, or SOURCE_DATE_EPOCH's day (UTC) when that is set;
# --date and the answers' date: win over both.
set -u
unset SOURCE_DATE_EPOCH
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
A=$ARCHWISE
fail=0
printf 'questionnaire: k8s-vs-serverless\nanswers:\n  traffic_pattern: steady\n' >good.yaml
for d in 2026-02-30 2026-02-31 2025-02-29 2026-04-31 2026-13-01 2026-00-10 +026-01-01 2026-1-010 yesterday; do
	"$A" export good.yaml -o "out-$d" --date "$d" >out 2>err
	rc=$?
	if [ $rc -ne 2 ]; then
		echo "FAIL --date $d: exit $rc, want 2"; fail=1
	elif [ "$(wc -l <err)" -ne 1 ] || ! grep -q "^archwise: .*--date '$d'" err; then
		echo "FAIL --date $d: stderr is not one line naming the date:"; cat err; fail=1
	elif [ -e "out-$d" ]; then
		echo "FAIL --date $d: something was written"; fail=1
	else
		echo "ok   --date $d refused"
	fi
done
for d in 2024-02-29 2000-02-29 2026-12-31; do
	if "$A" export good.yaml -o "out-$d" --date "$d" >/dev/null 2>err &&
	   grep -q "^date: $d\$" "out-$d/decision-record.md"; then
		echo "ok   --date $d"
	else
		echo "FAIL --date $d:"; cat err; fail=1
	fi
done

# The default: today, in the time zone of TZ (the day may differ from UTC's).
for tz in UTC Pacific/Kiritimati Pacific/Pago_Pago; do
	before=$(TZ=$tz date +%Y-%m-%d)
	TZ=$tz "$A" export good.yaml -o "today-$tz" >/dev/null 2>err
	after=$(TZ=$tz date +%Y-%m-%d)
	got=$(sed -n 's/^date: //p' "today-$tz/decision-record.md" 2>/dev/null)
	if [ "$got" = "$before" ] || [ "$got" = "$after" ]; then
		echo "ok   no --date: today in $tz ($got)"
	else
		echo "FAIL no --date in $tz: date '$got', want $before"; cat err; fail=1
	fi
done

# SOURCE_DATE_EPOCH: its day in UTC, whatever TZ says; byte-identical reruns.
for run in 1 2; do
	SOURCE_DATE_EPOCH=1709251199 TZ=Pacific/Kiritimati "$A" export good.yaml -o "sde-$run" >/dev/null 2>err ||
		{ echo "FAIL SOURCE_DATE_EPOCH export:"; cat err; fail=1; }
done
if grep -qx 'date: 2024-02-29' sde-1/decision-record.md 2>/dev/null &&
   cmp -s sde-1/decision-record.md sde-2/decision-record.md; then
	echo "ok   SOURCE_DATE_EPOCH=1709251199 dates the record 2024-02-29, the same bytes twice"
else
	echo "FAIL SOURCE_DATE_EPOCH: $(grep '^date:' sde-1/decision-record.md 2>/dev/null)"; fail=1
fi
# --date and the answers' date: win over SOURCE_DATE_EPOCH.
SOURCE_DATE_EPOCH=1709251199 "$A" export good.yaml -o sde-flag --date 2030-05-06 >/dev/null 2>&1
grep -qx 'date: 2030-05-06' sde-flag/decision-record.md 2>/dev/null &&
	echo "ok   --date over SOURCE_DATE_EPOCH" || { echo "FAIL --date over SOURCE_DATE_EPOCH"; fail=1; }
printf 'questionnaire: k8s-vs-serverless\ndate: 2029-03-04\nanswers:\n  traffic_pattern: steady\n' >dated.yaml
SOURCE_DATE_EPOCH=1709251199 "$A" export dated.yaml -o sde-answers >/dev/null 2>&1
grep -qx 'date: 2029-03-04' sde-answers/decision-record.md 2>/dev/null &&
	echo "ok   the answers' date: over SOURCE_DATE_EPOCH" ||
	{ echo "FAIL the answers' date over SOURCE_DATE_EPOCH"; fail=1; }
# A SOURCE_DATE_EPOCH that is not whole seconds: exit 2, one line, nothing written.
for bad in -5 1.5 12abc ' 17' 99999999999999; do
	SOURCE_DATE_EPOCH=$bad "$A" export good.yaml -o "sde-bad" >out 2>err
	rc=$?
	if [ $rc -eq 2 ] && [ "$(wc -l <err)" -eq 1 ] && grep -q '^archwise: .*SOURCE_DATE_EPOCH' err &&
	   [ ! -e sde-bad ]; then
		echo "ok   SOURCE_DATE_EPOCH='$bad' refused"
	else
		echo "FAIL SOURCE_DATE_EPOCH='$bad': exit $rc:"; cat err; fail=1
	fi
done
exit $fail
