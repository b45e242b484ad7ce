#!/usr/bin/env bash
# Runs every test against a real broker and PostgreSQL: starts (and, when
# missing, installs) PostgreSQL and the broker (Apache Kafka unless
# WIREFEED_BROKER_KIND=tansu; an existing one on WIREFEED_BROKER is used as
# it is), then runs the workspace's tests. Extra arguments go to `cargo test`.
source "$(dirname "$0")/lib.sh"

ensure_postgres
start_broker
export WIREFEED_TEST_BROKERS="$BROKER"
export WIREFEED_TEST_DATABASE_URL="${WIREFEED_TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
# #[sqlx::test] creates a fresh database per test through this server.
export DATABASE_URL="${DATABASE_URL:-$WIREFEED_TEST_DATABASE_URL}"
cd "$ROOT"
cargo test --workspace "$@"
