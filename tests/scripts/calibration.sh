#!/bin/sh
# Calibration: realistic scenarios labelled by experienced architects (each
# file's header: `# expect:` the architecture they would choose,
# `# also-acceptable:` a second one where they genuinely split, `# reason:`
# why, citing the guide or provider guidance). archwise must recommend the
# expected one (or the acceptable one). Prints the table; fails on any
# disagreement. The labels were written before the model was tuned against
# them and are not changed to fit it.
cd "${ARCHWISE_ROOT:-.}" || exit 2
bin=${ARCHWISE:-./archwise}
fail=0 n=0 agree=0
printf '%-44s %-22s %-22s %s\n' scenario expected archwise verdict
for f in tests/calibration/*.yaml; do
	n=$((n + 1))
	exp=$(sed -n 's/^# expect: *//p' "$f")
	also=$(sed -n 's/^# also-acceptable: *//p' "$f")
	[ -n "$exp" ] || { echo "$f: no '# expect:' line"; fail=1; continue; }
	line=$("$bin" eval "$f" 2>&1 | head -n 1)
	got=$(printf '%s\n' "$line" | sed -n 's/^Recommendation: .*(\([a-z_]*\)), score.*/\1/p')
	if [ "$got" = "$exp" ]; then
		verdict=agree; agree=$((agree + 1))
	elif [ -n "$also" ] && [ "$got" = "$also" ]; then
		verdict="agree (also acceptable)"; agree=$((agree + 1))
	else
		verdict="DISAGREE: $line"; fail=1
	fi
	printf '%-44s %-22s %-22s %s\n' "$(basename "$f" .yaml)" "$exp" "${got:-?}" "$verdict"
done
echo "calibration: $agree of $n scenarios agree"
[ "$n" -ge 30 ] || { echo "calibration: fewer than 30 scenarios"; fail=1; }
exit $fail
