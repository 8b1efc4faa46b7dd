#!/bin/sh
# The decision record's cost chart (cost-chart.svg) for every
# tests/cases/*/answers.yaml: well-formed XML (xmllint), the five series
# with their own dash pattern and marker, the user's volume and a legend,
# and it renders (rsvg-convert to PNG at its size, not blank). The record
# embeds it as an image. Tools missing: skip (77; a failure under CI=true).
set -u
root=${ARCHWISE_ROOT:?}
A=${ARCHWISE:?}
for tool in xmllint rsvg-convert; do
	command -v "$tool" >/dev/null 2>&1 || { echo "skip: no $tool (scripts/deps.sh installs it)"; exit 77; }
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
SOURCE_DATE_EPOCH=1767225600
export SOURCE_DATE_EPOCH
fail=0
cases=0
bad() { echo "FAIL $1"; fail=1; }
# PNG width and height from the IHDR chunk (bytes 17-24, big-endian).
png_size() { od -An -tu1 -j16 -N8 "$1" | awk '{ print $1*16777216+$2*65536+$3*256+$4 "x" $5*16777216+$6*65536+$7*256+$8 }'; }
# A blank chart of the same size renders to almost nothing: the yardstick.
printf '<svg xmlns="http://www.w3.org/2000/svg" width="760" height="600"/>\n' >"$tmp/blank.svg"
rsvg-convert -b white "$tmp/blank.svg" -o "$tmp/blank.png" || { bad "rsvg-convert cannot render a blank SVG"; exit 1; }
blank=$(wc -c <"$tmp/blank.png")
for answers in "$root"/tests/cases/*/answers.yaml; do
	name=$(basename "$(dirname "$answers")")
	out="$tmp/$name"
	cases=$((cases + 1))
	"$A" export "$answers" -o "$out" >"$tmp/$name.log" 2>&1 || { bad "$name: export failed"; cat "$tmp/$name.log"; continue; }
	svg="$out/cost-chart.svg"
	xmllint --noout "$svg" 2>"$tmp/$name.xml" || { bad "$name: not well-formed XML:"; head -5 "$tmp/$name.xml"; continue; }
	grep -qx '!\[Monthly cost by request volume[^]]*\](cost-chart.svg)' "$out/decision-record.md" ||
		bad "$name: the record does not embed cost-chart.svg"
	# Five series, in the root element, each a path with points.
	n=$(xmllint --xpath 'count(/*[local-name()="svg"]/*[local-name()="g"][starts-with(@id,"series-")]/*[local-name()="path"][contains(@class,"line")])' "$svg")
	[ "$n" = 5 ] || bad "$name: $n series lines, want 5"
	for id in kubernetes serverless kubernetes_serverless serverless_containers hybrid; do
		d=$(xmllint --xpath "string(//*[@id='series-$id']/*[local-name()='path'][contains(@class,'line')]/@d)" "$svg")
		pts=$(printf '%s' "$d" | tr -cd 'L' | wc -c)
		[ "$pts" -ge 100 ] || bad "$name: series-$id has $pts segments"
	done
	# Distinguishable without colour: five dash patterns (solid included)
	# and five marker shapes.
	dashes=$(xmllint --xpath '//*[starts-with(@id,"series-")]/*[contains(@class,"line")]' "$svg" |
		grep -o 'stroke-dasharray="[^"]*"\|<path class="line s0"' | sort -u | wc -l)
	[ "$dashes" = 5 ] || bad "$name: $dashes distinct dash patterns, want 5"
	for i in 0 1 2 3 4; do
		grep -o "<use class=\"s$i m\" href=\"#mk-[a-z]*\"" "$svg" | sort -u
	done >"$tmp/$name.markers"
	[ "$(wc -l <"$tmp/$name.markers")" = 5 ] && [ "$(sed 's/.*#//' "$tmp/$name.markers" | sort -u | wc -l)" = 5 ] ||
		bad "$name: not one marker shape a series: $(cat "$tmp/$name.markers")"
	for mk in $(sed 's/.*#//; s/"//' "$tmp/$name.markers"); do
		[ "$(xmllint --xpath "count(//*[local-name()='defs']/*[@id='$mk'])" "$svg")" = 1 ] || bad "$name: no shape $mk"
	done
	grep -q '>your volume: [0-9,]* requests per day<' "$svg" || bad "$name: no volume in the legend"
	grep -q 'prefers-color-scheme:dark' "$svg" || bad "$name: no dark scheme"
	# It renders, at its own size, to more than a blank page.
	rsvg-convert -b white "$svg" -o "$tmp/$name.png" 2>"$tmp/$name.rsvg" || { bad "$name: rsvg-convert failed:"; head -3 "$tmp/$name.rsvg"; continue; }
	w=$(xmllint --xpath 'string(/*/@width)' "$svg")
	h=$(xmllint --xpath 'string(/*/@height)' "$svg")
	[ "$(png_size "$tmp/$name.png")" = "${w}x$h" ] || bad "$name: PNG is $(png_size "$tmp/$name.png"), SVG ${w}x$h"
	size=$(wc -c <"$tmp/$name.png")
	[ "$size" -gt $((blank * 10)) ] || bad "$name: PNG of $size bytes, a blank one has $blank"
	# Byte-identical on a rerun.
	"$A" export "$answers" -o "$out.again" >/dev/null 2>&1 && cmp -s "$svg" "$out.again/cost-chart.svg" ||
		bad "$name: a second export gives another chart"
	[ "$fail" -eq 0 ] && echo "ok   $name ($size bytes of PNG)"
done
[ "$cases" -gt 0 ] || { echo "FAIL no cases"; exit 1; }
# The checks can fail: a chart with a line removed, one cut short.
cp "$tmp/defaults/cost-chart.svg" "$tmp/cut.svg"
sed -i '/<g id="series-hybrid">/,/^<\/g>$/d' "$tmp/cut.svg"
xmllint --noout "$tmp/cut.svg" || bad "the chart without a series is not XML"
[ "$(xmllint --xpath 'count(//*[starts-with(@id,"series-")])' "$tmp/cut.svg")" = 4 ] || bad "removing a series went unseen"
head -c 2000 "$tmp/defaults/cost-chart.svg" >"$tmp/short.svg"
xmllint --noout "$tmp/short.svg" 2>/dev/null && bad "xmllint accepted a cut SVG"
[ "$fail" -eq 0 ] && echo "cost charts: $cases cases, well-formed, five series, rendered"
exit "$fail"
