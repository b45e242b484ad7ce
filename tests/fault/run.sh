#!/usr/bin/env bash
# Fault test: nothing lost, nothing twice, under crashes and outages.
#
#   tests/fault/run.sh [MESSAGES] [KILLS_PER_SERVICE]     (defaults: 20000, 3)
#   FAULT_PROFILE=dev tests/fault/run.sh 2000 1           (CI's short version)
#   FAULT_MEMBERSHIP=dynamic tests/fault/run.sh …         (default: static)
#
# Publishes MESSAGES raw messages (about 5% bad), each with its own id, to
# an Apache Kafka broker with durable storage (WIREFEED_BROKER_KIND=tansu:
# tansu). While they flow, kill -9s each service KILLS_PER_SERVICE times and
# restarts it, restarts PostgreSQL once and the broker once; each fault
# fires when the stored stories reach a random share of the good messages
# (5–95%), so faults are spread over the whole run whatever its speed.
# Membership: `static` restarts a service under its old group.instance.id
# after half a second; `dynamic` restarts it at once with no instance id,
# as scripts/run.sh starts services, so the group must evict the dead
# member before the new one gets partitions.
# Then checks every message by its id (tests/fault/check.py): each good one
# stored exactly once and never dead-lettered, each bad one dead-lettered
# and never stored, one story per good message, consumer lag 0. Exits
# non-zero when a check fails.
source "$(dirname "$0")/../../scripts/lib.sh"

MESSAGES=${1:-20000}
KILLS=${2:-3}
SEED=${FAULT_SEED:-$RANDOM}
RUN_ID="fault$(date +%s)"
# A directory of its own per run: pid files of one run never meet another's.
FAULT_DIR="$RUN_DIR/$RUN_ID"
BROKER="${FAULT_BROKER:-127.0.0.1:9095}"
DB_ADMIN="${WIREFEED_TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
DB_URL="${DB_ADMIN%/*}/wirefeed_$RUN_ID"
# CI runs a short version on the debug build its tests already made.
PROFILE="${FAULT_PROFILE:-release}"
MEMBERSHIP="${FAULT_MEMBERSHIP:-static}"
case $MEMBERSHIP in static|dynamic) ;; *) echo "FAULT_MEMBERSHIP must be static or dynamic" >&2; exit 2 ;; esac
BIN="$TARGET_DIR/$([ "$PROFILE" = dev ] && echo debug || echo "$PROFILE")"
SERVICES=(normalizer deduplicator persister archiver)
declare -A PORT=([normalizer]=9201 [deduplicator]=9202 [persister]=9203 [archiver]=9204)

mkdir -p "$FAULT_DIR/broker" "$FAULT_DIR/logs"
RUN_DIR="$FAULT_DIR"

cleanup() {
    # An early exit: the watchdog and any restart it has under way go first.
    touch "$FAULT_DIR/watchdog.stop"
    [ -n "${WATCHDOG:-}" ] && { pkill -P "$WATCHDOG" 2>/dev/null; kill "$WATCHDOG" 2>/dev/null; } || true
    for s in "${SERVICES[@]}"; do stop_pidfile "$FAULT_DIR/$s.pid"; done
    stop_pidfile "$FAULT_DIR/broker.pid"
    # The port is this test's own: no broker of it may outlive the run
    # (one restarted by the watchdog has no pid file). SIGTERM, then
    # SIGKILL for one still running five seconds later.
    stop_port_brokers
    psql "$DB_ADMIN" -qc "DROP DATABASE IF EXISTS \"wirefeed_$RUN_ID\" WITH (FORCE)" >/dev/null 2>&1 || true
}
trap cleanup EXIT

stop_port_brokers() {
    local pattern="kafka.Kafka $FAULT_DIR/kafka/server.properties"
    [ "$BROKER_KIND" = tansu ] && pattern="tansu broker --listener-url tcp://$BROKER"
    pkill -f "$pattern" 2>/dev/null || true
    for _ in $(seq 1 50); do pgrep -f "$pattern" >/dev/null || return 0; sleep 0.1; done
    pkill -KILL -f "$pattern" 2>/dev/null || true
}

if [ "$BROKER_KIND" = tansu ]; then ensure_tansu; else ensure_kafka; fi
ensure_postgres
stop_port_brokers
log "building $PROFILE binaries"
(cd "$ROOT" && cargo build --profile "$PROFILE" --locked --bin wirefeed --bin wirefeed-normalizer --bin wirefeed-deduplicator --bin wirefeed-persister --bin wirefeed-archiver 2>&1 | tail -n 1)

start_fault_broker() {
    for _ in $(seq 1 50); do port_open "$BROKER" || break; sleep 0.2; done
    if port_open "$BROKER"; then echo "something else listens on $BROKER" >&2; return 1; fi
    # The scripts' broker, with RUN_DIR this run's folder: its data, log
    # and pid file stay in it. Either broker closes fd 9, the restart
    # lock's (restart_broker): a broker that kept it open would hold the
    # lock for its whole life, and the next restart would wait for ever.
    start_broker
}
start_fault_broker

# One restart at a time: the chaos and the watchdog may both want one.
restart_broker() {
    (
        flock 9
        stop_pidfile "$FAULT_DIR/broker.pid"
        start_fault_broker
    ) 9>"$FAULT_DIR/broker.lock"
}

export WIREFEED__KAFKA__BROKERS="$BROKER"
export WIREFEED__TOPICS__RAW="raw.$RUN_ID" WIREFEED__TOPICS__NORMALIZED="normalized.$RUN_ID"
export WIREFEED__TOPICS__DEDUPED="deduped.$RUN_ID" WIREFEED__TOPICS__DLQ="dlq.$RUN_ID"
export WIREFEED__DATABASE__URL="$DB_URL"
export WIREFEED__KAFKA__STATISTICS_INTERVAL_MS=1000
export WIREFEED__RETRY__MAX_BACKOFF_MS=2000
"$BIN/wirefeed" topics --partitions 3
psql "$DB_ADMIN" -qc "CREATE DATABASE \"wirefeed_$RUN_ID\""
"$BIN/wirefeed" migrate

start_service() {
    local s=$1
    # Static group membership: a restarted replica takes its old place in the
    # group at once instead of waiting for the dead member to be evicted.
    local instance=()
    [ "$MEMBERSHIP" = static ] && instance=(WIREFEED__KAFKA__PROPERTIES__GROUP_INSTANCE_ID="$s-0")
    env WIREFEED__HTTP__LISTEN="127.0.0.1:${PORT[$s]}" WIREFEED__KAFKA__GROUP_ID="$s-$RUN_ID" \
        "${instance[@]}" nohup "$BIN/wirefeed-$s" >>"$FAULT_DIR/logs/$s.log" 2>&1 &
    echo $! >"$FAULT_DIR/$s.pid"
    disown # its kill -9 is the point, not news
}
for s in "${SERVICES[@]}"; do start_service "$s"; done

# After a restart: how long until the service holds partitions again
# (its wirefeed_partitions_assigned above 0), one line per restart.
watch_resume() {
    local s=$1 t0=$EPOCHREALTIME n
    for _ in $(seq 1 2400); do
        # Not answering yet (still starting) reads as no partitions.
        n=$(curl -fsS "http://127.0.0.1:${PORT[$s]}/metrics" 2>/dev/null |
            awk '/^wirefeed_partitions_assigned/ {print $NF}') || n=0
        if [ "${n:-0}" -gt 0 ] 2>/dev/null; then
            # One line in one write: the three watchers append to the same
            # file at about the same moment (python's print wrote the line
            # and its newline apart, and two lines ran together).
            local took
            took=$(python3 -c "print(f'{$EPOCHREALTIME - $t0:.1f}')")
            printf '%s %s\n' "$s" "$took" >>"$FAULT_DIR/resumed.txt"
            return
        fi
        sleep 0.25
    done
    echo "$s never" >>"$FAULT_DIR/resumed.txt"
}
: >"$FAULT_DIR/resumed.txt"

log "generating $MESSAGES messages (seed $SEED)"
python3 "$(dirname "$0")/generate.py" "$MESSAGES" 5 "$SEED" >"$FAULT_DIR/raw.jsonl" 2>"$FAULT_DIR/good.txt"
GOOD=$(cat "$FAULT_DIR/good.txt")
BAD=$((MESSAGES - GOOD))
started=$EPOCHREALTIME
"$BIN/wirefeed" produce "$FAULT_DIR/raw.jsonl" 2>&1 | tail -n 1

sql() { psql "$DB_URL" -tAc "$1" 2>/dev/null || echo -1; }
# Raw messages accounted for so far: sightings plus distinct dead-lettered
# raw coordinates (used only to know when the run is over).
dead_letters() {
    "$BIN/wirefeed" dlq list 2>/dev/null | python3 -c '
import json, sys
rows = [json.loads(l) for l in sys.stdin if l.strip()]
raw = [r for r in rows if r["headers"].get("wirefeed.source_topic") == sys.argv[1]]
print(len({(r["headers"]["wirefeed.source_partition"], r["headers"]["wirefeed.source_offset"]) for r in raw}))' "$WIREFEED__TOPICS__RAW"
}

# tansu 0.6.0 ends its storage loop for good when a client vanishes in the
# middle of a request (tansu-storage service.rs: an undeliverable response
# is returned as an error through `?`). An operator would restart such a
# broker; so does this test, and says so.
broker_watchdog() {
    # Stops when asked (the stop file), never in the middle of a restart:
    # killed there, its restart would go on without it and start a broker
    # after the test's teardown.
    while sleep 2 && [ ! -e "$FAULT_DIR/watchdog.stop" ]; do
        if grep -q "UnableToSend" "$FAULT_DIR/broker/broker.log" 2>/dev/null; then
            echo "  broker storage failed (tansu UnableToSend): restarting the broker"
            mv "$FAULT_DIR/broker/broker.log" "$FAULT_DIR/broker/broker.$(date +%s).log"
            restart_broker || true
        fi
    done
}
if [ "$BROKER_KIND" = tansu ]; then
    broker_watchdog &
    WATCHDOG=$!
fi

# Chaos, while messages flow: each event fires when the stored sightings
# reach its share of the good messages, so faults land early, midway and
# late in the run alike.
log "chaos ($MEMBERSHIP membership): $KILLS kill -9 per service, one PostgreSQL restart, one broker restart"
events=()
for s in "${SERVICES[@]}"; do for _ in $(seq 1 "$KILLS"); do events+=("kill:$s"); done; done
events+=("postgres" "broker")
mapfile -t schedule < <(python3 - "$SEED" "$GOOD" "${events[@]}" <<'PY'
import random, sys
rng = random.Random(int(sys.argv[1]))
good, events = int(sys.argv[2]), sys.argv[3:]
at = sorted(int(good * rng.uniform(0.05, 0.95)) for _ in events)
rng.shuffle(events)
for n, e in zip(at, events):
    print(n, e)
PY
)
for entry in "${schedule[@]}"; do
    read -r at e <<<"$entry"
    # Waits for its moment; a run stuck below it gets the fault anyway
    # after FAULT_EVENT_WAIT seconds (and the final checks tell).
    waited=0
    while [ "$(sql 'SELECT count(*) FROM sightings')" -lt "$at" ] && [ "$waited" -lt "$((2 * ${FAULT_EVENT_WAIT:-300}))" ]; do
        sleep 0.5
        waited=$((waited + 1))
    done
    case $e in
        kill:*)
            s=${e#kill:}
            kill -KILL "$(cat "$FAULT_DIR/$s.pid")" 2>/dev/null || true
            echo "  kill -9 $s at $(sql 'SELECT count(*) FROM sightings') sightings (planned: $at)"
            [ "$MEMBERSHIP" = static ] && sleep 0.5
            start_service "$s"
            watch_resume "$s" &
            ;;
        postgres)
            echo "  restarting PostgreSQL at $(sql 'SELECT count(*) FROM sightings') sightings (planned: $at)"
            restart_postgres
            ;;
        broker)
            echo "  restarting the broker at $(sql 'SELECT count(*) FROM sightings') sightings (planned: $at)"
            restart_broker
            ;;
    esac
done

log "waiting until every message is accounted for"
deadline=$((SECONDS + ${FAULT_TIMEOUT:-1800}))
while :; do
    sightings=$(sql "SELECT count(*) FROM sightings")
    dlq_distinct=$(dead_letters)
    if [ "$((sightings + ${dlq_distinct:-0}))" -ge "$MESSAGES" ]; then break; fi
    if [ $SECONDS -gt $deadline ]; then echo "timed out: $sightings sightings + $dlq_distinct dead letters of $MESSAGES"; break; fi
    sleep 2
done
# The archiver keeps every raw message, the bad ones too.
while [ "$(sql 'SELECT count(*) FROM raw_pages')" -lt "$MESSAGES" ] && [ $SECONDS -le $deadline ]; do sleep 1; done
elapsed=$(python3 -c "print(f'{$EPOCHREALTIME - $started:.1f}')")
touch "$FAULT_DIR/watchdog.stop"
[ -n "${WATCHDOG:-}" ] && { wait "$WATCHDOG" 2>/dev/null || true; }
wait # the resume watchers

# Lag, summed over the services' gauges. Every message is accounted for,
# but the last offsets reach the broker with the next automatic commit
# (1 s), and a broker restarted near the end delays that commit until the
# consumers have found the group coordinator again: so the lag must fall
# to 0 within FAULT_LAG_WAIT seconds, not at one fixed instant.
total_lag() {
    local s l sum=0
    for s in "${SERVICES[@]}"; do
        l=$(curl -fsS "http://127.0.0.1:${PORT[$s]}/metrics" 2>/dev/null | awk '/^wirefeed_consumer_lag\{/ {sum += $NF} END {print sum + 0}')
        sum=$((sum + ${l:-0}))
    done
    echo "$sum"
}
lag_started=$SECONDS
sleep 3 # one statistics interval, so lag gauges are current
lag=$(total_lag)
while [ "$lag" -ne 0 ] && [ $((SECONDS - lag_started)) -lt "${FAULT_LAG_WAIT:-120}" ]; do
    sleep 1
    lag=$(total_lag)
done
echo "lag $lag after $((SECONDS - lag_started)) s" >"$FAULT_DIR/lag.txt"
"$BIN/wirefeed" dlq list >"$FAULT_DIR/dead-letters.jsonl" 2>/dev/null
psql "$DB_URL" -tAc "SELECT scraper_id, url FROM sightings" -F $'\t' >"$FAULT_DIR/sightings.tsv"
stories=$(sql "SELECT count(*) FROM stories")
psql "$DB_URL" -tAc "SELECT substring(encode(payload, 'escape') from '(?:msg|bad)-[0-9]+') FROM raw_pages" >"$FAULT_DIR/archived.txt"

echo
echo "fault test: $MESSAGES messages ($GOOD good, $BAD bad), seed $SEED, $MEMBERSHIP membership, $BROKER_KIND broker, ${elapsed}s"
failed=0
python3 "$(dirname "$0")/check.py" "$FAULT_DIR/raw.jsonl" "$FAULT_DIR/dead-letters.jsonl" \
    "$FAULT_DIR/sightings.tsv" "$stories" "$WIREFEED__TOPICS__RAW" "$lag" "$FAULT_DIR/resumed.txt" "$FAULT_DIR/lag.txt" \
    "$FAULT_DIR/archived.txt" || failed=1
trap - EXIT
cleanup
exit $failed
