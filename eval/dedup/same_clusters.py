"""Whether two runs put the same pages together (cluster ids may differ).

usage: same_clusters.py A.tsv B.tsv
Each file: `id<TAB>cluster` lines (scripts/syndication-eval.sh). Prints the
number of pages compared and the groups that differ; exits 1 if any do.
"""
import collections
import sys


def groups(path):
    members = collections.defaultdict(set)
    for line in open(path, encoding="utf-8"):
        if line.strip():
            mid, cluster = line.rstrip("\n").split("\t")
            members[cluster].add(mid)
    return {frozenset(m) for m in members.values()}


a, b = groups(sys.argv[1]), groups(sys.argv[2])
pages = sum(len(g) for g in a)
only_a, only_b = a - b, b - a
print(f"{pages} pages, {len(a)} and {len(b)} clusters; {len(only_a)} clusters only in the first, {len(only_b)} only in the second")
for g in sorted(only_a, key=len, reverse=True)[:10]:
    print("  first: ", sorted(g))
for g in sorted(only_b, key=len, reverse=True)[:10]:
    print("  second:", sorted(g))
sys.exit(1 if only_a or only_b else 0)
