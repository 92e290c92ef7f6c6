#!/usr/bin/env bash
# `make bench`: every benchmark of the project, one line per figure.
# Builds the release server and the size-optimised WASM, seeds the scale
# datasets into fresh SQLite files, and runs:
#   - the WASM's size (raw and gzip -9);
#   - the review pages (scripts/bench-review.sh: 5,000 applications, 16 clients);
#   - the alumni directory search (scripts/bench-alumni.sh: 100,000 profiles,
#     SQLite and PostgreSQL, in-process p50/p95/p99);
#   - the deadline-day load mix (server/examples/load_mix.rs: 500 connections
#     for 60 s over the catalogue, draft saves and submissions) with the
#     server's peak memory (VmHWM) under that load.
# Only 127.0.0.1 is ever targeted. Knobs: BENCH_CONNECTIONS (500),
# BENCH_SECONDS (60), BENCH_REVIEW_N (5000), BENCH_ALUMNI_N (100000).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/bench-server.sh
source scripts/bench-server.sh
export LEPTOS_OUTPUT_NAME=camp-connect
TARGET="${CARGO_TARGET_DIR:-target}"
CONNECTIONS="${BENCH_CONNECTIONS:-500}"
SECONDS_="${BENCH_SECONDS:-60}"
PORT="${BENCH_PORT:-3191}"

echo "== build (release) =="
env -u RUSTFLAGS PATH="$PWD/end2end/node_modules/.bin:$PATH" cargo leptos build --release >/dev/null
RUSTFLAGS="--cfg erase_components" cargo build --release -p camp-connect --examples --bin camp-connect 2>&1 | tail -1

echo "== WASM =="
WASM="$TARGET/site/pkg/camp-connect.wasm"
echo "wasm size: $(stat -c %s "$WASM") bytes, gzip -9 $(gzip -9 -c "$WASM" | wc -c) bytes"

echo "== review pages =="
bash scripts/bench-review.sh "${BENCH_REVIEW_N:-5000}" 50 | grep -E "clients|count"

echo "== alumni directory search =="
bash scripts/bench-alumni.sh "${BENCH_ALUMNI_N:-100000}" 20 | grep -vE "^\s*(Compiling|Finished)"

echo "== deadline-day load mix =="
DIR="$(mktemp -d)"
trap 'rm -rf "$DIR"' EXIT
export DATABASE_URL="sqlite://$DIR/load.db"
"$TARGET/release/camp-connect" seed --scale "$CONNECTIONS" >/dev/null
ulimit -n 65536 2>/dev/null || true
start_server "$PORT"
echo "server memory before load: $(grep VmRSS /proc/$SERVER/status | awk '{print $2, $3}')"
"$TARGET/release/examples/load_mix" "127.0.0.1:$PORT" "$CONNECTIONS" "$SECONDS_"
echo "server memory: peak $(grep VmHWM /proc/$SERVER/status | awk '{print $2, $3}') under $CONNECTIONS connections, $(grep VmRSS /proc/$SERVER/status | awk '{print $2, $3}') after"
