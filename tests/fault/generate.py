"""Raw messages for the fault test: N messages, about BAD_PCT percent bad.

Good messages are distinct synthetic articles (text dumps: headline,
paragraphs, byline) over a large made-up vocabulary, so no two are near
duplicates; bad ones cycle through malformed JSON, a missing or relative
URL, an empty body and a page that is not an article.

usage: generate.py N BAD_PCT SEED > raw.jsonl   (prints the good count on stderr)
"""
import json
import random
import sys

n, bad_pct, seed = int(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3])
rng = random.Random(seed)
syllables = ["ka", "lo", "mi", "ter", "san", "po", "ri", "dex", "vu", "nal", "gor", "bi", "sha", "tu", "fen", "qua", "zo", "lim", "ne", "har"]
vocab = sorted({"".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))) for _ in range(30000)})


def sentence():
    words = [rng.choice(vocab) for _ in range(rng.randint(10, 22))]
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


# Every message carries its id where the checks can find it: good ones
# in "id" (msg-N), bad ones as bad-N, even the one that is not JSON.
bad_kinds = [
    lambda i: "{not json bad-" + str(i),
    lambda i: json.dumps({"body": "no url here " + str(i), "id": f"bad-{i}"}),
    lambda i: json.dumps({"url": f"/relative/{i}", "body": "x", "id": f"bad-{i}"}),
    lambda i: json.dumps({"url": f"https://bad.example/{i}", "body": "   ", "id": f"bad-{i}"}),
    lambda i: json.dumps({"url": f"https://bad.example/login/{i}", "body": "Sign in\n\nForgot password?", "id": f"bad-{i}"}),
]
good = 0
for i in range(n):
    if rng.random() * 100 < bad_pct:
        print(bad_kinds[i % len(bad_kinds)](i))
        continue
    good += 1
    headline = " ".join(rng.choice(vocab) for _ in range(7)).capitalize()
    paragraphs = [" ".join(sentence() for _ in range(rng.randint(2, 4))) for _ in range(rng.randint(4, 8))]
    body = f"{headline}\n\nHome > World\n\n{headline}\n\n" + "\n\n".join(paragraphs) + f"\n\nBY {rng.choice(vocab).upper()} {rng.choice(vocab).upper()}\n"
    print(json.dumps({
        "url": f"https://fault-{seed}.example/world/story-{i}",
        "body": body,
        "content_type": "text/plain",
        "source": f"Outlet {i % 7}",
        "id": f"msg-{i}",
        "fetched_at": "2026-11-28T00:00:00Z",
    }))
print(good, file=sys.stderr)
