#!/bin/sh
# Decision records: `archwise export` of every tests/cases/*/answers.yaml must
# give tests/cases/NAME/expected/decision-record.md and cost-chart.svg byte
# for byte. Also checks that a second export is identical and that --adr-dir
# numbers the record and writes its chart beside it.
# Every case must have its golden. With --update (make update-golden) it
# rewrites the goldens instead of comparing.
set -u
update=0
[ "${1:-}" = --update ] && update=1
# Records without a date: in their answers are dated by SOURCE_DATE_EPOCH's
# day (2026-01-01), so the goldens do not depend on today.
SOURCE_DATE_EPOCH=1767225600
export SOURCE_DATE_EPOCH
root=${ARCHWISE_ROOT:?}
A=${ARCHWISE:?}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
cases=0
for answers in "$root"/tests/cases/*/answers.yaml; do
	[ -f "$answers" ] || continue
	dir=$(dirname "$answers")
	name=$(basename "$dir")
	golden="$dir/expected/decision-record.md"
	cases=$((cases + 1))
	if ! "$A" export "$answers" -o "$tmp/$name" >"$tmp/$name.out" 2>&1; then
		echo "FAIL $name: export failed:"; head -5 "$tmp/$name.out"; fail=1; continue
	fi
	got="$tmp/$name/decision-record.md"
	if [ "$update" = 1 ]; then
		mkdir -p "$dir/expected" && cp "$got" "$golden" &&
			cp "$tmp/$name/cost-chart.svg" "$dir/expected/cost-chart.svg" && echo "updated $name"
		continue
	fi
	if [ ! -f "$golden" ]; then
		echo "FAIL $name: no golden $golden (make update-golden writes it)"; fail=1
		continue
	fi
	if cmp -s "$got" "$golden"; then
		echo "ok   $name"
	else
		echo "FAIL $name: record differs from the golden:"
		diff -u "$golden" "$got" | head -40
		fail=1
	fi
	if ! cmp -s "$tmp/$name/cost-chart.svg" "$dir/expected/cost-chart.svg"; then
		echo "FAIL $name: cost-chart.svg differs from the golden:"
		diff -u "$dir/expected/cost-chart.svg" "$tmp/$name/cost-chart.svg" | head -20
		fail=1
	fi
	# Same answers, same bytes.
	"$A" export "$answers" -o "$tmp/$name.again" >/dev/null 2>&1 &&
		cmp -s "$got" "$tmp/$name.again/decision-record.md" ||
		{ echo "FAIL $name: a second export differs"; fail=1; }
done
[ "$cases" -gt 0 ] || { echo "FAIL no tests/cases/*/answers.yaml found"; exit 1; }

# --adr-dir: the next free four-digit number, the slug, the same record.
first=$(ls "$root"/tests/cases/*/answers.yaml | head -n 1)
mkdir -p "$tmp/adr"
echo "# old" >"$tmp/adr/0003-use-postgres.md"
echo "# notes" >"$tmp/adr/0041-notes.txt"
echo "# template" >"$tmp/adr/template.md"
if "$A" export "$first" -o "$tmp/adr-export" --adr-dir "$tmp/adr" >"$tmp/adr.out" 2>&1; then
	adr=$(ls "$tmp/adr" | grep '^0004-choose-.*-for-.*[^t]\.md$')
	# The same record, linking its chart by the ADR name, the chart beside it.
	if [ -n "$adr" ] && grep -q "](${adr%.md}-cost\.svg)\$" "$tmp/adr/$adr" &&
	   sed "s/](${adr%.md}-cost\.svg)\$/](cost-chart.svg)/" "$tmp/adr/$adr" |
		cmp -s - "$tmp/adr-export/decision-record.md" &&
	   cmp -s "$tmp/adr/${adr%.md}-cost.svg" "$tmp/adr-export/cost-chart.svg"; then
		echo "ok   --adr-dir wrote $adr and ${adr%.md}-cost.svg"
	else
		echo "FAIL --adr-dir: expected 0004-choose-*-for-*.md equal to the record, got:"; ls "$tmp/adr"; fail=1
	fi
else
	echo "FAIL export --adr-dir:"; head -5 "$tmp/adr.out"; fail=1
fi

# --date goes into the front matter, nowhere else changes.
if "$A" export "$first" -o "$tmp/dated" --date 2031-02-03 >/dev/null 2>&1; then
	grep -qx 'date: 2031-02-03' "$tmp/dated/decision-record.md" ||
		{ echo "FAIL --date not in the front matter"; fail=1; }
	diff "$tmp/adr-export/decision-record.md" "$tmp/dated/decision-record.md" | grep -c '^[<>]' |
		grep -qx 2 || { echo "FAIL --date changed more than the date line"; fail=1; }
else
	echo "FAIL export --date failed"; fail=1
fi
[ "$update" = 1 ] && exit "$fail"
[ "$fail" -eq 0 ] && echo "record goldens: $cases cases compared, all equal"
exit "$fail"
