#!/usr/bin/env bash
# The directory benchmark: a release build, `seed --scale-alumni N` into a
# fresh SQLite file and a fresh PostgreSQL database, then the in-process
# search (the directory server function's work: search, the page's
# profiles, their views) as the public and as the community: p50/p95/p99.
# Usage: scripts/bench-alumni.sh [N alumni, default 100000] [rounds, default 20]
# PostgreSQL: TEST_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/postgres);
# skipped when it does not answer.
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-100000}"
ROUNDS="${2:-20}"
export LEPTOS_OUTPUT_NAME=camp-connect RUSTFLAGS="--cfg erase_components"
TARGET="${CARGO_TARGET_DIR:-target}"
cargo build --release -p camp-connect --example bench_alumni --bin camp-connect
DIR="$(mktemp -d)"
ADMIN="${TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
PGDB="bench_alumni_$$"
cleanup() {
  rm -rf "$DIR"
  psql "$ADMIN" -qc "DROP DATABASE IF EXISTS $PGDB" >/dev/null 2>&1 || true
}
trap cleanup EXIT

run() {
  echo "== $1: seeding $N alumni…"
  /usr/bin/time -f "seeded in %e s" env DATABASE_URL="$2" "$TARGET/release/camp-connect" seed --scale-alumni "$N" | tail -1
  DATABASE_URL="$2" "$TARGET/release/examples/bench_alumni" "$ROUNDS"
}

run sqlite "sqlite://$DIR/bench.db"
if psql "$ADMIN" -qc "CREATE DATABASE $PGDB" >/dev/null 2>&1; then
  run postgres "${ADMIN%/*}/$PGDB"
else
  echo "== postgres: not reachable at $ADMIN, skipped"
fi
