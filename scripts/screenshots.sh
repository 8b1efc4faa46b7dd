#!/bin/sh
# Renders the README's pictures: the cost chart of docs/examples/user-api.yaml
# (archwise export, dated by SOURCE_DATE_EPOCH) and screenshots from real
# captures of the wizard: runs
# ./archwise in a private tmux server (100x30, xterm-256color, C.UTF-8, an
# empty HOME), answers from tests/cases/spiky-startup, captures the panes
# with their colours (capture-pane -e) and draws them as SVG with
# build/ansi2svg (tools/ansi2svg.c). `make screenshots` runs it.
#   sh scripts/screenshots.sh ARCHWISE ANSI2SVG OUTDIR
set -eu
A=$1 CONV=$2 OUT=$3
root=$(cd "$(dirname "$0")/.." && pwd)
command -v tmux >/dev/null 2>&1 || { echo "screenshots: tmux is needed (scripts/deps.sh test)" >&2; exit 2; }
tmp=$(mktemp -d)
sock="aw-shots-$$"
trap 'tmux -L "$sock" kill-server 2>/dev/null; rm -rf "$tmp"' EXIT
cols=100 rows=30
mkdir -p "$tmp/home" "$OUT"
SOURCE_DATE_EPOCH=1767225600 "$A" export "$root/docs/examples/user-api.yaml" -o "$tmp/example" >/dev/null
cp "$tmp/example/cost-chart.svg" "$OUT/cost-chart.svg"
echo "wrote $OUT/cost-chart.svg"
tmux -L "$sock" -f /dev/null new-session -d -x $cols -y $rows \
	"cd '$tmp' && env -i PATH=/usr/bin:/bin HOME='$tmp/home' XDG_STATE_HOME='$tmp/state' TERM=xterm-256color LANG=C.UTF-8 '$A' --answers '$root/tests/cases/spiky-startup/answers.yaml'; sleep 60"
tmux -L "$sock" set-option -g status off >/dev/null
# wait_for TEXT: until the pane shows TEXT (10 s at most).
wait_for() {
	i=0
	until tmux -L "$sock" capture-pane -p | grep -q -- "$1"; do
		i=$((i + 1))
		[ $i -lt 200 ] || { echo "screenshots: timed out waiting for '$1'" >&2; tmux -L "$sock" capture-pane -p >&2; exit 1; }
		sleep 0.05
	done
}
# shot NAME: the pane as OUT/NAME.svg.
shot() {
	sleep 0.3
	tmux -L "$sock" capture-pane -e -p >"$tmp/$1.ansi"
	"$CONV" $cols $rows <"$tmp/$1.ansi" >"$OUT/$1.svg"
	echo "wrote $OUT/$1.svg"
}
wait_for 'How does traffic arrive'
shot wizard
# Enter on every screen reaches the review, then the result.
i=0
until tmux -L "$sock" capture-pane -p | grep -q 'Result:'; do
	tmux -L "$sock" send-keys Enter
	sleep 0.1
	i=$((i + 1))
	[ $i -lt 100 ] || { echo "screenshots: no result screen" >&2; exit 1; }
done
wait_for 'Ranking, scores out of 100'
shot result
tmux -L "$sock" send-keys 4
wait_for 'break-even'
shot cost
