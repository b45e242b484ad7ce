#!/usr/bin/env python3
"""The code's shape, checked in CI (docs/architecture.md):
- no Rust source file over 600 lines;
- no module cycles: within each crate, no module reaches itself through
  the modules it uses (`crate::`, `super::`, `self::` or child paths);
  a child using its parent counts, so a parent and a child that use each
  other fail too.
Usage: scripts/check-layout.py   (from the repository root)"""
import glob
import os
import re
import sys

MAX_LINES = 600
EXTERNAL = {
    "std", "core", "alloc", "sqlx", "serde", "serde_json", "chrono", "regex", "dom_query", "uuid",
    "tokio", "rdkafka", "wirefeed_model", "wirefeed_plumbing", "wirefeed_normalizer",
    "wirefeed_deduplicator", "wirefeed_persister", "wirefeed_archiver", "html_escape", "tracing",
    "futures", "sha2", "url", "whatlang", "aho_corasick", "quick_xml", "axum", "prometheus",
    "config", "thiserror", "clap", "anyhow", "indicatif", "mimalloc",
}


def modules(src):
    """Module path -> source, test modules left out."""
    found = {}
    for f in glob.glob(src + "/**/*.rs", recursive=True):
        rel = os.path.relpath(f, src)[:-3].split("/")
        if rel[-1] in ("mod", "lib", "main"):
            rel = rel[:-1]
        if rel and rel[-1] in ("tests", "fingerprint_tests"):
            continue
        found["::".join(rel)] = open(f, encoding="utf-8").read()
    return found


def resolve(mods, here, path):
    parts = path.split("::")
    base = here.split("::") if here else []
    if parts[0] == "crate":
        cur, parts = [], parts[1:]
    elif parts[0] == "super":
        cur = base[:]
        while parts and parts[0] == "super":
            cur, parts = cur[:-1], parts[1:]
    elif parts[0] == "self":
        cur, parts = base[:], parts[1:]
    else:
        cur = base[:]
    for k in range(len(parts), 0, -1):
        cand = "::".join(cur + parts[:k])
        if cand in mods:
            return cand
    parent = "::".join(cur)
    return parent if cur != base and parent in mods else None


def cycles(mods):
    edges = {}
    for m, s in mods.items():
        s = re.sub(r"#\[cfg\(test\)\]\s*mod tests\s*\{[\s\S]*", "", s)
        s = re.sub(r"//[^\n]*", "", s)
        s = re.sub(r"pub\(in [^)]*\)", "pub", s)
        deps = set()
        for u in re.findall(r"\b((?:crate|super|self)(?:::\w+)+|[a-z_]+(?:::\w+)+)", s):
            if u.split("::")[0] in EXTERNAL:
                continue
            d = resolve(mods, m, u)
            if d and d != m:
                deps.add(d)
        edges[m] = deps
    index, low, stack, on, found, counter = {}, {}, [], set(), [], [0]
    sys.setrecursionlimit(10000)

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in edges.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                found.append(sorted(comp))

    for v in list(edges):
        if v not in index:
            visit(v)
    return found


def main():
    failures = []
    for f in sorted(glob.glob("**/*.rs", recursive=True)):
        if f.startswith(("target/", ".run/")) or "/target/" in f:
            continue
        n = sum(1 for _ in open(f, encoding="utf-8"))
        if n > MAX_LINES:
            failures.append(f"{f}: {n} lines, over {MAX_LINES}")
    srcs = sorted(glob.glob("services/*/src") + glob.glob("crates/*/src"))
    for src in srcs:
        for comp in cycles(modules(src)):
            failures.append(f"{src}: module cycle {' -> '.join(comp)}")
    for f in failures:
        print(f, file=sys.stderr)
    print(f"layout: {len(srcs)} crates, {len(failures)} problems")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
