#!/bin/sh
# The layout is the architecture: sources live in one folder per stage, and
# data flows one way, so a file may include only headers of its own stage or
# of an earlier one. A header in include/ belongs to the stage of the source
# file of the same name (include/cost.h to src/engine/cost.c); headers with
# no source of their own are listed below. Fails on any include that points
# to a later stage, or across two stages of the same rank, naming the line.
cd "${ARCHWISE_ROOT:-.}" || exit 2
rank() {
	case $1 in
	core) echo 0 ;; engine) echo 1 ;; traffic | scan) echo 2 ;;
	report | gen | recheck) echo 3 ;; export) echo 4 ;; tui) echo 5 ;; cli) echo 6 ;;
	*) echo "?" ;;
	esac
}
stage_of_header() {
	h=$(basename "$1" .h)
	case $h in
	model | builtin | cond | file) echo core; return ;;
	tui) echo tui; return ;;
	esac
	src=$(ls src/*/"$h".c 2>/dev/null | head -n 1)
	[ -n "$src" ] || { echo "?"; return; }
	basename "$(dirname "$src")"
}
bad=0
for d in src/*/; do
	st=$(basename "$d")
	r=$(rank "$st")
	[ "$r" = "?" ] && { echo "layering: $d is not a known stage"; bad=1; continue; }
	for f in "$d"*.c "$d"*.h; do
		[ -f "$f" ] || continue
		grep -n '^#include "' "$f" | while IFS= read -r line; do
			n=${line%%:*}
			h=$(echo "$line" | sed 's/.*#include "\([^"]*\)".*/\1/')
			[ -f "$d$h" ] && continue              # a private header of the stage
			hs=$(stage_of_header "$h")
			hr=$(rank "$hs")
			if [ "$hr" = "?" ]; then
				echo "$f:$n: $h belongs to no stage"; echo x
			elif [ "$hr" -gt "$r" ] || { [ "$hr" -eq "$r" ] && [ "$hs" != "$st" ]; }; then
				echo "$f:$n: $st includes $h of the later stage $hs"; echo x
			fi
		done
	done
done | tee build/layering.out >/dev/null
grep -v '^x$' build/layering.out
if grep -q '^x$' build/layering.out || [ $bad -ne 0 ]; then
	exit 1
fi
# Headers include only earlier or same-stage headers too.
for h in include/*.h; do
	hs=$(stage_of_header "$h"); hr=$(rank "$hs")
	for inc in $(sed -n 's/^#include "\([^"]*\)".*/\1/p' "$h"); do
		is=$(stage_of_header "$inc"); ir=$(rank "$is")
		if [ "$ir" = "?" ] || [ "$ir" -gt "$hr" ]; then
			echo "$h: includes $inc of the later stage $is"; bad=1
		fi
	done
done
[ $bad -eq 0 ] && echo "layering: ok"
exit $bad
