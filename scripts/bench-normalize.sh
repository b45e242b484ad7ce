#!/usr/bin/env bash
# Normalization speed against trafilatura, whole processes on one core:
#
#   scripts/bench-normalize.sh [PAIRS] [SET…]      (defaults: 3 scrapinghub wcxb-dev)
#
# For each evaluation set (../shared/eval/SET, made into raw messages by
# make_raw.py), PAIRS alternating runs of `wirefeed normalize` and of
# trafilatura 2.3.1 with metadata (eval/trafilatura_predict.py), each pinned
# to CPU 0 with taskset. Each run's CPU time is user + system of the whole
# process, start-up included, as /usr/bin/time reports it; the ratio of a
# pair is trafilatura's CPU time over wirefeed's, and the figure is the
# median ratio. wirefeed's peak RSS is reported beside it.
source "$(dirname "$0")/lib.sh"

PAIRS=${1:-3}
shift || true
SETS=("$@")
[ ${#SETS[@]} -gt 0 ] || SETS=(scrapinghub wcxb-dev)
EVAL="${WIREFEED_EVAL_DIR:-$ROOT/../shared/eval}"
OUT="$RUN_DIR/bench-normalize"
mkdir -p "$OUT"

VENV="$RUN_DIR/trafilatura-2.3-venv"
if ! "$VENV/bin/python" -c "import trafilatura, lxml_html_clean" 2>/dev/null; then
    log "installing trafilatura 2.3.1 into $VENV"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q --upgrade pip >&2
    "$VENV/bin/pip" install -q "trafilatura==2.3.1" lxml_html_clean >&2
fi
(cd "$ROOT" && cargo build --release --locked --bin wirefeed >&2)
BIN="$TARGET_DIR/release/wirefeed"

# One process's CPU seconds (user + system) and peak RSS in MB.
cpu_of() {
    local input=$1
    shift
    /usr/bin/time -f "%U %S %M" -o "$OUT/time.txt" taskset -c 0 "$@" <"$input" >/dev/null 2>>"$OUT/stderr.log"
    awk '{printf "%.3f %.0f\n", $1 + $2, $3 / 1024}' "$OUT/time.txt"
}

for set in "${SETS[@]}"; do
    raw="$OUT/$set.raw.jsonl"
    [ -s "$raw" ] || python3 "$EVAL/make_raw.py" "$EVAL/$set" >"$raw"
    pages=$(grep -c . "$raw")
    : >"$OUT/$set.runs"
    for i in $(seq 1 "$PAIRS"); do
        read -r ours rss < <(cpu_of "$raw" "$BIN" normalize)
        read -r theirs _ < <(cpu_of "$raw" "$VENV/bin/python" "$ROOT/eval/trafilatura_predict.py")
        echo "$ours $theirs $rss" >>"$OUT/$set.runs"
        log "$set pair $i: wirefeed $ours CPU-s (peak RSS $rss MB), trafilatura $theirs CPU-s"
    done
    python3 - "$set" "$pages" "$OUT/$set.runs" <<'PY'
import statistics, sys
name, pages, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
runs = [tuple(map(float, l.split())) for l in open(path) if l.strip()]
ratios = [theirs / ours for ours, theirs, _ in runs]
ours = statistics.median(r[0] for r in runs)
theirs = statistics.median(r[1] for r in runs)
print(f"{name}: {pages} pages; wirefeed {ours:.2f} CPU-s ({pages / ours:.0f} pages/s, peak RSS "
      f"{max(r[2] for r in runs):.0f} MB), trafilatura {theirs:.2f} CPU-s; ratio median "
      f"{statistics.median(ratios):.1f}x (pairs: {', '.join(f'{r:.1f}' for r in ratios)})")
PY
done
