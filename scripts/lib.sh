# Shared helpers for wirefeed's scripts (sourced, not run).
# Everything a run leaves (broker data, logs, pids) goes under .run/.

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUN_DIR="${WIREFEED_RUN_DIR:-$ROOT/.run}"
# Where cargo puts what it builds (CI keeps it between runs on one machine).
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
BROKER="${WIREFEED_BROKER:-127.0.0.1:9092}"
TANSU_VERSION="0.6.0"
CARGO_DENY_VERSION="0.20.2"
export PATH="$HOME/.cargo/bin:$PATH"
mkdir -p "$RUN_DIR"

# The broker the scripts start when none answers on $BROKER: Apache Kafka
# (the default, the broker users deploy) or tansu (a second, Rust-built
# Kafka-compatible broker, selected with WIREFEED_BROKER_KIND=tansu).
BROKER_KIND="${WIREFEED_BROKER_KIND:-kafka}"
KAFKA_VERSION=$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$ROOT/deploy/kafka/pom.xml")
# The broker's jars, copied from the Maven cache (~/.m2) on first use.
KAFKA_LIB="${WIREFEED_KAFKA_LIB:-$RUN_DIR/kafka-$KAFKA_VERSION/lib}"

# Clients of the tansu broker send their records uncompressed. tansu
# decompresses every batch it receives and stores the records inflated,
# so compression saves it no storage and costs it CPU: on the end-to-end
# benchmark, lz4 doubled the broker's CPU time and halved the stories
# per second (docs/measurements.md). Against Apache Kafka, which keeps
# batches compressed, the services' default (lz4) stays.
use_broker_client_settings() {
    if [ "$BROKER_KIND" = tansu ]; then
        export WIREFEED__KAFKA__PROPERTIES__COMPRESSION_TYPE="${WIREFEED__KAFKA__PROPERTIES__COMPRESSION_TYPE:-none}"
    fi
}

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

apt_install() {
    log "installing $* (Debian packages)"
    if [ -z "${WIREFEED_APT_UPDATED:-}" ]; then
        apt-get update -qq
        WIREFEED_APT_UPDATED=1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# The Kafka-compatible broker for hosts without Apache Kafka. Built from
# crates.io when missing (about 15 minutes on 2 cores, once per machine).
ensure_tansu() {
    if command -v tansu >/dev/null 2>&1 && tansu --version 2>/dev/null | grep -q "$TANSU_VERSION"; then
        return
    fi
    log "installing the tansu broker $TANSU_VERSION (one-time build)"
    cargo install tansu --version "$TANSU_VERSION" --locked --features libsql,dynostore
}

# Apache Kafka's jars from Maven Central (deploy/kafka/pom.xml): about
# 55 MB, fetched once into ~/.m2 and copied under .run/. Java 17 and Maven
# come from Debian's packages when missing.
ensure_kafka() {
    command -v java >/dev/null 2>&1 || apt_install openjdk-17-jre-headless
    [ -f "$KAFKA_LIB/.complete" ] && return
    command -v mvn >/dev/null 2>&1 || apt_install maven
    log "fetching Apache Kafka $KAFKA_VERSION from Maven Central (cached in ~/.m2)"
    rm -rf "$KAFKA_LIB"
    # Maven's output goes to a log, shown only when it fails.
    if ! mvn -q -B -Dstyle.color=never -f "$ROOT/deploy/kafka/pom.xml" dependency:copy-dependencies \
        -DincludeScope=runtime -DoutputDirectory="$KAFKA_LIB" >"$RUN_DIR/maven.log" 2>&1; then
        cat "$RUN_DIR/maven.log" >&2
        return 1
    fi
    touch "$KAFKA_LIB/.complete"
}

# Java's arguments for Kafka's classes, logging under DIR/logs: sets the
# array KAFKA_JVM.
kafka_jvm_args() {
    local dir=$1
    # shellcheck disable=SC2206 # KAFKA_HEAP_OPTS holds several options
    KAFKA_JVM=(${KAFKA_HEAP_OPTS:--Xms256m -Xmx1g} -XX:+UseG1GC -XX:MaxGCPauseMillis=20
        -Djava.awt.headless=true
        -Dlog4j2.configurationFile="$ROOT/deploy/kafka/log4j2.properties" -Dkafka.logs.dir="$dir/logs"
        -cp "$KAFKA_LIB/*")
}

# Starts a single-node KRaft broker (broker and controller in one process)
# on ADDR, with its controller on the next port, its configuration, data
# and logs under DIR; the storage is formatted on first start and kept
# across restarts. Writes the broker's pid to PIDFILE.
start_kafka() {
    local addr=$1 dir=$2 pidfile=$3
    local host=${addr%:*} port=${addr#*:}
    ensure_kafka
    mkdir -p "$dir/data" "$dir/logs"
    sed -e "s#@LISTEN@#$addr#g" -e "s#@CONTROLLER@#$host:$((port + 1))#g" -e "s#@DATA@#$dir/data#g" \
        "$ROOT/deploy/kafka/server.properties" >"$dir/server.properties"
    kafka_jvm_args "$dir"
    if [ ! -f "$dir/data/meta.properties" ]; then
        local cluster
        cluster=$(java "${KAFKA_JVM[@]}" kafka.tools.StorageTool random-uuid)
        java "${KAFKA_JVM[@]}" kafka.tools.StorageTool format -t "$cluster" -c "$dir/server.properties" >/dev/null
    fi
    log "starting Apache Kafka $KAFKA_VERSION on $addr (data and logs in $dir)"
    # fd 9 may be a caller's lock (tests/fault/run.sh): the broker must not
    # keep it open for its whole life.
    nohup java "${KAFKA_JVM[@]}" kafka.Kafka "$dir/server.properties" >>"$dir/logs/stdout.log" 2>&1 9>&- &
    echo $! >"$pidfile"
    wait_for_port "$addr" "Apache Kafka" 600
}

# The dependency checker CI runs (licenses, bans, sources, advisories).
ensure_cargo_deny() {
    command -v cargo-deny >/dev/null 2>&1 && return
    log "installing cargo-deny (one-time build)"
    cargo install cargo-deny --version "$CARGO_DENY_VERSION" --locked
}

port_open() { (exec 3<>"/dev/tcp/${1%:*}/${1#*:}") 2>/dev/null; }

# Waits for ADDR to accept connections, TRIES times 0.2 s (default 100).
wait_for_port() {
    local addr=$1 what=$2 tries=${3:-100}
    for _ in $(seq 1 "$tries"); do
        port_open "$addr" && return 0
        sleep 0.2
    done
    echo "$what did not open $addr" >&2
    return 1
}

# Starts the broker (Apache Kafka, or tansu with WIREFEED_BROKER_KIND=tansu)
# with durable storage under .run/ unless one already answers on $BROKER:
# point WIREFEED_BROKER at an existing cluster and nothing is started.
start_broker() {
    if port_open "$BROKER"; then
        log "broker already listening on $BROKER"
        return
    fi
    case $BROKER_KIND in
        kafka) start_kafka "$BROKER" "$RUN_DIR/kafka" "$RUN_DIR/broker.pid" ;;
        tansu) start_tansu "$BROKER" "$RUN_DIR/broker" "$RUN_DIR/broker.pid" ;;
        *) echo "WIREFEED_BROKER_KIND must be kafka or tansu, not $BROKER_KIND" >&2; return 1 ;;
    esac
}

# Starts tansu on ADDR with its sqlite storage under DIR; pid to PIDFILE.
start_tansu() {
    local addr=$1 dir=$2 pidfile=$3
    ensure_tansu
    mkdir -p "$dir"
    log "starting tansu on $addr (storage: ${WIREFEED_BROKER_STORAGE:-sqlite://tansu.db} in $dir)"
    # The sqlite path is taken relative to the broker's working directory.
    # The pid written must be the broker's own, not a subshell's.
    (
        cd "$dir"
        nohup tansu broker \
            --listener-url "tcp://$addr" --advertised-listener-url "tcp://$addr" \
            --storage-engine "${WIREFEED_BROKER_STORAGE:-sqlite://tansu.db}" >>"$dir/broker.log" 2>&1 9>&- &
        echo $! >"$pidfile"
    )
    wait_for_port "$addr" "the broker"
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

# PostgreSQL must be reachable. When the URL names this machine and
# nothing answers there, the scripts bring up a local cluster: PostgreSQL
# from Debian's packages when missing, its `main` cluster started, and
# password-less (trust) connections allowed from this machine only, as the
# README's default URL expects. A server elsewhere is the operator's.
ensure_postgres() {
    local url=${WIREFEED__DATABASE__URL:-postgres://postgres@127.0.0.1:5432/wirefeed}
    local hostport=${url#*@}; hostport=${hostport%%/*}
    port_open "$hostport" && return
    case ${hostport%:*} in
        127.0.0.1|localhost) ;;
        *) wait_for_port "$hostport" "PostgreSQL"; return ;;
    esac
    command -v pg_ctlcluster >/dev/null 2>&1 || apt_install postgresql
    local version
    version=$(ls /usr/lib/postgresql | sort -V | tail -n1)
    if [ ! -d "/etc/postgresql/$version/main" ]; then
        pg_createcluster "$version" main >/dev/null
    fi
    local hba="/etc/postgresql/$version/main/pg_hba.conf"
    if ! grep -q "^# wirefeed: local" "$hba"; then
        log "PostgreSQL $version: allowing password-less connections from this machine ($hba)"
        { printf '# wirefeed: local test and development cluster\nhost all all 127.0.0.1/32 trust\nhost all all ::1/128 trust\n'; cat "$hba"; } >"$hba.new"
        chown --reference="$hba" "$hba.new"; chmod --reference="$hba" "$hba.new"
        mv "$hba.new" "$hba"
    fi
    log "starting the local PostgreSQL $version cluster"
    pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
    wait_for_port "$hostport" "PostgreSQL" 300
}

# Restarts the local cluster that ensure_postgres starts (the fault test).
restart_postgres() {
    pg_ctlcluster --skip-systemctl-redirect "$(ls /usr/lib/postgresql | sort -V | tail -n1)" main restart
}

# psql, for creating the database and showing rows; installed when missing.
ensure_psql() {
    command -v psql >/dev/null 2>&1 && return
    apt_install postgresql-client
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
