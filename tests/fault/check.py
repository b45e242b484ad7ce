"""Per-message accounting of a fault-test run: every raw message by its id.

usage: check.py RAW.jsonl DEAD_LETTERS.jsonl SIGHTINGS.tsv STORIES RAW_TOPIC LAG [RESUMED.txt [LAG.txt [ARCHIVED.txt]]]

RAW.jsonl is what was published (each line carries its id, msg-N for a good
message and bad-N for a bad one); DEAD_LETTERS.jsonl is `wirefeed dlq list`;
SIGHTINGS.tsv is `scraper_id <TAB> url` per sighting row. Every good id must
be stored exactly once and never dead-lettered; every bad id dead-lettered
(from the raw topic) and never stored; stories one per good message; lag 0;
every restarted service held partitions again (RESUMED.txt: `SERVICE
SECONDS` per restart, or `SERVICE never`); every published message, good
or bad, archived exactly once (ARCHIVED.txt: the id found in each
`raw_pages` row).
Prints one line per check and the count of passed and failed checks; exits
1 when any failed.
"""
import collections
import json
import re
import sys

ID = re.compile(r"\b(?:msg|bad)-\d+\b")
raw_path, dlq_path, sightings_path, stories, raw_topic, lag = sys.argv[1:7]
resumed = [l.split() for l in open(sys.argv[7]) if l.strip()] if len(sys.argv) > 7 else []
lag_note = open(sys.argv[8]).read().strip() if len(sys.argv) > 8 else ""
archived = collections.Counter(l.strip() for l in open(sys.argv[9])) if len(sys.argv) > 9 else None

good, bad = set(), set()
for line in open(raw_path):
    m = ID.search(line)
    if not m:
        sys.exit(f"a published message has no id: {line[:80]!r}")
    (good if m.group().startswith("msg-") else bad).add(m.group())

stored = collections.Counter()
urls = collections.Counter()
for line in open(sightings_path):
    if not line.strip():
        continue
    scraper_id, url = line.rstrip("\n").split("\t", 1)
    stored[scraper_id] += 1
    urls[url] += 1

dead = collections.Counter()
unidentified = 0
for line in open(dlq_path):
    if not line.strip():
        continue
    letter = json.loads(line)
    if letter["headers"].get("wirefeed.source_topic") != raw_topic:
        continue
    m = ID.search(letter["payload_preview"])
    if m:
        dead[m.group()] += 1
    else:
        unidentified += 1

results = []


def check(name, bad_ids, detail=""):
    ok = not bad_ids
    shown = ", ".join(sorted(bad_ids)[:8])
    more = f" (+{len(bad_ids) - 8} more)" if len(bad_ids) > 8 else ""
    print(f"  {'ok  ' if ok else 'FAIL'}  {name}" + ("" if ok else f": {len(bad_ids)}: {shown}{more}") + detail)
    results.append(ok)


print(f"  info  {len(good)} good and {len(bad)} bad messages published")
check("good messages stored", good - set(stored))
check("good messages stored more than once", {i for i, n in stored.items() if n > 1})
check("good messages dead-lettered", good & set(dead))
check("bad messages dead-lettered", bad - set(dead))
check("bad messages stored", bad & set(stored))
check("rows that are no published message", set(stored) - good)
check("URLs stored more than once", {u for u, n in urls.items() if n > 1})
check("dead letters without a message id", {"?"} if unidentified else set(), f" ({unidentified})" if unidentified else "")
check("stories, one per good message", set() if int(stories) == len(good) else {f"{stories} stories"})
check("consumer lag", set() if int(lag) == 0 else {f"lag {lag}"})
if archived is not None:
    check("messages not archived", (good | bad) - set(archived))
    check("messages archived more than once", {i for i, n in archived.items() if n > 1})
    check("archived rows that are no published message", set(archived) - (good | bad))
check("resume records that cannot be read", {" ".join(r) for r in resumed if len(r) != 2})
resumed = [r for r in resumed if len(r) == 2]
check("restarted services that never held partitions again", {s for s, t in resumed if t == "never"})
if resumed:
    print("  info  partitions held again after a restart, seconds: " + ", ".join(f"{s} {t}" for s, t in resumed))
if lag_note:
    print(f"  info  consumer {lag_note}, counted from when every message was accounted for")
print(f"  info  dead letters from the raw topic, re-sends after crashes included: {sum(dead.values())}")
passed = sum(results)
print(f"{passed} passed, {len(results) - passed} failed")
sys.exit(0 if passed == len(results) else 1)
