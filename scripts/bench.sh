#!/usr/bin/env bash
# Every stage side by side with its baseline and its limit, measured in the
# same run (medians of RUNS runs; compare the ratios, not absolute times
# across machines or runs).
#   scripts/bench.sh [RUNS]
# normalize: wirefeed vs Python trafilatura (installed into a virtual environment under .run/ when
#   missing) vs the HTML parser alone, one core, on ../shared/eval/scrapinghub
#   pages (HTML and text dumps);
# persist: the persister's batched write vs row-at-a-time INSERTs vs COPY of
#   the same rows (wirefeed bench persist);
# dedup: scripts/bench-dedup.sh, decisions/s with BENCH_DEDUP_STORIES stored
#   stories (default 10000; 1000000 takes minutes to load), on the local
#   PostgreSQL as configured and on a tuned one;
# end to end: scripts/bench-pipeline.sh, 4 partitions, 1 and 2 replicas of each
#   service: stories/s vs the normalize stage alone, p50/p99 latency at
#   half load, peak RSS per service.
source "$(dirname "$0")/lib.sh"
RUNS=${1:-5}
EVAL="${WIREFEED_EVAL_DIR:-$ROOT/../shared/eval}"
OUT="$RUN_DIR/bench"
mkdir -p "$OUT"
(cd "$ROOT" && cargo build --release --locked --bin wirefeed >&2)
# trafilatura in a virtual environment of its own, made once under .run/.
VENV="$RUN_DIR/trafilatura-venv"
if ! "$VENV/bin/python" -c "import trafilatura, lxml_html_clean" 2>/dev/null; then
    log "installing trafilatura 2.0.0 into $VENV"
    python3 -m venv "$VENV"
    # pip 23.2's resolver fails on trafilatura's lxml extras: a newer pip first.
    "$VENV/bin/pip" install -q --upgrade pip >&2
    "$VENV/bin/pip" install -q "trafilatura==2.0.0" lxml_html_clean >&2
fi
command -v w3m >/dev/null 2>&1 || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq w3m >/dev/null)

python3 "$EVAL/make_raw.py" "$EVAL/scrapinghub" >"$OUT/html.jsonl"
python3 "$EVAL/make_raw.py" "$EVAL/scrapinghub" --as-text >"$OUT/text.jsonl"
# One core for every contender.
ours_html=$(taskset -c 0 "$TARGET_DIR/release/wirefeed" bench normalize "$OUT/html.jsonl" --runs "$RUNS")
ours_text=$(taskset -c 0 "$TARGET_DIR/release/wirefeed" bench normalize "$OUT/text.jsonl" --runs "$RUNS")
traf_html=$(taskset -c 0 "$VENV/bin/python" "$ROOT/eval/trafilatura_bench.py" "$OUT/html.jsonl" "$RUNS")
: >"$OUT/persist.jsonl"
for _ in $(seq 1 "$RUNS"); do
    "$TARGET_DIR/release/wirefeed" bench persist --rows "${BENCH_PERSIST_ROWS:-3000}" >>"$OUT/persist.jsonl"
done
# Its own table too: the default and the tuned PostgreSQL side by side.
# shellcheck disable=SC2086
"$ROOT/scripts/bench-dedup.sh" ${BENCH_DEDUP_STORIES:-10000} >"$OUT/dedup.txt"
: >"$OUT/pipeline.jsonl"
for replicas in 1 2; do
    "$ROOT/scripts/bench-pipeline.sh" 4 "$replicas" "${BENCH_PASSES:-4}" | tail -n 1 >>"$OUT/pipeline.jsonl"
done

python3 - "$ours_html" "$ours_text" "$traf_html" "$OUT" <<'PY'
import json, statistics, sys
h, t, b = (json.loads(a) for a in sys.argv[1:4])
out = sys.argv[4]
def lines(name):
    return [json.loads(l) for l in open(f"{out}/{name}.jsonl") if l.strip()]
print(f"normalize, one core, {h['pages']} scrapinghub pages ({h['megabytes']} MB), median of {h['runs']} runs")
print(f"{'':34}{'pages/s':>10}{'MB/s':>8}{'vs trafilatura':>16}{'peak RSS MB':>13}")
# The ratio compares the same HTML pages; text dumps are other input.
# Peak RSS is the whole process's, with every page held in memory
# (wirefeed: rss_with_pages_loaded_mb of it before normalizing).
rows = [
    ("wirefeed, HTML", h["normalize_pages_per_s"], h["normalize_mb_per_s"], True, h.get("peak_rss_mb")),
    (f"trafilatura {b['trafilatura_version']} (Python), HTML", b["pages_per_s"], b["mb_per_s"], True, b.get("peak_rss_mb")),
    ("limit: HTML parser alone", h["html_parse_only_pages_per_s"], h["html_parse_only_mb_per_s"], True, None),
    ("wirefeed, text dumps of the pages", t["normalize_pages_per_s"], t["normalize_mb_per_s"], False, t.get("peak_rss_mb")),
]
for name, pps, mbs, comparable, rss in rows:
    ratio = f"{pps / b['pages_per_s']:>15.1f}x" if comparable else f"{'—':>16}"
    rss = f"{rss:>13.0f}" if rss is not None else f"{'—':>13}"
    print(f"{name:34}{pps:>10.0f}{mbs:>8.1f}{ratio}{rss}")
print(f"(wirefeed holding the HTML pages before normalizing: {h.get('rss_with_pages_loaded_mb')} MB)")

persist = lines("persist")
med = lambda k: statistics.median(r[k] for r in persist)
print()
print(f"persist, {persist[0]['stories']} stories with sightings and versions ({persist[0]['csv_megabytes']} MB as CSV), median of {len(persist)} runs")
print(f"{'':34}{'stories/s':>10}{'vs COPY':>10}")
for name, key in [("wirefeed (batched)", "ours_stories_per_s"), ("row-at-a-time INSERT", "row_at_a_time_stories_per_s"), ("limit: COPY, no indexes", "copy_stories_per_s")]:
    ratio = statistics.median(r[key] / r["copy_stories_per_s"] for r in persist)
    print(f"{name:34}{med(key):>10.0f}{ratio:>9.2f}x")
print()
print(open(f"{out}/dedup.txt").read())
print("end to end, scrapinghub HTML pages, all services + broker + PostgreSQL on this machine")
print(f"{'':24}{'stories/s':>10}{'normalize alone':>17}{'ratio':>7}{'p50 s':>7}{'p99 s':>7}  peak RSS MB")
for r in lines("pipeline"):
    name = f"{r['partitions']} partitions, {r['replicas']} repl."
    rss = ", ".join(f"{k} {v}" for k, v in r["peak_rss_mb"].items())
    print(f"{name:24}{r['end_to_end_stories_per_s']:>10.1f}{r['normalize_alone_pages_per_s']:>17.1f}{r['end_to_end_vs_normalize']:>7.2f}{r['latency_p50_s']:>7.2f}{r['latency_p99_s']:>7.2f}  {rss}")
# Where the machine's CPU went: the pipeline cannot beat cores / CPU per story.
print()
print("end to end, CPU milliseconds per stored story in the throughput phase")
for r in lines("pipeline"):
    name = f"{r['partitions']} partitions, {r['replicas']} repl."
    cpu = r["throughput_cpu_ms_per_story"]
    print(f"{name:24}" + ", ".join(f"{k} {v}" for k, v in cpu.items()))
PY
