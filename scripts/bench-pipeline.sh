#!/usr/bin/env bash
# End-to-end benchmark: the three services (release build, REPLICAS of each)
# on the broker (durable storage, PARTITIONS per topic) and PostgreSQL.
#
#   scripts/bench-pipeline.sh [PARTITIONS] [REPLICAS] [PASSES]   (defaults: 3 1 6)
#
# Input: the ../shared/eval/scrapinghub pages as raw HTML messages, PASSES
# times over with distinct URLs (every pass after the first is a set of
# syndicated copies: exact duplicates, each a story of its own).
#  1. throughput: all messages published at once; stories/s = stored stories
#     / time from the first publish to the last commit, and the CPU time
#     per story each process (and PostgreSQL, and the producer) spent on it;
#  2. latency: the same number of new messages published at half that rate,
#     each stamped with its publish time; p50/p99 of commit − publish time;
#  3. the limit: the normalize stage alone on the same pages, one core.
# Also the peak RSS (VmHWM) of every service process, and the CPU the
# pipeline's own three services spend per story against the CPU extraction
# alone spends on the same pages (own_vs_extraction). Prints one JSON line.
# The broker is Apache Kafka, or tansu with WIREFEED_BROKER_KIND=tansu;
# scripts/bench-brokers.sh runs both and compares them.
# With SOAK_SECONDS=N, then N more seconds at the same half rate, the RSS of
# every process sampled every 15 s: first, last and highest sample.
source "$(dirname "$0")/lib.sh"

PARTITIONS=${1:-3}
REPLICAS=${2:-1}
PASSES=${3:-6}
RUN_ID="bench$(date +%s)"
BENCH_DIR="$RUN_DIR/$RUN_ID"
BROKER="${BENCH_BROKER:-127.0.0.1:9097}"
DB_ADMIN="${WIREFEED_TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
DB_URL="${DB_ADMIN%/*}/wirefeed_$RUN_ID"
EVAL="${WIREFEED_EVAL_DIR:-$ROOT/../shared/eval}"
BIN="$TARGET_DIR/release"
SERVICES=(normalizer deduplicator persister)
mkdir -p "$BENCH_DIR/broker" "$BENCH_DIR/logs"
RUN_DIR="$BENCH_DIR"

cleanup() {
    # Services first: they commit their offsets to the broker on the way out.
    for f in "$BENCH_DIR"/*-[0-9]*.pid; do [ -e "$f" ] && stop_pidfile "$f"; done
    stop_pidfile "$BENCH_DIR/broker.pid"
    psql "$DB_ADMIN" -qc "DROP DATABASE IF EXISTS \"wirefeed_$RUN_ID\" WITH (FORCE)" >/dev/null 2>&1 || true
}
trap cleanup EXIT

ensure_postgres
(cd "$ROOT" && cargo build --release --locked --bin wirefeed --bin wirefeed-normalizer \
    --bin wirefeed-deduplicator --bin wirefeed-persister >&2)
start_broker >&2

export WIREFEED__KAFKA__BROKERS="$BROKER"
use_broker_client_settings
export WIREFEED__TOPICS__RAW="raw.$RUN_ID" WIREFEED__TOPICS__NORMALIZED="normalized.$RUN_ID"
export WIREFEED__TOPICS__DEDUPED="deduped.$RUN_ID" WIREFEED__TOPICS__DLQ="dlq.$RUN_ID"
export WIREFEED__DATABASE__URL="$DB_URL"
export WIREFEED__KAFKA__STATISTICS_INTERVAL_MS=1000
export WIREFEED__LOG__LEVEL=warn
"$BIN/wirefeed" topics --partitions "$PARTITIONS"
psql "$DB_ADMIN" -qc "CREATE DATABASE \"wirefeed_$RUN_ID\""
"$BIN/wirefeed" migrate 2>/dev/null

# Inputs: each pass's pages under distinct URLs; the latency set is one
# more pass under its own marker.
python3 "$EVAL/make_raw.py" "$EVAL/scrapinghub" >"$BENCH_DIR/pages.jsonl"
# COUNT messages cycling through the pages, each under its own URL.
make_inputs() {
    python3 - "$BENCH_DIR" "$1" "$2" "$3" <<'PY'
import json, sys
d, name, marker, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
pages = [json.loads(l) for l in open(f"{d}/pages.jsonl")]
with open(f"{d}/{name}.jsonl", "w") as out:
    for i in range(n):
        page = pages[i % len(pages)]
        m = dict(page, id=f"{page['id']}-{marker}{i}")
        sep = "&" if "?" in m["url"] else "?"
        m["url"] = f"{m['url']}{sep}wirefeed_bench={marker}{i}"
        out.write(json.dumps(m) + "\n")
PY
}
PAGES=$(wc -l <"$BENCH_DIR/pages.jsonl")
make_inputs throughput t $((PAGES * PASSES))
make_inputs latency l $((PAGES * PASSES))
# Pages the normalizer turns into articles (the rest are dead-lettered).
GOOD_PER_PASS=$("$BIN/wirefeed" normalize <"$BENCH_DIR/pages.jsonl" 2>/dev/null | python3 -c '
import json, sys
print(sum(1 for l in sys.stdin if "error" not in json.loads(l)))')
EXPECTED=$((GOOD_PER_PASS * PASSES))
MESSAGES=$(wc -l <"$BENCH_DIR/throughput.jsonl")

# The limit, measured in this run: the normalize stage alone, one core.
normalize_alone=$(taskset -c 0 "$BIN/wirefeed" bench normalize "$BENCH_DIR/pages.jsonl" --runs 3 |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["normalize_pages_per_s"])')

port=9301
for s in "${SERVICES[@]}"; do
    for r in $(seq 1 "$REPLICAS"); do
        WIREFEED__HTTP__LISTEN="127.0.0.1:$port" WIREFEED__KAFKA__GROUP_ID="$s-$RUN_ID" \
            nohup "$BIN/wirefeed-$s" >"$BENCH_DIR/logs/$s-$r.log" 2>&1 &
        echo $! >"$BENCH_DIR/$s-$r.pid"
        wait_for_port "127.0.0.1:$port" "$s"
        port=$((port + 1))
    done
done
# Every consumer has its partitions before the clock starts.
sleep 5

sql() { psql "$DB_URL" -tAc "$1"; }
wait_for_sightings() {
    local n=$1 deadline=$((SECONDS + 1800))
    while [ "$(sql "SELECT count(*) FROM sightings")" -lt "$n" ]; do
        [ $SECONDS -gt $deadline ] && { echo "timed out waiting for $n sightings" >&2; exit 1; }
        sleep 0.5
    done
}

# CPU ticks (user + system) of every process of the run, of PostgreSQL's
# processes together, and of the whole machine: read before and after the
# throughput phase, they say where the two cores went while it ran.
cpu_snapshot() {
    for f in "$BENCH_DIR"/*.pid; do
        awk -v n="$(basename "$f" .pid)" '{print n, $14 + $15}' "/proc/$(cat "$f")/stat" 2>/dev/null
    done
    for p in $(pgrep -x postgres); do awk '{print "postgresql", $14 + $15}' "/proc/$p/stat" 2>/dev/null; done
    awk '/^cpu / {print "machine", $2 + $3 + $4 + $7 + $8 + $9}' /proc/stat
}
cpu_snapshot >"$BENCH_DIR/cpu.before"
# The clock starts at the first publish, once the producer has read its
# input; the producer's own CPU time is counted apart from the pipeline's.
read -r started producer_cpu < <(python3 - "$BIN/wirefeed" "$BENCH_DIR/throughput.jsonl" <<'PY'
import json, resource, subprocess, sys
out = subprocess.run([sys.argv[1], "produce", sys.argv[2], "--json"], check=True,
                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL).stdout
used = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.loads(out.splitlines()[-1])["first_publish_at"], used.ru_utime + used.ru_stime)
PY
)
wait_for_sightings "$EXPECTED"
cpu_snapshot >"$BENCH_DIR/cpu.after"
finished=$(sql "SELECT extract(epoch FROM max(recorded_at)) FROM sightings")
throughput=$(python3 -c "print(round($EXPECTED / ($finished - $started), 1))")

# Latency at half the measured throughput (messages/s, bad pages included).
rate=$(python3 -c "print(max(1.0, $throughput * $MESSAGES / $EXPECTED / 2))")
"$BIN/wirefeed" produce "$BENCH_DIR/latency.jsonl" --rate "$rate" --stamp-fetched-at >/dev/null 2>&1
wait_for_sightings $((EXPECTED * 2))
read -r p50 p99 < <(sql "SELECT round(percentile_cont(0.5) WITHIN GROUP (ORDER BY l)::numeric, 3),
                                round(percentile_cont(0.99) WITHIN GROUP (ORDER BY l)::numeric, 3)
                         FROM (SELECT extract(epoch FROM recorded_at - fetched_at) AS l
                               FROM sightings WHERE url LIKE '%wirefeed_bench=l%') t" | tr '|' ' ')

soak="null"
if [ -n "${SOAK_SECONDS:-}" ]; then
    count=$(python3 -c "print(int($rate * $SOAK_SECONDS))")
    make_inputs soak s "$count"
    "$BIN/wirefeed" produce "$BENCH_DIR/soak.jsonl" --rate "$rate" >/dev/null 2>&1 &
    producer=$!
    : >"$BENCH_DIR/rss.tsv"
    while kill -0 "$producer" 2>/dev/null; do
        for f in "$BENCH_DIR"/*.pid; do
            printf '%s\t%s\n' "$(basename "$f" .pid)" \
                "$(awk '/VmRSS/ {print $2}' "/proc/$(cat "$f")/status" 2>/dev/null || echo 0)" >>"$BENCH_DIR/rss.tsv"
        done
        sleep 15
    done
    soak=$(python3 - "$BENCH_DIR/rss.tsv" "$SOAK_SECONDS" "$count" <<'PY'
import json, sys
samples = {}
for line in open(sys.argv[1]):
    name, kb = line.split()
    samples.setdefault(name, []).append(int(kb) // 1024)
print(json.dumps({"seconds": int(sys.argv[2]), "messages": int(sys.argv[3]),
                  "rss_mb_first_last_max": {k: [v[0], v[-1], max(v)] for k, v in samples.items()}}))
PY
)
fi

rss=$(for f in "$BENCH_DIR"/*.pid; do
    name=$(basename "$f" .pid)
    kb=$(awk '/VmHWM/ {print $2}' "/proc/$(cat "$f")/status" 2>/dev/null || echo 0)
    echo "\"$name\": $((kb / 1024))"
done | paste -sd, -)

# CPU seconds each process used (user + system), to see where the time goes.
tick=$(getconf CLK_TCK)
cpu=$(for f in "$BENCH_DIR"/*.pid; do
    name=$(basename "$f" .pid)
    secs=$(awk -v t="$tick" '{printf "%.1f", ($14 + $15) / t}' "/proc/$(cat "$f")/stat" 2>/dev/null || echo 0)
    echo "\"$name\": $secs"
done | paste -sd, -)

# CPU milliseconds per stored story in the throughput phase, per process
# (replicas summed); "other" is the rest of the machine's busy time (this
# script's polling, short-lived database sessions).
cpu_ms_per_story=$(python3 - "$BENCH_DIR/cpu.before" "$BENCH_DIR/cpu.after" "$tick" "$EXPECTED" "$producer_cpu" <<'PY'
import json, re, sys
def load(path):
    totals = {}
    for line in open(path):
        name, ticks = line.split()
        name = re.sub(r"-\d+$", "", name)
        totals[name] = totals.get(name, 0) + int(ticks)
    return totals
before, after, tick, stories = load(sys.argv[1]), load(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
used = {k: after[k] - before.get(k, 0) for k in after}
machine = used.pop("machine")
used["producer"] = int(float(sys.argv[5]) * tick)
used["other"] = machine - sum(used.values())
used["all"] = machine
print(json.dumps({k: round(v * 1000 / tick / stories, 2) for k, v in used.items()}))
PY
)

# Extraction alone, per story: one core's time for every page (the good
# and the refused) over the stories they make. The pipeline's own services
# (normalizer, deduplicator, persister: every replica) against it.
read -r extraction_ms own_ms own_ratio < <(python3 - "$cpu_ms_per_story" "$normalize_alone" "$PAGES" "$GOOD_PER_PASS" <<'PY'
import json, sys
per_story, pages_per_s, pages, good = json.loads(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
extraction = 1000 * pages / pages_per_s / good
own = sum(per_story.get(s, 0) for s in ("normalizer", "deduplicator", "persister"))
print(round(extraction, 2), round(own, 2), round(own / extraction, 2))
PY
)

cat <<JSON
{"broker": "$BROKER_KIND", "partitions": $PARTITIONS, "replicas": $REPLICAS, "messages": $MESSAGES, "stories": $EXPECTED, "end_to_end_stories_per_s": $throughput, "normalize_alone_pages_per_s": $normalize_alone, "end_to_end_vs_normalize": $(python3 -c "print(round($throughput / $normalize_alone, 3))"), "latency_rate_msgs_per_s": $(python3 -c "print(round($rate, 1))"), "latency_p50_s": $p50, "latency_p99_s": $p99, "peak_rss_mb": {$rss}, "cpu_seconds": {$cpu}, "throughput_cpu_ms_per_story": $cpu_ms_per_story, "extraction_alone_cpu_ms_per_story": $extraction_ms, "own_services_cpu_ms_per_story": $own_ms, "own_vs_extraction": $own_ratio, "soak": $soak}
JSON
