#!/usr/bin/env bash
# Runs every fuzz target for SECONDS each (default 600) with cargo fuzz.
#   scripts/fuzz.sh [SECONDS] [TARGET…]
# The machine's Rust is stable; cargo fuzz needs nightly flags, which
# RUSTC_BOOTSTRAP=1 allows on a stable compiler.
source "$(dirname "$0")/lib.sh"
SECONDS_EACH=${1:-600}
shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(raw_message normalize ninjs newsml same_tree)
command -v cargo-fuzz >/dev/null 2>&1 || cargo install cargo-fuzz --locked
export RUSTC_BOOTSTRAP=1
cd "$ROOT"
for t in "${TARGETS[@]}"; do
    log "fuzzing $t for ${SECONDS_EACH}s"
    mkdir -p "$RUN_DIR/fuzz/$t"
    # Seeds stay read-only in fuzz/corpus; new inputs go to .run/fuzz.
    cargo fuzz run "$t" "$RUN_DIR/fuzz/$t" "fuzz/corpus/$t" -- -max_total_time="$SECONDS_EACH" -rss_limit_mb=2048 -max_len=262144 2>&1 \
        | grep -E "^#[0-9]+.*(DONE|pulse)|ERROR|panicked|SUMMARY|Done [0-9]+ runs" | tail -n 5
done
