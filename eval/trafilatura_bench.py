"""Baseline for the normalize benchmark: Python trafilatura on the same raw
messages, one core. Prints pages/s and MB/s (median of RUNS runs) and the
process's peak RSS as JSON.

usage: trafilatura_bench.py RAW.jsonl [RUNS]
"""
import json
import resource
import statistics
import sys
import time

import trafilatura

pages = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
bodies = [p.get("body") or p.get("html") or "" for p in pages]
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
times = []
for _ in range(runs):
    started = time.perf_counter()
    for b in bodies:
        trafilatura.extract(b, with_metadata=True)
    times.append(time.perf_counter() - started)
t = statistics.median(times)
mb = sum(len(b.encode()) for b in bodies) / 1e6
print(json.dumps({"pages": len(bodies), "runs": runs, "trafilatura_version": trafilatura.__version__,
                  "pages_per_s": round(len(bodies) / t), "mb_per_s": round(mb / t, 1),
                  # ru_maxrss is in kB on Linux.
                  "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}))
