"""Scores clusters against a syndication set's gold (make_syndication.py).

usage: score_clusters.py GOLD.jsonl PREDICTED.tsv [--json]
PREDICTED.tsv: one `id<TAB>cluster` line per message stored (a message
missing from it counts as a cluster of its own, and is listed).

Pairwise scores over every pair of messages:
  cluster level  a pair is predicted together when both messages are in one
                 predicted cluster (copies joined through a third count);
  story level    only the pairs of a copy and its original story, each
                 judged by the cluster the copy was put in.
By category: the pairs involving a message of that kind (recall), and the
negative pairs joined by mistake, by how the two pages relate (same site;
same topic = headlines sharing two words of over three letters, as
make_pairs.py counts them; other), with how many such pairs there are.
"""
import collections
import itertools
import json
import sys

gold = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
pred = {}
for line in open(sys.argv[2], encoding="utf-8"):
    if line.strip():
        mid, cluster = line.rstrip("\n").split("\t")
        pred[mid] = cluster
missing = [g["id"] for g in gold if g["id"] not in pred]
for mid in missing:
    pred[mid] = "missing:" + mid
by_id = {g["id"]: g for g in gold}


def f1(p, r):
    return 0.0 if p + r == 0 else 2 * p * r / (p + r)


def prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f1(p, r), 4), "tp": tp, "fp": fp, "fn": fn}


# Cluster level: count pairs from the contingency of (gold, predicted) clusters.
def pairs(n):
    return n * (n - 1) // 2


both = collections.Counter((g["cluster"], pred[g["id"]]) for g in gold)
gold_sizes = collections.Counter(g["cluster"] for g in gold)
pred_sizes = collections.Counter(pred[g["id"]] for g in gold)
tp = sum(pairs(n) for n in both.values())
cluster_level = prf(tp, sum(pairs(n) for n in pred_sizes.values()) - tp, sum(pairs(n) for n in gold_sizes.values()) - tp)

STOP = {"the", "a", "an", "of", "to", "in", "and", "for", "on", "how", "what", "your", "with", "best", "is", "are",
        "2024", "2025", "2026", "top", "guide", "this", "that", "from", "about", "says"}


def keywords(title):
    import re
    return frozenset(w for w in re.findall(r"\w+", (title or "").lower()) if w not in STOP and len(w) > 3)


def relation(a, b):
    if a["site"] == b["site"]:
        return "same_site"
    if len(keywords(a.get("title")) & keywords(b.get("title"))) >= 2:
        return "same_topic"
    return "other"


# Negative pairs of each relation in the set (the denominators).
negatives = collections.Counter()
for g in gold:
    g["_kw"] = keywords(g.get("title"))
by_site = collections.Counter(g["site"] for g in gold)
by_site_cluster = collections.Counter((g["site"], g["cluster"]) for g in gold)
negatives["same_site"] = sum(pairs(n) for n in by_site.values()) - sum(pairs(n) for n in by_site_cluster.values())
with_kw = [g for g in gold if len(g["_kw"]) >= 2]
for i, a in enumerate(with_kw):
    for b in with_kw[i + 1:]:
        if a["cluster"] != b["cluster"] and a["site"] != b["site"] and len(a["_kw"] & b["_kw"]) >= 2:
            negatives["same_topic"] += 1
negatives["other"] = pairs(len(gold)) - sum(pairs(n) for n in gold_sizes.values()) - negatives["same_site"] - negatives["same_topic"]

# Negative pairs joined: every predicted cluster's members across gold clusters.
members = collections.defaultdict(list)
for g in gold:
    members[pred[g["id"]]].append(g)
false_joins = collections.Counter()
examples = []
for group in members.values():
    for a, b in itertools.combinations(group, 2):
        if a["cluster"] != b["cluster"]:
            kind = relation(a, b)
            false_joins[kind] += 1
            if len(examples) < 20:
                examples.append((a["id"], b["id"], kind))

# Story level and per category: the copy and its original.
original = {g["cluster"]: g["id"] for g in gold if g["kind"] == "original"}
kinds = collections.defaultdict(lambda: [0, 0])
langs = collections.defaultdict(lambda: [0, 0])
story_tp = story_fn = 0
for g in gold:
    if g["kind"] == "original":
        continue
    joined = pred[g["id"]] == pred[original[g["cluster"]]]
    kinds[g["kind"]][0] += joined
    kinds[g["kind"]][1] += 1
    if g["lang"] != "other":
        langs[g["lang"]][0] += joined
        langs[g["lang"]][1] += 1
    story_tp += joined
    story_fn += not joined
story_fp = sum(false_joins.values())

# Cluster-level pairwise recall by category: pairs of messages of one gold
# cluster where at least one is of that kind.
by_cluster = collections.defaultdict(list)
for g in gold:
    by_cluster[g["cluster"]].append(g)
cat_pairs = collections.defaultdict(lambda: [0, 0])
for group in by_cluster.values():
    for a, b in itertools.combinations(group, 2):
        together = pred[a["id"]] == pred[b["id"]]
        for kind in {a["kind"], b["kind"]} - {"original"}:
            cat_pairs[kind][0] += together
            cat_pairs[kind][1] += 1

result = {
    "messages": len(gold),
    "stored": len(gold) - len(missing),
    "missing": missing[:20],
    "cluster_level": cluster_level,
    "story_level": prf(story_tp, story_fp, story_fn),
    "false_joins": dict(false_joins),
    "negative_pairs": dict(negatives),
    "false_join_examples": examples,
    "copy_recall_by_kind": {k: round(v[0] / v[1], 4) for k, v in sorted(kinds.items())},
    "copies_by_kind": {k: v[1] for k, v in sorted(kinds.items())},
    "cluster_pair_recall_by_kind": {k: round(v[0] / v[1], 4) for k, v in sorted(cat_pairs.items())},
    "copy_recall_by_language": {k: f"{v[0]}/{v[1]}" for k, v in sorted(langs.items())},
}
if "--json" in sys.argv:
    print(json.dumps(result))
else:
    c, s = result["cluster_level"], result["story_level"]
    print(f"messages {result['messages']}, stored {result['stored']}")
    print(f"cluster level  precision {c['precision']:.4f}  recall {c['recall']:.4f}  F1 {c['f1']:.4f}  (pairs: {c['tp']} right, {c['fp']} false, {c['fn']} missed)")
    print(f"story level    precision {s['precision']:.4f}  recall {s['recall']:.4f}  F1 {s['f1']:.4f}")
    print("false joins by relation: " + ", ".join(
        f"{k} {false_joins.get(k, 0)} of {n:,} pairs" for k, n in sorted(negatives.items())))
    for kind, r in result["copy_recall_by_kind"].items():
        print(f"  {kind:<12} copies joined {r:.4f} ({result['copies_by_kind'][kind]})  cluster pairs {result['cluster_pair_recall_by_kind'][kind]:.4f}")
    print(f"CJK copies joined: {result['copy_recall_by_language']}")
    if missing:
        print(f"not stored: {len(missing)} (first: {missing[:5]})")
