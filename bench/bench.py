#!/usr/bin/env python3
"""archwise benchmarks (issue #7): runs every comparison in one go on this
machine and prints one table. Times are medians of repeated runs measured
with os.wait4 (wall clock) and peak RSS from the kernel's ru_maxrss."""
import os, pty, random, select, shutil, statistics, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "archwise")
RUNS = int(os.environ.get("BENCH_RUNS", "30"))
ARCHS = ["kubernetes", "serverless", "kubernetes_serverless", "serverless_containers", "hybrid"]


def run_once(argv, env=None):
    """posix_spawn (vfork in glibc): the child's peak RSS is its own, not a
    copy of this Python process as after fork()."""
    devnull = os.open(os.devnull, os.O_RDWR)
    actions = [(os.POSIX_SPAWN_DUP2, devnull, 0), (os.POSIX_SPAWN_DUP2, devnull, 1),
               (os.POSIX_SPAWN_DUP2, devnull, 2)]
    path = argv[0] if "/" in argv[0] else shutil.which(argv[0])
    t0 = time.perf_counter()
    pid = os.posix_spawn(path, argv, env if env is not None else os.environ, file_actions=actions)
    _, status, ru = os.wait4(pid, 0)
    dt = time.perf_counter() - t0
    os.close(devnull)
    return dt, ru.ru_maxrss, os.waitstatus_to_exitcode(status)


def measure(argv, runs=RUNS, env=None, expect=0):
    times, rss = [], 0
    for _ in range(runs):
        dt, r, rc = run_once(argv, env)
        if rc != expect:
            raise SystemExit(f"bench: {' '.join(argv)} exited {rc}")
        times.append(dt)
        rss = max(rss, r)
    return statistics.median(times), rss


def first_frame(argv, marker, env, runs=15):
    """Time from spawn until `marker` appears on a pseudo-terminal, 100x30."""
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        pid, fd = pty.fork()
        if pid == 0:
            os.environ.update(env)
            os.execvp(argv[0], argv)
        import fcntl, struct, termios
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
        buf = b""
        deadline = t0 + 5
        while marker not in buf and time.perf_counter() < deadline:
            r, _, _ = select.select([fd], [], [], 0.05)
            if r:
                try:
                    buf += os.read(fd, 65536)
                except OSError:
                    break
        dt = time.perf_counter() - t0
        os.kill(pid, 9)
        os.waitpid(pid, 0)
        os.close(fd)
        if marker not in buf:
            raise SystemExit(f"bench: first frame of {argv[0]} never showed {marker!r}")
        times.append(dt)
    return statistics.median(times)


def scores():
    return "{" + ", ".join(f"{a}: {random.randint(1, 5)}" for a in ARCHS) + "}"


def synthetic(dirpath, nq, ncases):
    """A questionnaire of nq single-choice questions in 10 sections and
    ncases case studies answering 20 questions each."""
    random.seed(nq * 7919 + ncases)
    lines = ["id: synthetic", "version: 1", f"title: Synthetic {nq}", "factors:"]
    for f in range(7):
        lines.append(f"  - {{id: f{f}, name: Factor {f}, weight: {1 + f % 5}}}")
    lines.append("sections:")
    per = max(1, nq // 10)
    for q in range(nq):
        if q % per == 0:
            lines += [f"  - id: s{q // per}", f"    title: Section {q // per}", "    questions:"]
        lines += [f"      - id: q{q}", f"        text: Question {q}?", "        help: Synthetic.",
                  "        kind: single", f"        factor: f{q % 7}", "        default: o0",
                  "        ordered: true", "        options:"]
        for o in range(4):
            lines.append(f"          - {{id: o{o}, label: Option {o}, scores: {scores()}}}")
    open(os.path.join(dirpath, "q.yaml"), "w").write("\n".join(lines) + "\n")
    cs = ["case_studies:"]
    for c in range(ncases):
        cs += [f"  - id: c{c}", f"    name: Case {c}", f"    architecture: {ARCHS[c % 5]}",
               "    challenge: Synthetic.", "    approach: [Synthetic.]", "    results: [Synthetic.]",
               "    lesson: Synthetic.", "    source: bench", "    profile:"]
        for q in random.sample(range(nq), min(20, nq)):
            cs.append(f"      q{q}: o{random.randint(0, 3)}")
    data = os.path.join(dirpath, "data")
    os.makedirs(data, exist_ok=True)
    open(os.path.join(data, "case-studies.yaml"), "w").write("\n".join(cs) + "\n")
    for f in ("architectures.yaml", "pricing.yaml"):
        shutil.copy(os.path.join(ROOT, "assets", f), data)
    ans = ["questionnaire: synthetic", "answers:"]
    for q in range(0, nq, max(1, nq // 50)):
        ans.append(f"  q{q}: o{random.randint(0, 3)}")
    open(os.path.join(dirpath, "answers.yaml"), "w").write("\n".join(ans) + "\n")


def main():
    if not os.access(BIN, os.X_OK):
        raise SystemExit("bench: build ./archwise first (make)")
    tmp = tempfile.mkdtemp(prefix="archwise-bench-")
    env = dict(os.environ, HOME=tmp, XDG_STATE_HOME=tmp, TERM="xterm-256color", LANG="C.UTF-8")
    answers = os.path.join(ROOT, "tests", "cases", "defaults", "answers.yaml")
    if not os.path.exists(answers):
        answers = os.path.join(tmp, "defaults.yaml")
        open(answers, "w").write("questionnaire: k8s-vs-serverless\nanswers: {}\n")
    rows = []
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    print(f"machine: {cpu}, {os.cpu_count()} cores, runs per figure: {RUNS}")

    kubectl = shutil.which("kubectl")
    t_eval, rss_eval = measure([BIN, "eval", answers, "--json"])
    out = os.path.join(tmp, "out")
    def export_argv():
        shutil.rmtree(out, ignore_errors=True)
        return [BIN, "export", answers, "-o", out, "--date", "2026-01-01"]
    times, rss_export = [], 0
    for _ in range(RUNS):
        dt, r, rc = run_once(export_argv())
        if rc != 0:
            raise SystemExit("bench: export failed")
        times.append(dt); rss_export = max(rss_export, r)
    t_export = statistics.median(times)
    rows.append(("archwise eval --json", t_eval, rss_eval))
    rows.append(("archwise export (all targets)", t_export, rss_export))
    if kubectl:
        t_k, rss_k = measure([kubectl, "create", "deployment", "web", "--image=nginx:1.27",
                              "--dry-run=client", "-o", "yaml"], runs=max(5, RUNS // 3))
        rows.append(("kubectl create deployment --dry-run=client -o yaml", t_k, rss_k))

    marker = os.environ.get("BENCH_MARKER", "quit").encode()
    t_ff = first_frame([BIN], marker, env)
    rows.append(("archwise wizard first frame (pty 100x30)", t_ff, None))
    t_dialog = None
    if shutil.which("dialog"):
        items = []
        for i in range(8):
            items += [str(i + 1), f"item{i + 1}"]
        t_dialog = first_frame(["dialog", "--menu", "Pick one", "20", "60", "8"] + items, b"item8", env)
        rows.append(("dialog --menu, 8 items (pty 100x30)", t_dialog, None))

    print()
    print(f"| {'what':58} | {'median ms':>9} | {'peak RSS MiB':>12} |")
    print(f"|{'-' * 60}|{'-' * 11}|{'-' * 14}|")
    for name, t, rss in rows:
        r = f"{rss / 1024:.1f}" if rss else "-"
        print(f"| {name:58} | {t * 1000:9.2f} | {r:>12} |")
    print()
    if kubectl:
        print(f"eval / kubectl   = {t_eval / t_k:.3f}  (target <= 0.100)")
        print(f"export / kubectl = {t_export / t_k:.3f}  (target <= 0.200)")
    if t_dialog:
        print(f"first frame / dialog = {t_ff / t_dialog:.3f}  (target <= 1.0)")
    print(f"eval peak RSS = {rss_eval / 1024:.1f} MiB  (target < 8 MiB)")

    print()
    print("scale: synthetic questionnaires (load + eval + sensitivity)")
    print(f"| {'questions':>9} | {'cases':>6} | {'median ms':>9} | {'ms per 1k q':>11} | {'RSS MiB':>8} |")
    print(f"|{'-' * 11}|{'-' * 8}|{'-' * 11}|{'-' * 13}|{'-' * 10}|")
    for nq, nc in [(10, 10), (100, 10), (1000, 10), (10000, 10), (1000, 100), (1000, 1000)]:
        d = os.path.join(tmp, f"s{nq}-{nc}")
        os.makedirs(d, exist_ok=True)
        synthetic(d, nq, nc)
        argv = [BIN, "eval", os.path.join(d, "answers.yaml"), "--json",
                "--questionnaire", os.path.join(d, "q.yaml"), "--data-dir", os.path.join(d, "data")]
        t, rss = measure(argv, runs=max(3, RUNS // 10))
        print(f"| {nq:9} | {nc:6} | {t * 1000:9.2f} | {t * 1e6 / nq:11.2f} | {rss / 1024:8.1f} |")
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
