#!/usr/bin/env bash
# The end-to-end benchmark on both brokers, one after the other in one run:
# Apache Kafka (what users deploy) and tansu. Same pages, partitions,
# replicas and passes; prints each run's JSON line, then a comparison.
#
#   scripts/bench-brokers.sh [PARTITIONS] [REPLICAS] [PASSES]   (defaults: 3 1 4)
#   BENCH_BROKERS=kafka scripts/bench-brokers.sh …              (one broker only)
source "$(dirname "$0")/lib.sh"

PARTITIONS=${1:-3}
REPLICAS=${2:-1}
PASSES=${3:-4}
OUT="$RUN_DIR/bench-brokers.$(date +%s).jsonl"
: >"$OUT"
for kind in ${BENCH_BROKERS:-kafka tansu}; do
    log "end-to-end benchmark on $kind"
    WIREFEED_BROKER_KIND=$kind "$ROOT/scripts/bench-pipeline.sh" "$PARTITIONS" "$REPLICAS" "$PASSES" | tail -n 1 | tee -a "$OUT"
done
python3 - "$OUT" <<'PY'
import json, sys
runs = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
cols = ["broker", "end_to_end_stories_per_s", "latency_p99_s", "own_vs_extraction"]
print()
print("| broker | stories/s | p99 s | own/extraction | CPU-ms per story: " + ", ".join(
    k for k in runs[0]["throughput_cpu_ms_per_story"]) + " |")
for r in runs:
    cpu = r["throughput_cpu_ms_per_story"]
    print(f"| {r['broker']} | {r['end_to_end_stories_per_s']} | {r['latency_p99_s']} | {r['own_vs_extraction']} | "
          + ", ".join(f"{cpu.get(k, 0)}" for k in runs[0]["throughput_cpu_ms_per_story"]) + " |")
PY
