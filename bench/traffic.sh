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

# 30 days of March 2024 in +0100, evenly spread; about 230 bytes a line.
want=$((MB * 1048576))
have=$(stat -c %s "$LOG" 2>/dev/null || echo 0)
if [ "$have" -lt "$want" ] || [ "$have" -gt $((want + 1048576)) ]; then
	echo "generating $LOG ($MB MB)..." >&2
	awk -v want="$want" 'BEGIN {
		n = int(want / 231); span = 30 * 86400; bytes = 0
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
# best_of NAME CMD...: runs CMD RUNS times, prints the best wall time in seconds.
best_of() {
	name=$1; shift
	best=""
	i=0
	while [ "$i" -lt "$RUNS" ]; do
		t0=$(now)
		"$@" > "$OUT/$name.out" 2> "$OUT/$name.err" || { echo "bench/traffic: $name failed:" >&2; tail -n 5 "$OUT/$name.err" >&2; return 1; }
		t1=$(now)
		best=$(awk -v a="$t0" -v b="$t1" -v best="$best" 'BEGIN { t = b - a; if (best == "" || t < best) best = t; printf "%.3f", best }')
		i=$((i + 1))
	done
	echo "$best"
}

mbs() { awk -v s="$size" -v t="$1" 'BEGIN { printf "%.0f", s / 1048576 / t }'; }

echo "log: $LOG, $(awk -v s="$size" 'BEGIN { printf "%.0f", s / 1048576 }') MB, $(wc -l < "$LOG") lines; best of $RUNS; ${PIN:-no taskset}"
t_aw=$(best_of archwise $PIN "$BIN" traffic --format combined --json "$LOG")
grep -q '"traffic_pattern"' "$OUT/archwise.out" || { echo "bench/traffic: archwise printed no result" >&2; exit 1; }
printf '%-32s %8.3f s %6s MB/s\n' "archwise traffic" "$t_aw" "$(mbs "$t_aw")"

t_awk=$(best_of awk $PIN awk '{ split($4, a, ":"); c[substr(a[1], 2) " " a[2]]++ } END { for (k in c) print k, c[k] }' "$LOG")
printf '%-32s %8.3f s %6s MB/s  archwise is %sx faster\n' "awk requests per hour" "$t_awk" "$(mbs "$t_awk")" \
	"$(awk -v a="$t_awk" -v b="$t_aw" 'BEGIN { printf "%.1f", a / b }')"

if command -v goaccess >/dev/null 2>&1; then
	RUNS=1 # GoAccess is slow enough that one run decides
	t_ga=$(best_of goaccess $PIN goaccess "$LOG" --log-format=COMBINED --no-global-config -o "$OUT/goaccess.json")
	printf '%-32s %8.3f s %6s MB/s  archwise is %sx faster\n' "goaccess (json report)" "$t_ga" "$(mbs "$t_ga")" \
		"$(awk -v a="$t_ga" -v b="$t_aw" 'BEGIN { printf "%.1f", a / b }')"
else
	echo "goaccess: not installed (apt-get install goaccess); skipped"
fi
