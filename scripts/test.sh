#!/usr/bin/env bash
# Runs every test against a real broker and PostgreSQL: starts (and, when
# missing, installs) the broker, makes sure PostgreSQL is up, then runs the
# workspace's tests. Extra arguments go to `cargo test`.
source "$(dirname "$0")/lib.sh"

start_broker
ensure_postgres
export WIREFEED_TEST_BROKERS="$BROKER"
export WIREFEED_TEST_DATABASE_URL="${WIREFEED_TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
# #[sqlx::test] creates a fresh database per test through this server.
export DATABASE_URL="${DATABASE_URL:-$WIREFEED_TEST_DATABASE_URL}"
cd "$ROOT"
cargo test --workspace "$@"
