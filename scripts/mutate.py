#!/usr/bin/env python3
"""Mutation check: does the suite fail when the code is wrong?

Reads tests/mutants.txt (a list of small, deliberate bugs), copies the
repository into a scratch folder, and for each mutant, one at a time:
replaces `find` in `file` by `replace` (`find` must occur exactly once),
rebuilds with make, runs the tests the mutant names, and
restores the file. A mutant is

  caught   a listed test failed (or the build's embedded-model check did),
  MISSED   every listed test passed: the suite would let this bug through,
  INVALID  the entry is broken: `find` does not occur exactly once, or the
           mutated file does not compile (a mutant must be a bug, not a
           syntax error).

Before the mutants, the unmutated copy must pass every test the list names
(else a failure would say nothing about a mutant).

  scripts/mutate.py [--fast] [--only NAME,...] [--report FILE] [--keep] [--check]

--fast runs the mutants marked `fast: yes` (what CI runs: `make mutate-fast`);
--report writes the summary to FILE (`make mutate` writes
tests/mutants-report.txt); --check only checks that every mutant's text is
still in its file once (after an edit to the code, before a full run). Exit 0 when every mutant run is caught, 1 when
one is missed or invalid, 2 on a usage or setup error.

The list's format, one block per mutant, blank lines between:

  name: close-margin-exclusive
  file: src/engine/engine.c
  find: <= qn->close_margin + SCORE_EPS
  replace: < qn->close_margin
  tests: test_engine eval-golden
  why: the close call's margin must include a gap equal to it
  fast: yes

`tests` names cmocka binaries (test_X, from tests/test_X.c) and script
tests (X, from tests/scripts/X.sh), run in that order; the first failure
catches the mutant. In `find` and `replace`, \t stands for a tab and \n
for a line break (to tell apart lines that differ only by indentation or by
the next line). Lines starting with # are comments.
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIELDS = ("name", "file", "find", "replace", "tests", "why", "fast")
TEST_TIMEOUT = 300      # seconds per test: a mutant that loops is caught by it


def die(msg):
    print(f"mutate: {msg}", file=sys.stderr)
    sys.exit(2)


def read_list(path):
    mutants, cur = [], {}
    with open(path, encoding="utf-8") as f:
        for no, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if line.startswith("#"):
                continue
            if not line.strip():
                if cur:
                    mutants.append(cur)
                    cur = {}
                continue
            key, sep, value = line.partition(": ")
            if not sep or key not in FIELDS:
                die(f"{path}:{no}: expected 'key: value' with key one of {', '.join(FIELDS)}")
            if key in cur:
                die(f"{path}:{no}: '{key}' twice in one mutant")
            if not cur:
                cur["line"] = no
            if key in ("find", "replace"):
                value = value.replace("\\t", "\t").replace("\\n", "\n")
            cur[key] = value
    if cur:
        mutants.append(cur)
    names = set()
    for m in mutants:
        for key in ("name", "file", "find", "replace", "tests", "why"):
            if key not in m:
                die(f"{path}:{m['line']}: mutant without '{key}'")
        if m["name"] in names:
            die(f"{path}:{m['line']}: mutant '{m['name']}' listed twice")
        names.add(m["name"])
        m["tests"] = m["tests"].split()
        m["fast"] = m.get("fast", "no") == "yes"
    return mutants


def scratch_copy():
    """The working tree (tracked and untracked, not ignored) and the
    existing build, in a temporary folder, timestamps kept so make rebuilds
    only what a mutant touches."""
    dst = tempfile.mkdtemp(prefix="archwise-mutate.")
    files = subprocess.run(["git", "ls-files", "-z", "-co", "--exclude-standard"], cwd=ROOT,
                           check=True, capture_output=True).stdout.decode().split("\0")
    for rel in filter(None, files):
        src = os.path.join(ROOT, rel)
        if not os.path.isfile(src):
            continue
        os.makedirs(os.path.join(dst, os.path.dirname(rel)), exist_ok=True)
        shutil.copy2(src, os.path.join(dst, rel))
    for part in ("obj", "gen", "tests", "embed_model", "libarchwise.a"):
        src = os.path.join(ROOT, "build", part)
        if os.path.isdir(src):
            shutil.copytree(src, os.path.join(dst, "build", part), symlinks=True,
                            ignore=shutil.ignore_patterns("*.log"))
        elif os.path.isfile(src):
            os.makedirs(os.path.join(dst, "build"), exist_ok=True)
            shutil.copy2(src, os.path.join(dst, "build", part))
    return dst


def test_env(work):
    """What a test sees: the scratch binary and data, nothing inherited
    that could change an outcome (golden updates, colours, sanitizer
    options, the locale)."""
    env = {k: v for k, v in os.environ.items()
           if k in ("PATH", "HOME", "TMPDIR", "USER", "LOGNAME", "SHELL", "NODE_PATH")}
    env.update(ARCHWISE=os.path.join(work, "archwise"), ARCHWISE_ROOT=work,
               LANG="C.UTF-8", TERM="xterm-256color")
    return env


def run(cmd, work, env, timeout=None):
    try:
        p = subprocess.run(cmd, cwd=work, env=env, capture_output=True, timeout=timeout)
        return p.returncode, (p.stdout + p.stderr).decode(errors="replace")
    except subprocess.TimeoutExpired:
        return "timeout", ""


def build(work, env, tests):
    targets = ["archwise"] + [f"build/tests/{t}" for t in tests if t.startswith("test_")]
    return run(["make", "--no-print-directory", "-j2"] + targets, work, env)


def run_test(work, env, t):
    """0 when test t passes, else a short description of the failure."""
    if t.startswith("test_"):
        cmd = [os.path.join(work, "build", "tests", t)]
    else:
        cmd = ["sh", os.path.join(work, "tests", "scripts", t + ".sh")]
    rc, out = run(cmd, work, env, TEST_TIMEOUT)
    if rc == 0:
        return 0
    if rc == 77:
        return f"{t} skipped (exit 77): it must run here; {out.strip().splitlines()[-1:]}"
    return f"{t} (exit {rc})"


def obj_of(path):
    return "build/obj/" + path[len("src/"):-2] + ".o" if path.startswith("src/") and path.endswith(".c") else None


def main():
    ap = argparse.ArgumentParser(description="Apply each listed mutant and run its tests.")
    ap.add_argument("--list", default=os.path.join(ROOT, "tests", "mutants.txt"))
    ap.add_argument("--fast", action="store_true", help="only the mutants marked 'fast: yes'")
    ap.add_argument("--only", help="comma-separated mutant names")
    ap.add_argument("--report", help="write the summary to this file")
    ap.add_argument("--keep", action="store_true", help="keep the scratch copy")
    ap.add_argument("--check", action="store_true",
                    help="only check that each mutant's text occurs exactly once (no build)")
    args = ap.parse_args()

    mutants = read_list(args.list)
    if args.fast:
        mutants = [m for m in mutants if m["fast"]]
    if args.only:
        want = args.only.split(",")
        unknown = set(want) - {m["name"] for m in mutants}
        if unknown:
            die(f"no mutant named {', '.join(sorted(unknown))}")
        mutants = [m for m in mutants if m["name"] in want]
    if not mutants:
        die("no mutant to run")
    if args.check:
        bad = 0
        for m in mutants:
            with open(os.path.join(ROOT, m["file"]), encoding="utf-8") as f:
                hits = f.read().count(m["find"])
            if hits != 1:
                print(f"INVALID  {m['name']}: 'find' occurs {hits} times in {m['file']}, not once")
                bad += 1
        print(f"mutate: {len(mutants)} mutants, {bad} invalid")
        return 1 if bad else 0

    start = time.time()
    work = scratch_copy()
    env = test_env(work)
    results = []
    try:
        # The baseline: the unmutated copy passes every test named below.
        tests = []
        for m in mutants:
            tests += [t for t in m["tests"] if t not in tests]
        rc, out = build(work, env, tests)
        if rc != 0:
            print(out[-3000:])
            die("the unmutated copy does not build")
        for t in tests:
            problem = run_test(work, env, t)
            if problem:
                die(f"the unmutated copy fails {problem}: fix the suite first")
        print(f"mutate: baseline passes {len(tests)} tests ({time.time() - start:.0f} s)")

        for m in mutants:
            t0 = time.time()
            path = os.path.join(work, m["file"])
            with open(path, encoding="utf-8") as f:
                original = f.read()
            hits = original.count(m["find"])
            where = m["file"]
            if hits == 1:
                where += f":{original[:original.index(m['find'])].count(chr(10)) + 1}"
            if hits != 1:
                results.append(("INVALID", m, where, f"'find' occurs {hits} times, not once"))
            else:
                with open(path, "w", encoding="utf-8") as f:
                    f.write(original.replace(m["find"], m["replace"], 1))
                try:
                    obj = obj_of(m["file"])
                    rc, out = run(["make", "--no-print-directory", obj], work, env) if obj else (0, "")
                    if rc != 0:
                        err = [ln for ln in out.splitlines() if "error:" in ln][:1]
                        results.append(("INVALID", m, where, f"does not compile: {err}"))
                    else:
                        rc, out = build(work, env, m["tests"])
                        if rc != 0:
                            results.append(("caught", m, where, "by the build (the embedded model's check)"))
                        else:
                            problem = 0
                            for t in m["tests"]:
                                problem = run_test(work, env, t)
                                if problem:
                                    break
                            if problem:
                                results.append(("caught", m, where, f"by {problem}"))
                            else:
                                results.append(("MISSED", m, where, f"{' '.join(m['tests'])} all pass"))
                finally:
                    with open(path, "w", encoding="utf-8") as f:
                        f.write(original)
            status, _, where, how = results[-1]
            print(f"{status:8} {m['name']:32} {where:32} {how} ({time.time() - t0:.0f} s)", flush=True)
    finally:
        if args.keep:
            print(f"mutate: scratch copy kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)

    caught = sum(r[0] == "caught" for r in results)
    missed = [r for r in results if r[0] == "MISSED"]
    invalid = [r for r in results if r[0] == "INVALID"]
    summary = (f"{len(results)} mutants: {caught} caught, {len(missed)} missed, "
               f"{len(invalid)} invalid ({time.time() - start:.0f} s)")
    print(f"mutate: {summary}")
    if args.report:
        commit = subprocess.run(["git", "describe", "--always", "--dirty"], cwd=ROOT,
                                capture_output=True).stdout.decode().strip()
        with open(args.report + ".tmp", "w", encoding="utf-8") as f:
            f.write("# make mutate: each mutant of tests/mutants.txt applied alone, rebuilt, its\n"
                    "# tests run (scripts/mutate.py). Regenerate with `make mutate`.\n")
            f.write(f"# commit {commit}, {time.strftime('%Y-%m-%d', time.gmtime())}\n\n")
            for status, m, where, how in results:
                f.write(f"{status:8} {m['name']:32} {where:32} {how}\n")
                f.write(f"         {m['why']}\n")
            f.write(f"\n{summary.rsplit(' (', 1)[0]}\n")
        os.replace(args.report + ".tmp", args.report)
    return 1 if missed or invalid else 0


if __name__ == "__main__":
    sys.exit(main())
