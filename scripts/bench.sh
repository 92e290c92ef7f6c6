#!/usr/bin/env bash
# `make bench`: every benchmark of the project, one line per figure.
# Builds the release server and the size-optimised WASM, seeds the scale
# datasets into fresh SQLite files, and runs:
#   - the WASM's size (raw and gzip -9);
#   - each page type's first load on a phone (end2end/scripts/page-weight.mjs:
#     JS+WASM bytes transferred and time to interactive, 4x CPU, Slow 4G);
#   - the review pages (scripts/bench-review.sh: 5,000 applications, 16 clients);
#   - an announcement to 5,004 recipients saved and queued in one request each,
#     SQLite and PostgreSQL (the integration test `announcements::queue_5000`,
#     ignored in `make test` because it is a timing, not a check);
#   - the alumni directory search (scripts/bench-alumni.sh: 100,000 profiles,
#     SQLite and PostgreSQL, in-process p50/p95/p99);
#   - the public directory page with a search term (server/examples/load_mix.rs
#     `directory`: 64 clients for 30 s over 100,000 profiles);
#   - the deadline-day load mix (load_mix `deadline`: 500 connections for
#     60 s over the catalogue, the directory, draft saves and submissions)
#     with the server's peak memory (VmHWM) under that load.
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
# scripts/build: release server and size-optimised WASM (wasm-opt from end2end/node_modules).
RUSTFLAGS="--cfg erase_components" cargo run -q -p camp-connect-build -- build --release >/dev/null
RUSTFLAGS="--cfg erase_components" cargo build --release -p camp-connect --examples --bin camp-connect 2>&1 | tail -1

echo "== WASM =="
# Named after its content: the hash file beside the server binary says which.
WASM="$TARGET/site/pkg/camp-connect.$(sed -n 's/^wasm: *//p' "$TARGET/release/hash.txt").wasm"
echo "wasm size: $(stat -c %s "$WASM") bytes, gzip -9 $(stat -c %s "$WASM.gz") bytes, brotli 11 $(stat -c %s "$WASM.br") bytes (as served)"

echo "== page weight (first load on a phone) =="
WEIGHT="$(mktemp -d)"
DATABASE_URL="sqlite://$WEIGHT/demo.db" "$TARGET/release/camp-connect" seed --demo >/dev/null
DATABASE_URL="sqlite://$WEIGHT/demo.db" start_server "$PORT"
(cd end2end && node scripts/page-weight.mjs "http://127.0.0.1:$PORT")
kill "$SERVER"; wait "$SERVER" 2>/dev/null || true
rm -rf "$WEIGHT"

echo "== announcement to 5,004 recipients (one request each) =="
RUSTFLAGS="--cfg erase_components" cargo test -q -p camp-connect --test it -- announcements::queue_5000 --ignored --nocapture 2>&1 \
  | grep -E "recipients|test result"

echo "== review pages =="
bash scripts/bench-review.sh "${BENCH_REVIEW_N:-5000}" 50 | grep -E "clients|count"

echo "== alumni directory search =="
bash scripts/bench-alumni.sh "${BENCH_ALUMNI_N:-100000}" 20 | grep -vE "^\s*(Compiling|Finished)"

echo "== directory page and deadline-day load mix =="
DIR="$(mktemp -d)"
trap 'rm -rf "$DIR"' EXIT
export DATABASE_URL="sqlite://$DIR/load.db"
"$TARGET/release/camp-connect" seed --scale "$CONNECTIONS" >/dev/null
"$TARGET/release/camp-connect" seed --scale-alumni "${BENCH_ALUMNI_N:-100000}" >/dev/null
ulimit -n 65536 2>/dev/null || true
start_server "$PORT"
# The directory index loads in the background after the start; a first
# search waits for it, so the measured runs do not.
curl -sf "http://127.0.0.1:$PORT/alumni?q=warm" >/dev/null
echo "server memory before load (directory index loaded): $(grep VmRSS /proc/$SERVER/status | awk '{print $2, $3}')"
echo "-- public directory page with a search term, 64 clients, 30 s"
"$TARGET/release/examples/load_mix" "127.0.0.1:$PORT" 64 30 directory
echo "-- deadline-day mix, $CONNECTIONS connections, $SECONDS_ s"
"$TARGET/release/examples/load_mix" "127.0.0.1:$PORT" "$CONNECTIONS" "$SECONDS_"
echo "server memory: peak $(grep VmHWM /proc/$SERVER/status | awk '{print $2, $3}') under $CONNECTIONS connections, $(grep VmRSS /proc/$SERVER/status | awk '{print $2, $3}') after"
