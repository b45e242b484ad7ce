#!/usr/bin/env bash
# Scores the normalizer on the evaluation sets in ../shared/eval with their
# own scorer: body precision/recall/F1 and, where the set has them, title
# accuracy, author F1 and date accuracy.
#   scripts/eval.sh            all four: scrapinghub and wcxb-dev, as HTML and as text dumps
#   scripts/eval.sh SET [--as-text]
# Text dumps need w3m (Debian package); it is installed when missing.
source "$(dirname "$0")/lib.sh"

EVAL="${WIREFEED_EVAL_DIR:-$ROOT/../shared/eval}"
OUT="$RUN_DIR/eval"
mkdir -p "$OUT"
(cd "$ROOT" && cargo build --release --locked --bin wirefeed >&2)

run_one() {
    local set=$1 flag=${2:-}
    local name="$set${flag:+-text}"
    if [ -n "$flag" ] && ! command -v w3m >/dev/null 2>&1; then
        log "installing w3m (renders pages to text dumps)"
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq w3m >/dev/null
    fi
    python3 "$EVAL/make_raw.py" "$EVAL/$set" $flag >"$OUT/$name.raw.jsonl"
    local started=$EPOCHREALTIME
    "$TARGET_DIR/release/wirefeed" normalize <"$OUT/$name.raw.jsonl" >"$OUT/$name.out.jsonl" 2>"$OUT/$name.log"
    local elapsed
    elapsed=$(python3 -c "print(f'{$EPOCHREALTIME - $started:.2f}')")
    echo "== $name ($(wc -l <"$OUT/$name.raw.jsonl") pages, ${elapsed}s, $(tail -n1 "$OUT/$name.log"))"
    python3 "$EVAL/score.py" "$EVAL/$set" "$OUT/$name.out.jsonl"
}

if [ $# -gt 0 ]; then
    run_one "$@"
else
    run_one scrapinghub
    run_one wcxb-dev
    run_one scrapinghub --as-text
    run_one wcxb-dev --as-text
fi
