# Shared helpers for wirefeed's scripts (sourced, not run).
# Everything a run leaves (broker data, logs, pids) goes under .run/.

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUN_DIR="${WIREFEED_RUN_DIR:-$ROOT/.run}"
BROKER="${WIREFEED_BROKER:-127.0.0.1:9092}"
TANSU_VERSION="0.6.0"
CARGO_DENY_VERSION="0.20.2"
export PATH="$HOME/.cargo/bin:$PATH"
mkdir -p "$RUN_DIR"

# Clients of the tansu broker send their records uncompressed. tansu
# decompresses every batch it receives and stores the records inflated,
# so compression saves it no storage and costs it CPU: on the end-to-end
# benchmark, lz4 doubled the broker's CPU time and halved the stories
# per second (docs/measurements.md). Against Apache Kafka, which keeps
# batches compressed, the services' default (lz4) stays.
use_tansu_client_settings() {
    export WIREFEED__KAFKA__PROPERTIES__COMPRESSION_TYPE="${WIREFEED__KAFKA__PROPERTIES__COMPRESSION_TYPE:-none}"
}

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

# The Kafka-compatible broker for hosts without Apache Kafka. Built from
# crates.io when missing (about 15 minutes on 2 cores, once per machine).
ensure_tansu() {
    if command -v tansu >/dev/null 2>&1 && tansu --version 2>/dev/null | grep -q "$TANSU_VERSION"; then
        return
    fi
    log "installing the tansu broker $TANSU_VERSION (one-time build)"
    cargo install tansu --version "$TANSU_VERSION" --locked --features libsql,dynostore
}

# The dependency checker CI runs (licenses, bans, sources, advisories).
ensure_cargo_deny() {
    command -v cargo-deny >/dev/null 2>&1 && return
    log "installing cargo-deny (one-time build)"
    cargo install cargo-deny --version "$CARGO_DENY_VERSION" --locked
}

port_open() { (exec 3<>"/dev/tcp/${1%:*}/${1#*:}") 2>/dev/null; }

wait_for_port() {
    local addr=$1 what=$2
    for _ in $(seq 1 100); do
        port_open "$addr" && return 0
        sleep 0.2
    done
    echo "$what did not open $addr" >&2
    return 1
}

# Starts the broker with durable storage under .run/broker unless one
# already answers on $BROKER.
start_broker() {
    if port_open "$BROKER"; then
        log "broker already listening on $BROKER"
        return
    fi
    ensure_tansu
    mkdir -p "$RUN_DIR/broker"
    log "starting tansu on $BROKER (storage: ${WIREFEED_BROKER_STORAGE:-sqlite://tansu.db} in $RUN_DIR/broker)"
    # The sqlite path is taken relative to the broker's working directory.
    # The pid written must be the broker's own, not a subshell's.
    (
        cd "$RUN_DIR/broker"
        nohup tansu broker \
            --listener-url "tcp://$BROKER" --advertised-listener-url "tcp://$BROKER" \
            --storage-engine "${WIREFEED_BROKER_STORAGE:-sqlite://tansu.db}" >"$RUN_DIR/broker/broker.log" 2>&1 &
        echo $! >"$RUN_DIR/broker.pid"
    )
    wait_for_port "$BROKER" "the broker"
}

stop_pidfile() {
    local file=$1
    [ -f "$file" ] || return 0
    local pid
    pid=$(cat "$file")
    if kill -0 "$pid" 2>/dev/null; then
        kill -TERM "$pid" 2>/dev/null || true
        for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$file"
}

# Creates a topic; an existing one is left as it is.
create_topic() {
    local name=$1 partitions=${2:-3}
    if ! tansu topic list --broker "tcp://$BROKER" 2>/dev/null | grep -qx "$name"; then
        tansu topic create "$name" --broker "tcp://$BROKER" --partitions "$partitions" >/dev/null 2>&1 || true
    fi
}

# PostgreSQL must be reachable; this machine kind starts it, elsewhere it
# is the operator's (or docker compose's) job.
ensure_postgres() {
    local url=${WIREFEED__DATABASE__URL:-postgres://postgres@127.0.0.1:5432/wirefeed}
    local hostport=${url#*@}; hostport=${hostport%%/*}
    if ! port_open "$hostport"; then
        if command -v pg_ctlcluster >/dev/null 2>&1; then
            log "starting the local PostgreSQL cluster"
            pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start || true
        fi
        wait_for_port "$hostport" "PostgreSQL"
    fi
}

# psql, for creating the database and showing rows; installed when missing.
ensure_psql() {
    command -v psql >/dev/null 2>&1 && return
    log "installing the PostgreSQL client"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-client >/dev/null
}

# Creates the database named in a postgres URL when it does not exist.
ensure_database() {
    ensure_psql
    local url=$1
    local db=${url##*/}; db=${db%%\?*}
    local admin=${url%/*}/postgres
    if ! psql "$admin" -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1; then
        log "creating database $db"
        psql "$admin" -qc "CREATE DATABASE \"$db\""
    fi
}
