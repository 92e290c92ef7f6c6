#!/usr/bin/env bash
# The review benchmark: a release build, `seed --scale 5000` into a fresh
# SQLite file, the server, then 16 concurrent clients over the reviewer
# queue, the organiser's ranking page and the selection meeting (its
# ranking plain, searched and filtered, and its application view)
# (p50/p95/p99/max per page; the meeting's target is p99 < 50 ms).
# Usage: scripts/bench-review.sh [N applications, default 5000] [requests per client, default 50]
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/bench-server.sh
source scripts/bench-server.sh
N="${1:-5000}"
PER="${2:-50}"
PORT="${BENCH_PORT:-3190}"
export LEPTOS_OUTPUT_NAME=camp-connect RUSTFLAGS="--cfg erase_components"
TARGET="${CARGO_TARGET_DIR:-target}"
cargo build --release -p camp-connect --example bench_review --bin camp-connect
DIR="$(mktemp -d)"
trap 'rm -rf "$DIR"' EXIT
export DATABASE_URL="sqlite://$DIR/bench.db"
echo "seeding $N applications…"
SEEDED="$("$TARGET/release/camp-connect" seed --scale "$N" | tail -1)"
echo "$SEEDED"
TRACK="$(sed -E 's/.*track_id: ([0-9]+).*/\1/' <<<"$SEEDED")"
start_server "$PORT"
"$TARGET/release/examples/bench_review" "127.0.0.1:$PORT" "$TRACK" "$PER"
