#!/bin/sh
# bench/traffic.sh: `archwise traffic` against GoAccess and an awk pipeline
# (requests per hour) on the same generated nginx combined log (with
# $request_time), file in the page cache, each pinned to one core when
# taskset exists. Prints MB/s and how many times faster archwise is.
#   TRAFFIC_BENCH_MB   size of the log in MB (default 1024)
#   TRAFFIC_BENCH_RUNS runs per tool, best kept (default 3)
#   ARCHWISE           the binary (default ./archwise at the repository root)
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${ARCHWISE:-$ROOT/archwise}
MB=${TRAFFIC_BENCH_MB:-1024}
RUNS=${TRAFFIC_BENCH_RUNS:-3}
LOG=/tmp/archwise-bench-traffic-${MB}m.log
OUT=/tmp/archwise-bench-traffic.$$
trap 'rm -rf "$OUT"' EXIT INT TERM
mkdir -p "$OUT"

[ -x "$BIN" ] || { echo "bench/traffic: build archwise first (make)" >&2; exit 1; }
PIN=""
command -v taskset >/dev/null 2>&1 && PIN="taskset -c 0"

# Up to 30 days of March 2024 in +0100, evenly spread; about 200 bytes a line.
want=$((MB * 1048576))
have=$(stat -c %s "$LOG" 2>/dev/null || echo 0)
if [ "$have" -lt $((want - 1048576)) ] || [ "$have" -gt "$want" ]; then
	echo "generating $LOG ($MB MB)..." >&2
	awk -v want="$want" 'BEGIN {
		n = int(want / 150); span = 30 * 86400; bytes = 0 # n over-estimates the lines: the log stays in March
		ua[0] = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36"
		ua[1] = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148"
		ua[2] = "curl/8.5.0"
		for (i = 0; bytes < want; i++) {
			t = int(i * span / n); d = int(t / 86400); r = t % 86400
			line = sprintf("10.%d.%d.%d - - [%02d/Mar/2024:%02d:%02d:%02d +0100] \"GET /api/v1/items/%d?page=%d HTTP/1.1\" %d %d \"https://example.com/start\" \"%s\" 0.%03d",
				i % 250, int(i / 7) % 250, int(i / 13) % 250, d + 1, int(r / 3600), int(r / 60) % 60, r % 60,
				i % 9973, i % 17, (i % 50 ? 200 : 404), 200 + i % 7919, ua[i % 3], i % 997)
			if (bytes + length(line) + 1 > want) break
			print line; bytes += length(line) + 1
		}
	}' > "$LOG"
fi
size=$(stat -c %s "$LOG")
cat "$LOG" > /dev/null # into the page cache

now() { date +%s.%N; }
# best_of NAME CMD...: runs CMD RUNS times; prints the best wall time and the
# best CPU time (user + system, from /usr/bin/time when there is one), seconds.
best_of() {
	name=$1; shift
	bw=""; bc=""
	i=0
	while [ "$i" -lt "$RUNS" ]; do
		t0=$(now)
		if [ -x /usr/bin/time ]; then
			/usr/bin/time -f '%U %S' -o "$OUT/$name.time" "$@" > "$OUT/$name.out" 2> "$OUT/$name.err" || { echo "bench/traffic: $name failed:" >&2; tail -n 5 "$OUT/$name.err" >&2; return 1; }
		else
			"$@" > "$OUT/$name.out" 2> "$OUT/$name.err" || { echo "bench/traffic: $name failed:" >&2; tail -n 5 "$OUT/$name.err" >&2; return 1; }
			echo "" > "$OUT/$name.time"
		fi
		t1=$(now)
		read -r bw bc <<-END
		$(awk -v a="$t0" -v b="$t1" -v bw="$bw" -v bc="$bc" -v f="$OUT/$name.time" 'BEGIN {
			w = b - a; c = w
			if ((getline line < f) > 0 && split(line, x, " ") == 2) c = x[1] + x[2]
			if (bw == "" || w < bw) bw = w
			if (bc == "" || c < bc) bc = c
			printf "%.3f %.3f", bw, bc }')
		END
		i=$((i + 1))
	done
	echo "$bw $bc"
}

mbs() { awk -v s="$size" -v t="$1" 'BEGIN { printf "%.0f", (t > 0 ? s / 1048576 / t : 0) }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", (b > 0 ? a / b : 0) }'; }
# line NAME "WALL CPU" [archwise's "WALL CPU"]
line() {
	set -- "$1" ${2} ${3:-}
	printf '%-26s %7.2f s %6s MB/s   cpu %6.2f s %6s MB/s' "$1" "$2" "$(mbs "$2")" "$3" "$(mbs "$3")"
	[ -n "${4:-}" ] && printf '   archwise %sx faster (wall), %sx (cpu)' "$(ratio "$2" "$4")" "$(ratio "$3" "$5")"
	printf '\n'
}

echo "log: $LOG, $(awk -v s="$size" 'BEGIN { printf "%.0f", s / 1048576 }') MB, $(wc -l < "$LOG") lines; best of $RUNS; ${PIN:-no taskset}"
aw=$(best_of archwise $PIN "$BIN" traffic --format combined --json "$LOG")
grep -q '"traffic_pattern"' "$OUT/archwise.out" || { echo "bench/traffic: archwise printed no result" >&2; exit 1; }
line "archwise traffic" "$aw"

awk_t=$(best_of awk $PIN awk '{ split($4, a, ":"); c[substr(a[1], 2) " " a[2]]++ } END { for (k in c) print k, c[k] }' "$LOG")
line "awk requests per hour" "$awk_t" "$aw"

if command -v goaccess >/dev/null 2>&1; then
	RUNS=1 # GoAccess is slow enough that one run decides
	ga=$(best_of goaccess $PIN goaccess "$LOG" --log-format=COMBINED --no-global-config -o "$OUT/goaccess.json")
	line "goaccess (json report)" "$ga" "$aw"
else
	echo "goaccess: not installed (apt-get install goaccess); skipped"
fi
