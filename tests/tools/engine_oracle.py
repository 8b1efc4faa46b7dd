#!/usr/bin/env python3
"""An independent oracle for the engine: recomputes the recommendation from
the questionnaire and case-study YAML files themselves (with PyYAML, not the
program's loader), following docs/engine.md step by step, and compares
it with what `archwise eval --json` prints: every score, every exclusion, the
order of the ranking, the fired rules, the nearest case study, the
recommendation and the confidence.

  engine_oracle.py ARCHWISE ROOT [--random N] [--seed S] [--boundary FILE] ANSWERS...
  engine_oracle.py --find-boundary [ROOT]

Each ANSWERS file is checked; then N random answers files (seeded, so a
failure reproduces: the failing file is printed) with numbers drawn often
exactly on a band boundary or a rule threshold, or one unit either side.
--boundary FILE must, by the oracle, put the top two exactly the close-call
margin apart (the case where "<=" and "<" differ); --find-boundary prints
answers that do, to replace it when the scoring data change. Exit 0 when
everything agrees, 1 on the first disagreement.
"""
import json
import math
import os
import random
import re
import subprocess
import sys
import tempfile

import yaml

ARCHS = ["kubernetes", "serverless", "kubernetes_serverless", "serverless_containers", "hybrid"]
EPS = 1e-9


class Model:
    def __init__(self, root):
        with open(os.path.join(root, "questionnaires", "k8s-vs-serverless.yaml")) as f:
            q = yaml.safe_load(f)
        with open(os.path.join(root, "assets", "case-studies.yaml")) as f:
            self.cases = yaml.safe_load(f)["case_studies"]
        self.q = q
        self.factors = q["factors"]
        self.questions = [x for s in q["sections"] for x in s["questions"]]
        self.by_id = {x["id"]: x for x in self.questions}
        self.rules = q["rules"]
        self.margin = q.get("close_margin", 5)
        self.bonus = q.get("case_study_bonus", 0)
        self.threshold = q.get("case_study_threshold", 0)

    def option_ids(self, qu):
        return [o["id"] for o in qu.get("options", [])]

    def effective(self, answers):
        """Each question's answer, or its default when unanswered."""
        eff = {}
        for qu in self.questions:
            qid, kind = qu["id"], qu["kind"]
            v = answers.get(qid)
            if v is None:
                d = qu.get("default")
                if kind == "multiple":
                    v = d if isinstance(d, list) else []
                elif kind == "number":
                    v = float(d) if d is not None else float(qu.get("min", 0))
                else:
                    v = d
            if kind == "number":
                v = float(v)
            eff[qid] = v
        return eff


def contribution(qu, v):
    """One question's 1-5 score per architecture, or None."""
    kind = qu["kind"]
    if kind == "single":
        opt = next((o for o in qu["options"] if o["id"] == v), None)
        return opt.get("scores") if opt else None
    if kind == "multiple":
        chosen = [o["scores"] for o in qu["options"] if o["id"] in v and o.get("scores")]
        if not chosen:
            return qu.get("none_scores")
        how = qu.get("combine", "mean")
        out = {}
        for a in ARCHS:
            xs = [s[a] for s in chosen]
            out[a] = min(xs) if how == "min" else max(xs) if how == "max" else sum(xs) / len(xs)
        return out
    if kind == "number":
        bands = qu.get("bands")
        if not bands:
            return None
        for b in bands:
            if v <= b["up_to"]:
                return b["scores"]
        return bands[-1]["scores"]
    return None


def unquote(s):
    if len(s) >= 2 and s[0] == s[-1] and s[0] in "'\"":
        return s[1:-1]
    return s


def clause_holds(model, eff, clause):
    clause = clause.strip()
    if clause == "always":
        return True
    m = re.match(r"^(\w+)\s*(==|!=|>=|<=|>|<|\scontains\s)\s*(.*)$", clause)
    if not m:
        raise ValueError(f"cannot read the clause '{clause}'")
    qid, op, val = m.group(1), m.group(2).strip(), unquote(m.group(3).strip())
    qu = model.by_id[qid]
    v = eff[qid]
    if op == "contains":
        return val in v
    if qu["kind"] == "number":
        x, y = v, float(val)
    elif qu["kind"] == "single" and op not in ("==", "!="):
        ids = model.option_ids(qu)
        x, y = ids.index(v), ids.index(val)
    else:
        x, y = v, val
    return {"==": x == y, "!=": x != y, ">": x > y, ">=": x >= y, "<": x < y, "<=": x <= y}[op]


def rule_holds(model, eff, when):
    return all(clause_holds(model, eff, c) for c in re.split(r"\s+and\s+", when.strip()))


def log1(v):
    return math.log10(max(v, 0) + 1)


def similarity(model, eff, profile):
    terms = []
    for qid, y in profile.items():
        qu, x = model.by_id[qid], eff[qid]
        kind = qu["kind"]
        if kind == "single":
            ids = model.option_ids(qu)
            if qu.get("ordered") and len(ids) > 1:
                terms.append(1 - abs(ids.index(x) - ids.index(y)) / (len(ids) - 1))
            else:
                terms.append(1.0 if x == y else 0.0)
        elif kind == "multiple":
            xs, ys = set(x), set(y)
            terms.append(len(xs & ys) / len(xs | ys) if xs | ys else 1.0)
        elif kind == "number":
            lo, hi = float(qu.get("min", 0)), float(qu.get("max", 0))
            r = max(1.0, log1(hi) - log1(lo)) if hi > lo else 1.0
            s = 1 - abs(log1(x) - log1(float(y))) / r
            terms.append(min(1.0, max(0.0, s)))
        else:
            terms.append(1.0 if str(x) == str(y) else 0.0)
    return sum(terms) / len(terms) if terms else 0.0


def cost_row(monthly):
    """The cost factor's scores from the monthly costs (docs: the cost
    model): 5 for the cheapest, 5 - 4 ln((c + 100) / (min + 100)) / ln 4,
    clamped to 1..5. The costs themselves are the cost model's, checked by
    hand in test_cost.c."""
    low = min(monthly.values())
    return {a: min(5.0, max(1.0, 5 - 4 * math.log((monthly[a] + 100) / (low + 100)) / math.log(4)))
            for a in ARCHS}


def evaluate(model, answers, weights, monthly=None):
    eff = model.effective(answers)
    # 1. the matrix
    rows = {f["id"]: [] for f in model.factors}
    computed = {f["id"] for f in model.factors if f.get("computed") == "monthly_cost"}
    for qu in model.questions:
        if not qu.get("factor") or qu["factor"] in computed:
            continue
        c = contribution(qu, eff[qu["id"]])
        if c is not None:
            rows[qu["factor"]].append(c)
    for fid in computed:
        if monthly:
            rows[fid].append(cost_row(monthly))
    # a question may set a factor's weight through its answer
    answer_weight = {}
    for qu in model.questions:
        if qu.get("sets_weight"):
            opt = [o for o in qu["options"] if o["id"] == eff[qu["id"]]]
            if opt and opt[0].get("weight"):
                answer_weight[qu["sets_weight"]] = opt[0]["weight"]
    total = {a: 0.0 for a in ARCHS}
    mx = 0.0
    for f in model.factors:
        cs = rows[f["id"]]
        if not cs:
            continue
        w = weights.get(f["id"], answer_weight.get(f["id"], f["weight"]))
        # an answer-set weight adds points without rescaling the others
        scale = weights.get(f["id"], f["weight"])
        for a in ARCHS:
            total[a] += w * sum(c[a] for c in cs) / len(cs)
        mx += scale * 5
    matrix = {a: 100 * total[a] / mx if mx else 0.0 for a in ARCHS}
    # 2. rules
    adjust = {a: 0.0 for a in ARCHS}
    excluded = {a: False for a in ARCHS}
    penalties = {a: 0 for a in ARCHS}
    fired = []
    for r in model.rules:
        if not rule_holds(model, eff, r["when"]):
            continue
        fired.append(r["id"])
        a = r["architecture"]
        if r["effect"] == "exclude":
            excluded[a] = True
        elif r["effect"] == "penalise":
            adjust[a] -= r["amount"]
            penalties[a] += 1
        else:
            adjust[a] += r["amount"]
    # 3. case studies: nearest first, ties by id
    sims = [(similarity(model, eff, c.get("profile") or {}), c["id"], c["architecture"],
             c.get("related", [])) for c in model.cases]
    best = None
    for s in sims:
        if best is None or s[0] > best[0] + EPS or (abs(s[0] - best[0]) <= EPS and s[1] < best[1]):
            best = s
    bonus = {a: 0.0 for a in ARCHS}
    if best and model.bonus and best[0] >= model.threshold:
        b = model.bonus * (best[0] - model.threshold) / (1 - model.threshold)
        bonus[best[2]] += b
        for r in best[3]:
            if r != best[2]:
                bonus[r] += b / 2
    # 4. final scores, ranking, confidence
    def rank(extra):
        score = {a: min(100.0, max(0.0, matrix[a] + adjust[a] + extra[a])) for a in ARCHS}
        order = list(ARCHS)
        # insertion sort with the documented order (not transitive within
        # 1e-9 chains, as the engine's; fine for the figures here)
        def before(x, y):
            if excluded[x] != excluded[y]:
                return not excluded[x]
            if abs(score[x] - score[y]) > EPS:
                return score[x] > score[y]
            if penalties[x] != penalties[y]:
                return penalties[x] < penalties[y]
            return ARCHS.index(x) < ARCHS.index(y)
        for i in range(1, len(order)):
            j = i
            while j > 0 and before(order[j], order[j - 1]):
                order[j], order[j - 1] = order[j - 1], order[j]
                j -= 1
        return score, order
    pre_score, pre = rank({a: 0.0 for a in ARCHS})
    score, order = rank(bonus)
    # a case study alone does not decide a close call
    if (order[0] != pre[0] and not excluded[pre[0]] and not excluded[pre[1]]
            and pre_score[pre[0]] - pre_score[pre[1]] <= model.margin + EPS):
        order.remove(pre[0])
        order.insert(0, pre[0])
    a0, a1 = order[0], order[1]
    close = (not excluded[a0] and not excluded[a1] and abs(score[a0] - score[a1]) <= model.margin + EPS)
    return {"score": score, "excluded": excluded, "order": order, "fired": fired,
            "nearest": best[1] if best else None, "close": close,
            "gap": score[a0] - score[a1]}


def compare(model, archwise, path, answers, weights):
    p = subprocess.run([archwise, "eval", path, "--json"], capture_output=True)
    if p.returncode != 0:
        return f"eval exited {p.returncode}: {p.stderr.decode(errors='replace').strip()}"
    d = json.loads(p.stdout)
    want = evaluate(model, answers, weights, d["cost"]["monthly_usd"])
    got_order = [r["architecture"] for r in d["ranking"]]
    problems = []
    for r in d["ranking"]:
        a = r["architecture"]
        if abs(r["score"] - want["score"][a]) > 0.05 + 1e-9:
            problems.append(f"{a} scores {r['score']}, the oracle {want['score'][a]:.4f}")
        if r["excluded"] != want["excluded"][a]:
            problems.append(f"{a} excluded {r['excluded']}, the oracle {want['excluded'][a]}")
    if got_order != want["order"]:
        problems.append(f"ranking {got_order}, the oracle {want['order']}")
    if d["recommendation"] != want["order"][0]:
        problems.append(f"recommends {d['recommendation']}, the oracle {want['order'][0]}")
    fired = [r["id"] for r in d["rules"]]
    if fired != want["fired"]:
        problems.append(f"rules fired {fired}, the oracle {want['fired']}")
    nearest = d["case_studies"][0]["id"] if d["case_studies"] else None
    if nearest != want["nearest"]:
        problems.append(f"nearest case study {nearest}, the oracle {want['nearest']}")
    conf = "close" if want["close"] else "clear"
    if d["confidence"] != conf:
        problems.append(f"confidence {d['confidence']}, the oracle {conf} (gap {want['gap']:.6f})")
    return "; ".join(problems)


def load_answers(path):
    with open(path) as f:
        doc = yaml.safe_load(f) or {}
    return doc.get("answers") or {}, doc.get("weights") or {}


def random_answers(model, rnd):
    """Answers with about two thirds of the questions set; numbers often on
    a band boundary or rule threshold, or one either side of it."""
    marks = {}
    for qu in model.questions:
        if qu["kind"] == "number":
            marks[qu["id"]] = [float(b["up_to"]) for b in qu.get("bands", [])]
    for r in model.rules:
        for m in re.finditer(r"(\w+)\s*(?:>=|<=|>|<|==|!=)\s*([0-9.e+]+)", r["when"]):
            if m.group(1) in marks:
                marks[m.group(1)].append(float(m.group(2)))
    answers = {}
    for qu in model.questions:
        if qu.get("kind") == "text" or not qu.get("factor") and not any(
                qu["id"] in r["when"] for r in model.rules) or rnd.random() < 1 / 3:
            continue
        kind, qid = qu["kind"], qu["id"]
        if kind == "single":
            answers[qid] = rnd.choice(model.option_ids(qu))
        elif kind == "multiple":
            answers[qid] = [o for o in model.option_ids(qu) if rnd.random() < 0.4]
        else:
            lo, hi = float(qu.get("min", 0)), float(qu.get("max", 1e6))
            if marks[qid] and rnd.random() < 0.5:
                v = rnd.choice(marks[qid]) + rnd.choice([-1, 0, 0, 1])
            else:
                v = round(10 ** rnd.uniform(math.log10(lo + 1), math.log10(hi + 1)) - 1)
            answers[qid] = min(hi, max(lo, v))
    weights = {f["id"]: rnd.randint(0, 5) for f in model.factors if rnd.random() < 0.3}
    return answers, weights


def number_text(v):
    return str(int(v)) if v == int(v) else repr(v)


def write_answers(path, answers, weights):
    with open(path, "w") as f:
        f.write("questionnaire: k8s-vs-serverless\nanswers:\n")
        for k, v in answers.items():
            if isinstance(v, list):
                f.write(f"  {k}: [{', '.join(v)}]\n")
            elif isinstance(v, float):
                f.write(f"  {k}: {number_text(v)}\n")
            else:
                f.write(f"  {k}: {v}\n")
        if weights:
            f.write("weights:\n" + "".join(f"  {k}: {v}\n" for k, v in weights.items()))


def find_boundary(root):
    """Answers changing three or four questions whose top two are exactly
    the margin apart (both not excluded)."""
    model = Model(root)
    qs = [q for q in model.questions if q.get("factor")]
    rnd = random.Random(7)
    found = 0
    for _ in range(100000):
        a = {}
        for qu in rnd.sample(qs, rnd.choice([3, 4])):
            if qu["kind"] == "single":
                a[qu["id"]] = rnd.choice(model.option_ids(qu))
            elif qu["kind"] == "multiple":
                a[qu["id"]] = [rnd.choice(model.option_ids(qu))]
            else:
                a[qu["id"]] = rnd.choice([float(b["up_to"]) for b in qu["bands"]])
        r = evaluate(model, a, {})
        if abs(r["gap"] - model.margin) < EPS and not r["excluded"][r["order"][1]]:
            print(a, r["order"][:2], [round(r["score"][x], 4) for x in r["order"][:2]])
            found += 1
            if found == 5:
                return 0
    return 1


def main():
    args = sys.argv[1:]
    if args[:1] == ["--find-boundary"]:
        return find_boundary(args[1] if len(args) > 1 else os.getcwd())
    count, seed, boundary = 0, 1, None
    if "--boundary" in args:
        i = args.index("--boundary")
        boundary = args[i + 1]
        del args[i:i + 2]
    if "--random" in args:
        i = args.index("--random")
        count = int(args[i + 1])
        del args[i:i + 2]
    if "--seed" in args:
        i = args.index("--seed")
        seed = int(args[i + 1])
        del args[i:i + 2]
    archwise, root, files = args[0], args[1], args[2:]
    model = Model(root)
    checked = 0
    if boundary:
        p = subprocess.run([archwise, "eval", boundary, "--json"], capture_output=True)
        monthly = json.loads(p.stdout)["cost"]["monthly_usd"] if p.returncode == 0 else None
        want = evaluate(model, *load_answers(boundary), monthly)
        if abs(want["gap"] - model.margin) >= EPS or want["excluded"][want["order"][1]]:
            print(f"FAIL {boundary}: the top two are {want['gap']:.6f} apart, not the margin "
                  f"{model.margin}: the scoring data changed; find a new boundary case with "
                  "tests/tools/engine_oracle.py --find-boundary")
            return 1
        files = [boundary] + files
    for path in files:
        answers, weights = load_answers(path)
        problem = compare(model, archwise, path, answers, weights)
        if problem:
            print(f"FAIL {path}: {problem}")
            return 1
        checked += 1
    rnd = random.Random(seed)
    closes = 0
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(count):
            answers, weights = random_answers(model, rnd)
            path = os.path.join(tmp, f"random-{seed}-{i}.yaml")
            write_answers(path, answers, weights)
            problem = compare(model, archwise, path, answers, weights)
            if problem:
                print(f"FAIL random answers #{i} (seed {seed}): {problem}")
                print(open(path).read())
                return 1
            closes += evaluate(model, answers, weights)["close"]
            checked += 1
    print(f"ok   {checked} answers files agree with the oracle ({closes} of the random ones close calls)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
