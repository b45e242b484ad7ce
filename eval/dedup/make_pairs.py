"""Labelled near-duplicate pairs from real article text in ../shared/eval.

Positives are syndication-style edits of one article: a dateline or
agency footer added, paragraphs trimmed, "Related"/advertisement lines
inserted, a local intro paragraph, typo fixes on 1% of words, and
combinations. Negatives are other articles from the same site, other
articles on the same topic (sharing headline words), and random pairs.

usage: make_pairs.py [EVAL_DIR] [SEED] > pairs.jsonl
First one line per article, {"article": N, "text": ...}; then one line per
pair, {"a": N, "b": N or "b_text": edited text, "label": 1 duplicate / 0
not, "kind", "same_site"}.
"""
import collections
import json
import random
import re
import sys
from pathlib import Path
from urllib.parse import urlparse

eval_dir = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parents[3] / "shared" / "eval")
rng = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 7)

articles = []  # (site, title, body)
sh = json.loads((eval_dir / "scrapinghub" / "ground-truth.json").read_text(encoding="utf-8"))
for rec in sh.values():
    articles.append((urlparse(rec.get("url", "")).netloc.removeprefix("www."), "", rec.get("articleBody", "")))
for path in sorted((eval_dir / "wcxb-dev" / "ground-truth").glob("*.json")):
    rec = json.loads(path.read_text(encoding="utf-8"))
    gt = rec.get("ground_truth", {})
    articles.append((urlparse(rec.get("url", "")).netloc.removeprefix("www."), gt.get("title") or "", gt.get("main_content") or ""))
# Stories long enough to be news copy; very short texts are not what is syndicated.
articles = [a for a in articles if len(a[2].split()) >= 150]


def paragraphs(body):
    return [p for p in re.split(r"\n\s*\n|\n", body) if p.strip()]


def words_edit(body, share):
    words = body.split(" ")
    for i in rng.sample(range(len(words)), max(1, int(len(words) * share))):
        w = words[i]
        if len(w) > 3:
            j = rng.randrange(len(w) - 1)
            words[i] = w[:j] + w[j + 1] + w[j] + w[j + 2:]
    return " ".join(words)


CITIES = ["SEOUL", "BERLIN", "NEW YORK", "LAGOS", "SÃO PAULO", "MUMBAI", "PARIS"]
AGENCIES = ["(Reuters)", "(AP)", "(AFP)", "(Yonhap)", "(dpa)"]


def dateline(body):
    return f"{rng.choice(CITIES)} {rng.choice(AGENCIES)} — " + body


def footer(body):
    return body + "\n\nReporting by Jane Doe; Editing by John Roe. Our Standards: The Thomson Trust Principles."


def trim(body):
    ps = paragraphs(body)
    keep = max(3, len(ps) - rng.randint(1, 2))
    return "\n\n".join(ps[:keep]) if len(ps) > 4 else body


def inserts(body):
    ps = paragraphs(body)
    for _ in range(rng.randint(2, 3)):
        ps.insert(rng.randrange(1, max(2, len(ps))), rng.choice(["Advertisement", "Related: Markets wrap up the week", "READ MORE: What we know so far", "Sign up for our newsletter"]))
    return "\n\n".join(ps)


def local_intro(body):
    intro = "Residents of the county will want to know about this story, which our newsroom is following closely as it develops this week."
    return intro + "\n\n" + body


def typos(body):
    return words_edit(body, 0.01)


def combo(body):
    return footer(inserts(dateline(typos(body))))


EDITS = [("dateline", dateline), ("footer", footer), ("trim", trim), ("inserts", inserts), ("local_intro", local_intro), ("typos", typos), ("combo", combo), ("same_text", lambda b: b)]

out = []
index = {id(a): i for i, a in enumerate(articles)}
for i, (site, title, body) in enumerate(articles):
    for kind, edit in EDITS:
        out.append({"a": i, "b_text": edit(body), "label": 1, "kind": kind, "same_site": True})

by_site = collections.defaultdict(list)
for a in articles:
    by_site[a[0]].append(a)
for site, group in by_site.items():
    for i in range(len(group)):
        for j in range(i + 1, len(group)):
            out.append({"a": index[id(group[i])], "b": index[id(group[j])], "label": 0, "kind": "same_site", "same_site": True})

STOP = {"the", "a", "an", "of", "to", "in", "and", "for", "on", "how", "what", "your", "with", "best", "is", "are", "2024", "2025", "2026", "top", "guide"}
def keywords(t):
    return {w for w in re.findall(r"[a-z]+", t.lower()) if w not in STOP and len(w) > 3}
titled = [a for a in articles if a[1]]
for i in range(len(titled)):
    for j in range(i + 1, len(titled)):
        if titled[i][0] != titled[j][0] and len(keywords(titled[i][1]) & keywords(titled[j][1])) >= 2:
            out.append({"a": index[id(titled[i])], "b": index[id(titled[j])], "label": 0, "kind": "same_topic", "same_site": False})

for _ in range(16000):
    x, y = rng.sample(articles, 2)
    out.append({"a": index[id(x)], "b": index[id(y)], "label": 0, "kind": "random", "same_site": x[0] == y[0]})

for i, a in enumerate(articles):
    print(json.dumps({"article": i, "text": a[2]}, ensure_ascii=False))
for row in out:
    print(json.dumps(row, ensure_ascii=False))
print(f"{len(articles)} articles, {sum(r['label'] for r in out)} positive and {sum(1 - r['label'] for r in out)} negative pairs", file=sys.stderr)
