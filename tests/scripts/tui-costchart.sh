#!/bin/sh
# At 80x24 the cost chart shows every architecture: a line drawn under
# another (the same cost) is named at the top of the chart with the line
# that covers it, so none of the five disappears.
. "$(dirname "$0")/tui-common.inc"

tui_start 80 24
wait_for "question 1/$QN"
tui_enter_to_review
tui_keys Enter
wait_for 'Recommended: '
tui_keys 4
wait_for 'req/day'
# The chart: the rows between the caption and the x axis labels.
chart=$(tui_screen | sed -n '/USD\/month vs requests\/day/,/req\/day/p')
missing=""
for g in '#' '\*' '\+' 'o' '~'; do
	# The glyph on a chart row (right of the axis), or named as hidden.
	echo "$chart" | sed 's/^[^│|]*[│|]//' | grep -q -- "$g" || missing="$missing $g"
done
[ -z "$missing" ] || fail "lines missing from the chart:$missing"
hidden=$(echo "$chart" | sed -n 's/.* \([#*+o~] [A-Za-z/]* under [#*+o~] [A-Za-z/]*\).*/\1/p' | head -n 1)
echo "chart: all five lines or their notes present${hidden:+ ($hidden ...)}"
echo "ok"
