#!/usr/bin/env bash
# Deduplication decisions/s against PostgreSQL holding N stored stories, on
# two servers in the same run:
#   default  the server at WIREFEED_BENCH_SERVER (default: the local one on
#            127.0.0.1:5432, as configured by its package: 128 MB of buffers);
#   tuned    a server this script starts on 127.0.0.1:5433 with the settings
#            docker-compose.yml gives its PostgreSQL (2 GB of buffers,
#            checkpoints every 8 GB of WAL), stopped afterwards.
# The decision's index look-ups and inserts touch random pages of the band
# index (32 keys a story): once that index outgrows the buffers, every
# decision waits on page reads and evictions, which is what the tuned
# server's buffers remove.
#   scripts/bench-dedup.sh [N ...]     default N: 10000 100000 1000000
# 1,000,000 stories take 6-12 minutes to load into each server.
source "$(dirname "$0")/lib.sh"

SIZES=("${@:-10000 100000 1000000}")
read -r -a SIZES <<<"${SIZES[*]}"
DEFAULT_SERVER="${WIREFEED_BENCH_SERVER:-postgres://postgres@127.0.0.1:5432}"
TUNED_PORT="${WIREFEED_BENCH_TUNED_PORT:-5433}"
TUNED_DIR="$RUN_DIR/pg-tuned"
OUT="$RUN_DIR/bench"
mkdir -p "$OUT"
(cd "$ROOT" && cargo build --release --locked --bin wirefeed >&2)

pg_bin() {
    local bin
    bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)
    [ -n "$bin" ] || { echo "no PostgreSQL server binaries under /usr/lib/postgresql" >&2; return 1; }
    echo "$bin"
}

# The server runs as the postgres user when started by root (initdb refuses root).
as_pg() { if [ "$(id -u)" = 0 ]; then su postgres -c "$*"; else bash -c "$*"; fi; }

start_tuned() {
    local bin
    bin=$(pg_bin)
    rm -rf "$TUNED_DIR" && mkdir -p "$TUNED_DIR"
    [ "$(id -u)" = 0 ] && chown postgres "$TUNED_DIR"
    log "starting a tuned PostgreSQL on 127.0.0.1:$TUNED_PORT (settings of docker-compose.yml)"
    as_pg "$bin/initdb -D '$TUNED_DIR/data' -A trust -U postgres >'$TUNED_DIR/initdb.log' 2>&1"
    as_pg "$bin/pg_ctl -D '$TUNED_DIR/data' -l '$TUNED_DIR/server.log' -w -o \"-p $TUNED_PORT -k '$TUNED_DIR' -c listen_addresses=127.0.0.1 -c shared_buffers=2GB -c max_wal_size=8GB -c checkpoint_timeout=15min\" start >/dev/null"
}

stop_tuned() {
    [ -d "$TUNED_DIR/data" ] || return 0
    as_pg "$(pg_bin)/pg_ctl -D '$TUNED_DIR/data' -m fast stop >/dev/null 2>&1" || true
    rm -rf "$TUNED_DIR"
}
trap stop_tuned EXIT

: >"$OUT/dedup.jsonl"
run_on() {
    local label=$1 server=$2 n
    for n in "${SIZES[@]}"; do
        log "dedup bench: $n stored stories, $label server"
        "$TARGET_DIR/release/wirefeed" bench dedup --stories "$n" --decisions 3000 --server "$server" \
            | python3 -c "import json,sys; r=json.loads(sys.stdin.read()); r['server']='$label'; print(json.dumps(r))" \
            >>"$OUT/dedup.jsonl"
    done
}
run_on default "$DEFAULT_SERVER"
start_tuned
run_on tuned "postgres://postgres@127.0.0.1:$TUNED_PORT"

python3 - "$OUT/dedup.jsonl" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
print("dedup, decisions/s (256 per transaction; new 65%, near copies 15%, re-scrapes 20%)")
print(f"{'stored stories':>15} {'default server':>15} {'tuned server':>13} {'load s (default/tuned)':>24}")
for n in sorted({r["stored_stories"] for r in rows}):
    by = {r["server"]: r for r in rows if r["stored_stories"] == n}
    d, t = by.get("default", {}), by.get("tuned", {})
    rate = lambda r: f"{r['decisions_per_s']:,.0f}" if r else "-"
    print(f"{n:>15,} {rate(d):>15} {rate(t):>13} "
          f"{str(d.get('load_seconds', '-')) + ' / ' + str(t.get('load_seconds', '-')):>24}")
PY
