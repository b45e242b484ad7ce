#!/usr/bin/env bash
# Syndication clusters measured through the running pipeline.
#
#   scripts/syndication-eval.sh [SEED] [STORIES]        (defaults: 21 200)
#
# 1. Builds the syndication set from ../shared/eval (eval/dedup/make_syndication.py:
#    every page as itself, and STORIES stories copied into other sites' real
#    pages with wire prefixes, credit lines, reworded headlines, word edits,
#    dropped paragraphs and truncation to 40-70%; re-publishes under other
#    URLs; updates at the same URL).
# 2. Publishes it with `wirefeed produce` to the broker (Apache Kafka unless
#    WIREFEED_BROKER_KIND=tansu), through the three services (release build,
#    DEDUP_REPLICAS deduplicators, default 1), into a database of its own.
# 3. Reads every stored page's cluster from PostgreSQL (sightings and
#    stories, the tables downstream users query) and scores them against
#    the gold clusters (eval/dedup/score_clusters.py): cluster- and story-
#    level pairwise precision, recall and F1, by kind of copy.
# With SHUFFLE=1 the messages are published in a shuffled order; the
# clusters are kept in .run/syndication/clusters-*.tsv, so two runs can be
# compared (eval/dedup/same_clusters.py).
source "$(dirname "$0")/lib.sh"

SEED=${1:-21}
STORIES=${2:-200}
DEDUP_REPLICAS=${DEDUP_REPLICAS:-1}
RUN_ID="synd$(date +%s)"
OUT="$RUN_DIR/syndication"
WORK="$OUT/$RUN_ID"
BROKER="${SYNDICATION_BROKER:-127.0.0.1:9098}"
DB_ADMIN="${WIREFEED_TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
DB_URL="${DB_ADMIN%/*}/wirefeed_$RUN_ID"
EVAL="${WIREFEED_EVAL_DIR:-$ROOT/../shared/eval}"
BIN="$TARGET_DIR/release"
mkdir -p "$WORK/logs"
RUN_DIR="$WORK"

cleanup() {
    for f in "$WORK"/*-[0-9]*.pid; do [ -e "$f" ] && stop_pidfile "$f"; done
    stop_pidfile "$WORK/broker.pid"
    psql "$DB_ADMIN" -qc "DROP DATABASE IF EXISTS \"wirefeed_$RUN_ID\" WITH (FORCE)" >/dev/null 2>&1 || true
}
trap cleanup EXIT

# lxml for the set builder, in a virtual environment of its own under .run/.
VENV="$OUT/venv"
if ! "$VENV/bin/python" -c "import lxml" 2>/dev/null; then
    log "installing lxml into $VENV"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q --upgrade pip >&2
    "$VENV/bin/pip" install -q "lxml==6.2.0" >&2
fi
SET="$OUT/set-$SEED-$STORIES"
if [ ! -s "$SET/gold.jsonl" ]; then
    log "building the syndication set (seed $SEED, $STORIES stories)"
    "$VENV/bin/python" "$ROOT/eval/dedup/make_syndication.py" "$EVAL" "$SEED" "$STORIES" "$SET"
fi
INPUT="$SET/raw.jsonl"
if [ "${SHUFFLE:-0}" = 1 ]; then
    python3 -c "
import random, sys
lines = open(sys.argv[1], encoding='utf-8').readlines()
random.Random(int(sys.argv[2])).shuffle(lines)
sys.stdout.writelines(lines)" "$INPUT" "$SEED" >"$WORK/raw.jsonl"
    INPUT="$WORK/raw.jsonl"
fi

ensure_postgres
(cd "$ROOT" && cargo build --release --locked --bin wirefeed --bin wirefeed-normalizer \
    --bin wirefeed-deduplicator --bin wirefeed-persister >&2)
start_broker >&2

export WIREFEED__KAFKA__BROKERS="$BROKER"
use_broker_client_settings
export WIREFEED__TOPICS__RAW="raw.$RUN_ID" WIREFEED__TOPICS__NORMALIZED="normalized.$RUN_ID"
export WIREFEED__TOPICS__DEDUPED="deduped.$RUN_ID" WIREFEED__TOPICS__DLQ="dlq.$RUN_ID"
export WIREFEED__DATABASE__URL="$DB_URL"
export WIREFEED__LOG__LEVEL=warn
"$BIN/wirefeed" topics --partitions 3
psql "$DB_ADMIN" -qc "CREATE DATABASE \"wirefeed_$RUN_ID\""
"$BIN/wirefeed" migrate 2>/dev/null

port=9401
start_service() {
    local s=$1 r=$2
    WIREFEED__HTTP__LISTEN="127.0.0.1:$port" WIREFEED__KAFKA__GROUP_ID="$s-$RUN_ID" \
        nohup "$BIN/wirefeed-$s" >"$WORK/logs/$s-$r.log" 2>&1 &
    echo $! >"$WORK/$s-$r.pid"
    wait_for_port "127.0.0.1:$port" "$s"
    port=$((port + 1))
}
start_service normalizer 1
for r in $(seq 1 "$DEDUP_REPLICAS"); do start_service deduplicator "$r"; done
start_service persister 1

# Pages the normalizer refuses go to the dead-letter topic, not to a cluster.
EXPECTED=$("$BIN/wirefeed" normalize <"$INPUT" 2>/dev/null | python3 -c '
import json, sys
print(sum(1 for l in sys.stdin if "error" not in json.loads(l)))')
MESSAGES=$(wc -l <"$INPUT")
log "publishing $MESSAGES pages ($EXPECTED with an article), $DEDUP_REPLICAS deduplicator(s)"
"$BIN/wirefeed" produce "$INPUT" >/dev/null 2>&1

sql() { psql "$DB_URL" -tAc "$1"; }
deadline=$((SECONDS + 1800))
while [ "$(sql "SELECT count(*) FROM sightings")" -lt "$EXPECTED" ]; do
    [ $SECONDS -gt $deadline ] && { echo "timed out: $(sql "SELECT count(*) FROM sightings") of $EXPECTED stored" >&2; exit 1; }
    sleep 1
done
# The persister applies cluster changes to stories already stored: wait
# until what users read agrees with the deduplicator's own state.
agree="SELECT count(*) FROM stories s JOIN dedup_stories d USING (story_id) WHERE s.cluster_id <> d.cluster_id"
while [ "$(sql "$agree")" != 0 ]; do
    [ $SECONDS -gt $deadline ] && { echo "timed out: stories disagree with the deduplicator" >&2; exit 1; }
    sleep 1
done

TAG="seed$SEED-r$DEDUP_REPLICAS-shuffle${SHUFFLE:-0}"
sql "SELECT g.scraper_id, s.cluster_id FROM sightings g JOIN stories s USING (story_id) ORDER BY 1" |
    tr '|' '\t' >"$OUT/clusters-$TAG.tsv"
log "clusters of $(wc -l <"$OUT/clusters-$TAG.tsv") stored pages in $OUT/clusters-$TAG.tsv"
python3 "$ROOT/eval/dedup/score_clusters.py" "$SET/gold.jsonl" "$OUT/clusters-$TAG.tsv" "${SCORE_FORMAT:---text}"
