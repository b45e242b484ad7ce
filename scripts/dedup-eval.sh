#!/usr/bin/env bash
# Measures the deduplicator's duplicate test on labelled pairs built from the
# real articles in ../shared/eval (eval/dedup/make_pairs.py): precision,
# recall and false merges, overall and by kind of edit.
#   scripts/dedup-eval.sh [SEED]
source "$(dirname "$0")/lib.sh"
EVAL="${WIREFEED_EVAL_DIR:-$ROOT/../shared/eval}"
mkdir -p "$RUN_DIR/eval"
(cd "$ROOT" && cargo build --release --locked --bin wirefeed >&2)
python3 "$ROOT/eval/dedup/make_pairs.py" "$EVAL" "${1:-7}" >"$RUN_DIR/eval/dedup-pairs.jsonl"
"$TARGET_DIR/release/wirefeed" dedup-eval "$RUN_DIR/eval/dedup-pairs.jsonl"
