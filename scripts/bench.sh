#!/usr/bin/env bash
# Stage benchmarks on one core, side by side with the baseline and the limit
# measured in the same run (medians of RUNS runs; compare the ratios, not
# absolute times across machines or runs).
#   scripts/bench.sh [RUNS]
# normalize: wirefeed vs Python trafilatura (installed with pip when
# missing) vs the HTML parser alone, on ../shared/eval/scrapinghub pages
# (HTML and text dumps).
source "$(dirname "$0")/lib.sh"
RUNS=${1:-5}
EVAL="${WIREFEED_EVAL_DIR:-$ROOT/../shared/eval}"
OUT="$RUN_DIR/bench"
mkdir -p "$OUT"
(cd "$ROOT" && cargo build --release --locked --bin wirefeed >&2)
python3 -c "import trafilatura, lxml_html_clean" 2>/dev/null || pip install -q "trafilatura==2.0.0" lxml_html_clean >&2
command -v w3m >/dev/null 2>&1 || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq w3m >/dev/null)

python3 "$EVAL/make_raw.py" "$EVAL/scrapinghub" >"$OUT/html.jsonl"
python3 "$EVAL/make_raw.py" "$EVAL/scrapinghub" --as-text >"$OUT/text.jsonl"
# One core for every contender.
ours_html=$(taskset -c 0 "$ROOT/target/release/wirefeed" bench normalize "$OUT/html.jsonl" --runs "$RUNS")
ours_text=$(taskset -c 0 "$ROOT/target/release/wirefeed" bench normalize "$OUT/text.jsonl" --runs "$RUNS")
traf_html=$(taskset -c 0 python3 "$ROOT/eval/trafilatura_bench.py" "$OUT/html.jsonl" "$RUNS")

python3 - "$ours_html" "$ours_text" "$traf_html" <<'PY'
import json, sys
h, t, b = (json.loads(a) for a in sys.argv[1:4])
print(f"normalize, one core, {h['pages']} scrapinghub pages ({h['megabytes']} MB), median of {h['runs']} runs")
print(f"{'':34}{'pages/s':>10}{'MB/s':>8}{'vs trafilatura':>16}")
# The ratio compares the same HTML pages; text dumps are other input.
rows = [
    ("wirefeed, HTML", h["normalize_pages_per_s"], h["normalize_mb_per_s"], True),
    (f"trafilatura {b['trafilatura_version']} (Python), HTML", b["pages_per_s"], b["mb_per_s"], True),
    ("limit: HTML parser alone", h["html_parse_only_pages_per_s"], h["html_parse_only_mb_per_s"], True),
    ("wirefeed, text dumps of the pages", t["normalize_pages_per_s"], t["normalize_mb_per_s"], False),
]
for name, pps, mbs, comparable in rows:
    ratio = f"{pps / b['pages_per_s']:>15.1f}x" if comparable else f"{'—':>16}"
    print(f"{name:34}{pps:>10.0f}{mbs:>8.1f}{ratio}")
PY
