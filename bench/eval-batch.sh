#!/bin/sh
# bench/eval-batch.sh: `archwise eval FILE... --json` over many answers files
# (a CI run over every service): time and peak RSS for 100, 1,000 and 10,000
# files. The JSON array is streamed, one file at a time, so the peak must not
# grow with the number of files (target: at most 16 MiB for 10,000 files;
# before streaming it was 765 MB).
#   EVAL_BENCH_MAX  the largest batch (default 10000)
#   ARCHWISE        the binary (default ./archwise at the repository root)
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${ARCHWISE:-$ROOT/archwise}
MAX=${EVAL_BENCH_MAX:-10000}
[ -x "$BIN" ] || { echo "bench/eval-batch: build archwise first (make)" >&2; exit 1; }
DIR=$(mktemp -d /tmp/archwise-bench-eval.XXXXXX)
trap 'rm -rf "$DIR"' EXIT INT TERM
python3 - "$ROOT" "$DIR" "$MAX" <<'PY'
import glob, os, sys
root, d, top = sys.argv[1], sys.argv[2], int(sys.argv[3])
cases = [open(p).read() for p in sorted(glob.glob(os.path.join(root, "tests/cases/*/answers.yaml")))]
for i in range(top):
    with open(os.path.join(d, f"service-{i}.yaml"), "w") as f:
        f.write(cases[i % len(cases)])
PY
python3 - "$BIN" "$DIR" "$MAX" <<'PY'
import os, resource, subprocess, sys, time
bin_, d, top = sys.argv[1], sys.argv[2], int(sys.argv[3])
print(f"{'files':>7} {'seconds':>8} {'peak RSS MiB':>13}")
worst = 0
for n in (100, 1000, 10000):
    if n > top:
        break
    files = [os.path.join(d, f"service-{i}.yaml") for i in range(n)]
    t = time.monotonic()
    pid = os.fork()
    if pid == 0:
        fd = os.open(os.devnull, os.O_WRONLY)
        os.dup2(fd, 1)
        os.execv(bin_, [bin_, "eval", *files, "--json"])
    _, status, ru = os.wait4(pid, 0)
    dt = time.monotonic() - t
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"eval-batch: eval of {n} files exited {os.waitstatus_to_exitcode(status)}")
    mib = ru.ru_maxrss / 1024
    worst = max(worst, mib)
    print(f"{n:>7} {dt:>8.2f} {mib:>13.1f}")
print(f"peak RSS {worst:.1f} MiB (target <= 16 MiB whatever the number of files)")
sys.exit(0 if worst <= 16 else 1)
PY
