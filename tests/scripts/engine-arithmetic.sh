#!/bin/sh
# Recomputes every score of `archwise eval --json` from the JSON's own
# figures, with the formulas of docs/engine.md, for every sample
# answers file: the documentation must let a user redo the arithmetic.
command -v python3 >/dev/null 2>&1 || { echo "python3 is not installed: run sh scripts/deps.sh test"; exit 77; }
: "${ARCHWISE:?}" "${ARCHWISE_ROOT:?}"
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
n=0
for f in "$ARCHWISE_ROOT"/tests/cases/*/answers.yaml; do
	[ -f "$f" ] || continue
	"$ARCHWISE" eval "$f" --json >"$tmp/out.json" || { echo "eval failed: $f"; exit 1; }
	python3 - "$f" "$tmp/out.json" <<'EOF' || exit 1
import json, sys
name, path = sys.argv[1], sys.argv[2]
d = json.load(open(path))
archs = ["kubernetes", "serverless", "kubernetes_serverless", "serverless_containers", "hybrid"]
def fail(msg):
    print("%s: %s" % (name, msg)); sys.exit(1)
used = [r for r in d["matrix"] if r["used"]]
mx = sum(r["scale_weight"] * 5 for r in used)
if abs(mx - d["matrix_max"]) > 1e-6: fail("matrix_max %s != %s" % (d["matrix_max"], mx))
nearest = d.get("nearest_case_study")
rank = {r["architecture"]: r for r in d["ranking"]}
if sorted(rank) != sorted(archs): fail("ranking does not list the five")
for a in archs:
    total = sum(r["weight"] * r["scores"][a] for r in used)
    matrix = 100 * total / mx if mx else 0
    adj = 0.0
    for ru in d["rules"]:
        if ru["architecture"] != a: continue
        if ru["effect"] == "boost": adj += ru["amount"]
        elif ru["effect"] == "penalise": adj -= ru["amount"]
    if nearest and nearest["architecture"] == a: adj += nearest["bonus"]
    if nearest and a in nearest.get("related", []) and a != nearest["architecture"]:
        adj += nearest["related_bonus"]
    score = min(100, max(0, matrix + adj))
    r = rank[a]
    if abs(r["matrix_score"] - matrix) > 0.11: fail("%s matrix %s, recomputed %.2f" % (a, r["matrix_score"], matrix))
    if abs(r["adjust"] - adj) > 0.11: fail("%s adjust %s, recomputed %.2f" % (a, r["adjust"], adj))
    if abs(r["score"] - score) > 0.2: fail("%s score %s, recomputed %.2f" % (a, r["score"], score))
    excluded = any(ru["architecture"] == a and ru["effect"] == "exclude" for ru in d["rules"])
    if r["excluded"] != excluded: fail("%s excluded flag" % a)
    reasons = [ru["reason"] for ru in d["rules"] if ru["architecture"] == a]
    if r["reasons"] != reasons: fail("%s reasons differ from its fired rules" % a)
order = d["ranking"]
overruled = bool(nearest and nearest.get("overruled"))
for i, (x, y) in enumerate(zip(order, order[1:])):
    if x["excluded"] and not y["excluded"]: fail("excluded ranked before non-excluded")
    if overruled and i == 0: continue   # the first without the bonus stays first
    if x["excluded"] == y["excluded"] and x["score"] < y["score"]: fail("ranking not by score")
if overruled:
    x, y = order[0], order[1]
    b = nearest["bonus"]
    if not (y["score"] - x["score"] <= b + 0.2 and d["confidence"] == "close"):
        fail("overruled without a close call the bonus decided")
# The cost: every monthly figure is the sum of its items; the cost factor's
# row is each cost scored against the cheapest (docs: the cost model).
import math
cost = d["cost"]
for a in archs:
    items = sum(i["usd"] for i in cost["breakdown"][a])
    if abs(items - cost["monthly_usd"][a]) > 0.01 * len(cost["breakdown"][a]) + 0.011:
        fail("%s monthly %s is not the sum of its items %.2f" % (a, cost["monthly_usd"][a], items))
cheapest = min(cost["monthly_usd"].values())
row = [r for r in d["matrix"] if r["factor"] == "cost_sensitivity"]
if row:
    for a in archs:
        ratio = (cost["monthly_usd"][a] + 100) / (cheapest + 100)
        want = min(5, max(1, 5 - 4 * math.log(ratio) / math.log(4)))
        if abs(row[0]["scores"][a] - want) > 0.02:
            fail("%s cost score %s, recomputed %.3f" % (a, row[0]["scores"][a], want))
if d["recommendation"] != order[0]["architecture"]: fail("recommendation is not ranking[0]")
sims = [c["similarity"] for c in d["case_studies"]]
if sims != sorted(sims, reverse=True): fail("case studies not sorted")
if nearest and nearest["id"] != d["case_studies"][0]["id"]: fail("nearest case study")
close = (not order[0]["excluded"] and not order[1]["excluded"]
         and order[0]["score"] - order[1]["score"] <= d["close_margin"] + 0.11)
if d["confidence"] not in ("clear", "close"): fail("confidence")
if (d["confidence"] == "close") != close and abs(order[0]["score"] - order[1]["score"] - d["close_margin"]) > 0.11:
    fail("confidence %s with a gap of %.1f" % (d["confidence"], order[0]["score"] - order[1]["score"]))
EOF
	n=$((n + 1))
done
[ "$n" -gt 0 ] || { echo "FAIL: no sample answers found"; exit 1; }
echo "recomputed $n evaluations"
