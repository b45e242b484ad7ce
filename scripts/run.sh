#!/usr/bin/env bash
# Runs the whole pipeline on this host without Docker:
#   scripts/run.sh [PATH…]   install what is missing (PostgreSQL from Debian's
#                            packages, Apache Kafka from Maven Central), start
#                            PostgreSQL and the broker (durable storage under
#                            .run/), build the services, create the database
#                            and topics, migrate, start the four services
#                            (the archiver keeps raw pages for `wirefeed
#                            reprocess`),
#                            then publish PATH… (default: the sample pages in
#                            ../shared/samples).
#   scripts/run.sh stop      stop the services, then the broker.
# Settings come from WIREFEED__… variables as for the services themselves.
source "$(dirname "$0")/lib.sh"

SERVICES=(normalizer deduplicator persister archiver)
export WIREFEED__KAFKA__BROKERS="$BROKER"
use_broker_client_settings
export WIREFEED__DATABASE__URL="${WIREFEED__DATABASE__URL:-postgres://postgres@127.0.0.1:5432/wirefeed}"
BIN="$TARGET_DIR/release"

stop_all() {
    for s in "${SERVICES[@]}"; do
        log "stopping $s"
        stop_pidfile "$RUN_DIR/$s.pid"
    done
    log "stopping the broker"
    stop_pidfile "$RUN_DIR/broker.pid"
}

if [ "${1:-}" = "stop" ]; then
    stop_all
    exit 0
fi

ensure_postgres
ensure_database "$WIREFEED__DATABASE__URL"
start_broker

log "building the services (release)"
(cd "$ROOT" && cargo build --release --locked --bin wirefeed --bin wirefeed-normalizer --bin wirefeed-deduplicator --bin wirefeed-persister --bin wirefeed-archiver)
log "creating the topics"
"$BIN/wirefeed" topics --partitions "${WIREFEED_PARTITIONS:-3}"
log "migrating the database"
"$BIN/wirefeed" migrate

mkdir -p "$RUN_DIR/logs"
port=9101
for s in "${SERVICES[@]}"; do
    if [ -f "$RUN_DIR/$s.pid" ] && kill -0 "$(cat "$RUN_DIR/$s.pid")" 2>/dev/null; then
        log "$s already running"
    else
        log "starting $s (metrics on 127.0.0.1:$port/metrics, log in .run/logs/$s.log)"
        WIREFEED__HTTP__LISTEN="127.0.0.1:$port" nohup "$BIN/wirefeed-$s" >"$RUN_DIR/logs/$s.log" 2>&1 &
        echo $! >"$RUN_DIR/$s.pid"
    fi
    wait_for_port "127.0.0.1:$port" "$s"
    port=$((port + 1))
done

if [ $# -gt 0 ]; then
    inputs=("$@")
else
    inputs=()
    for f in "$ROOT"/../shared/samples/*.json; do [ -e "$f" ] && inputs+=("$f"); done
fi
if [ ${#inputs[@]} -gt 0 ]; then
    log "publishing ${inputs[*]}"
    "$BIN/wirefeed" produce "${inputs[@]}"
    # The sighting appears within seconds; wait for it so the next query finds it.
    for _ in $(seq 1 150); do
        n=$(psql "$WIREFEED__DATABASE__URL" -tAc "SELECT count(*) FROM sightings" 2>/dev/null || echo 0)
        [ "${n:-0}" -gt 0 ] && break
        sleep 0.2
    done
fi
psql "$WIREFEED__DATABASE__URL" -c "SELECT title, section, author_names, published_at FROM latest_stories LIMIT 5"
log "running; query with: psql $WIREFEED__DATABASE__URL   stop with: scripts/run.sh stop"
