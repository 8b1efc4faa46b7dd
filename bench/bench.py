#!/usr/bin/env python3
"""archwise benchmarks (issue #7): runs every comparison in one go on this
machine and prints one table. Times are medians of repeated runs measured
with os.wait4 (wall clock); peak RSS is the kernel's ru_maxrss of a child
forked by a small C helper (see peak_rss). When
valgrind is installed (and BENCH_CALLGRIND is not 0) the scale rows also get
instruction counts from callgrind, which repeat exactly from run to run
whatever else the machine is doing, and the largest questionnaire gets the
sensitivity analysis's own share."""
import atexit, os, pty, random, re, select, shutil, statistics, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "archwise")
RUNS = int(os.environ.get("BENCH_RUNS", "30"))
ARCHS = ["kubernetes", "serverless", "kubernetes_serverless", "serverless_containers", "hybrid"]


def run_once(argv, env=None):
    """Wall time of one run, spawned with posix_spawn (vfork in glibc)."""
    devnull = os.open(os.devnull, os.O_RDWR)
    actions = [(os.POSIX_SPAWN_DUP2, devnull, 0), (os.POSIX_SPAWN_DUP2, devnull, 1),
               (os.POSIX_SPAWN_DUP2, devnull, 2)]
    path = argv[0] if "/" in argv[0] else shutil.which(argv[0])
    t0 = time.perf_counter()
    pid = os.posix_spawn(path, argv, env if env is not None else os.environ, file_actions=actions)
    _, status, ru = os.wait4(pid, 0)
    dt = time.perf_counter() - t0
    os.close(devnull)
    return dt, os.waitstatus_to_exitcode(status)


# Peak RSS needs a small parent: a child spawned from Python (fork or vfork)
# inherits Python's own high-water mark at exec (ru_maxrss keeps the old
# address space's peak), so every figure would read ~15 MiB. This helper
# forks from its own ~1 MiB image and prints the child's ru_maxrss in KiB
# and its exit code. With -o FILE the child keeps the helper's terminal (the
# wizard), the helper ignores SIGTERM so that it outlives the child it is
# sent to, and the figures go to FILE.
RSS_HELPER_C = r"""
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
int main(int argc, char **argv)
{
	const char *out = NULL;
	int i = 1;
	if (argc > 3 && strcmp(argv[1], "-o") == 0) {
		out = argv[2];
		i = 3;
		signal(SIGTERM, SIG_IGN);
	}
	if (i >= argc)
		return 2;
	pid_t pid = fork();
	if (pid == 0) {
		signal(SIGTERM, SIG_DFL);
		if (!out) {
			int fd = open("/dev/null", O_RDWR);
			dup2(fd, 0); dup2(fd, 1); dup2(fd, 2);
		}
		execvp(argv[i], argv + i);
		_exit(127);
	}
	int st;
	struct rusage ru;
	if (pid < 0 || wait4(pid, &st, 0, &ru) < 0)
		return 1;
	FILE *f = out ? fopen(out, "w") : stdout;
	if (!f)
		return 1;
	fprintf(f, "%ld %d\n", ru.ru_maxrss, WIFEXITED(st) ? WEXITSTATUS(st) : 128);
	return out ? fclose(f) != 0 : 0;
}
"""
_rss_helper = []


def rss_helper():
    if not _rss_helper:
        d = tempfile.mkdtemp(prefix="archwise-rss-")
        atexit.register(shutil.rmtree, d, True)
        src, exe = os.path.join(d, "rss.c"), os.path.join(d, "rss")
        open(src, "w").write(RSS_HELPER_C)
        cc = os.environ.get("CC", "cc")
        ok = shutil.which(cc) and subprocess.run([cc, "-O2", "-o", exe, src],
                                                 stderr=subprocess.DEVNULL).returncode == 0
        _rss_helper.append(exe if ok else None)
    return _rss_helper[0]


def peak_rss(argv, env=None, runs=3):
    """Peak RSS in KiB of argv (max over runs), or None without a C compiler."""
    helper = rss_helper()
    if not helper:
        return None
    path = argv[0] if "/" in argv[0] else shutil.which(argv[0])
    best = 0
    for _ in range(runs):
        r = subprocess.run([helper, path] + argv[1:], env=env, stdout=subprocess.PIPE, text=True)
        kib, rc = (int(x) for x in r.stdout.split())
        if rc != 0:
            raise SystemExit(f"bench: {' '.join(argv)} exited {rc}")
        best = max(best, kib)
    return best


def measure(argv, runs=RUNS, env=None, expect=0):
    times = []
    for _ in range(runs):
        dt, rc = run_once(argv, env)
        if rc != expect:
            raise SystemExit(f"bench: {' '.join(argv)} exited {rc}")
        times.append(dt)
    return statistics.median(times), peak_rss(argv, env)


def callgrind(argv, functions=()):
    """Instructions executed by argv under callgrind (None without valgrind),
    and the inclusive count of each named function."""
    if not shutil.which("valgrind") or os.environ.get("BENCH_CALLGRIND") == "0":
        return None, {}
    fd, out = tempfile.mkstemp(prefix="archwise-callgrind-")
    os.close(fd)
    try:
        r = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}"] + argv,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if r.returncode != 0:
            raise SystemExit(f"bench: callgrind {' '.join(argv)} exited {r.returncode}")
        m = re.search(r"I\s+refs:\s+([\d,]+)", r.stderr)
        total = int(m.group(1).replace(",", "")) if m else None
        found = {}
        if functions and shutil.which("callgrind_annotate"):
            ann = subprocess.run(["callgrind_annotate", "--inclusive=yes", "--threshold=100", out],
                                 stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True).stdout
            for name in functions:
                m = re.search(r"^\s*([\d,]+) .*:" + re.escape(name) + r" ", ann, re.M)
                if m:
                    found[name] = int(m.group(1).replace(",", ""))
        return total, found
    finally:
        os.unlink(out)


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


def wizard_rss(argv, marker, env):
    """Peak RSS in KiB of a full-screen program on a pseudo-terminal, 100x30,
    stopped with SIGTERM once `marker` is on screen; None without a C
    compiler or when it never shows."""
    helper = rss_helper()
    if not helper:
        return None
    fd_out, out = tempfile.mkstemp(prefix="archwise-rss-")
    os.close(fd_out)
    pid, fd = pty.fork()
    if pid == 0:
        os.environ.update(env)
        os.execv(helper, [helper, "-o", out] + argv)
    import fcntl, signal, struct, termios
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    buf, deadline = b"", time.perf_counter() + 5
    while marker not in buf and time.perf_counter() < deadline:
        r, _, _ = select.select([fd], [], [], 0.05)
        if r:
            try:
                buf += os.read(fd, 65536)
            except OSError:
                break
    os.killpg(pid, signal.SIGTERM)   # the helper ignores it, the program stops
    deadline = time.perf_counter() + 3
    while os.waitpid(pid, os.WNOHANG)[0] == 0:
        if time.perf_counter() > deadline:
            os.killpg(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            break
        r, _, _ = select.select([fd], [], [], 0.05)
        if r:
            try:
                os.read(fd, 65536)
            except OSError:
                pass
    os.close(fd)
    text = open(out).read().split()
    os.unlink(out)
    return int(text[0]) if marker in buf and text else None


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
    for f in ("architectures.yaml", "pricing-aws.yaml", "pricing-gcp.yaml", "pricing-azure.yaml"):
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
    times = []
    for _ in range(RUNS):
        dt, rc = run_once(export_argv())
        if rc != 0:
            raise SystemExit("bench: export failed")
        times.append(dt)
    t_export = statistics.median(times)
    rss_export = peak_rss(export_argv(), runs=1)
    rows.append(("archwise eval --json", t_eval, rss_eval))
    rows.append(("archwise export (all targets)", t_export, rss_export))
    if kubectl:
        t_k, rss_k = measure([kubectl, "create", "deployment", "web", "--image=nginx:1.27",
                              "--dry-run=client", "-o", "yaml"], runs=max(5, RUNS // 3))
        rows.append(("kubectl create deployment --dry-run=client -o yaml", t_k, rss_k))

    marker = os.environ.get("BENCH_MARKER", "quit").encode()
    t_ff = first_frame([BIN], marker, env)
    rss_wizard = wizard_rss([BIN], marker, env)
    rows.append(("archwise wizard first frame (pty 100x30)", t_ff, rss_wizard))
    t_dialog = None
    if shutil.which("dialog"):
        items = []
        for i in range(8):
            items += [str(i + 1), f"item{i + 1}"]
        dialog_argv = ["dialog", "--menu", "Pick one", "20", "60", "8"] + items
        t_dialog = first_frame(dialog_argv, b"item8", env)
        dialog_argv[0] = shutil.which("dialog")
        rows.append(("dialog --menu, 8 items (pty 100x30)", t_dialog, wizard_rss(dialog_argv, b"item8", env)))

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
    if rss_eval:
        print(f"eval peak RSS = {rss_eval / 1024:.1f} MiB  (target < 8 MiB)")

    print()
    print("scale: synthetic questionnaires (load + eval + sensitivity)")
    print(f"| {'questions':>9} | {'cases':>6} | {'median ms':>9} | {'ms per 1k q':>11} | {'RSS MiB':>8} "
          f"| {'M instr':>8} | {'M instr per 1k q':>16} |")
    print(f"|{'-' * 11}|{'-' * 8}|{'-' * 11}|{'-' * 13}|{'-' * 10}|{'-' * 10}|{'-' * 18}|")
    sizes = [(10, 10), (100, 10), (1000, 10), (10000, 10), (1000, 100), (1000, 1000)]
    largest = max(sizes)
    sens = None
    for nq, nc in sizes:
        d = os.path.join(tmp, f"s{nq}-{nc}")
        os.makedirs(d, exist_ok=True)
        synthetic(d, nq, nc)
        argv = [BIN, "eval", os.path.join(d, "answers.yaml"), "--json",
                "--questionnaire", os.path.join(d, "q.yaml"), "--data-dir", os.path.join(d, "data")]
        t, rss = measure(argv, runs=max(3, RUNS // 10))
        funcs = ("engine_sensitivity", "load_model") if (nq, nc) == largest else ()
        instr, parts = callgrind(argv, funcs)
        if (nq, nc) == largest:
            sens = (nq, nc, t, instr, parts)
        ci = f"{instr / 1e6:8.1f}" if instr else f"{'-':>8}"
        cq = f"{instr / 1e3 / nq:16.2f}" if instr else f"{'-':>16}"
        cr = f"{rss / 1024:8.1f}" if rss else f"{'-':>8}"
        print(f"| {nq:9} | {nc:6} | {t * 1000:9.2f} | {t * 1e6 / nq:11.2f} | {cr} | {ci} | {cq} |")
    if sens and sens[3] and "engine_sensitivity" in sens[4]:
        nq, nc, t, instr, parts = sens
        si = parts["engine_sensitivity"]
        li = parts.get("load_model")
        print()
        print(f"sensitivity analysis alone, {nq} questions / {nc} case studies: "
              f"{si / 1e6:.1f} M instructions = {100 * si / instr:.1f}% of the eval's {instr / 1e6:.1f} M "
              f"(~{t * 1000 * si / instr:.1f} ms of the {t * 1000:.1f} ms)"
              + (f"; loading the files: {li / 1e6:.1f} M ({100 * li / instr:.1f}%)" if li else ""))
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
