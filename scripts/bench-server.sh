# Sourced by the bench scripts: `start_server PORT` starts the release
# server on DATABASE_URL with demo sign-in and no sign-in limit, stops it
# when the script exits, and returns once it answers; $SERVER is its pid.
start_server() {
  LEPTOS_SITE_ADDR="127.0.0.1:$1" DEMO_SIGN_IN=true AUTH_RATE_LIMIT=100000 RUST_LOG=error \
    "${TARGET:-target}/release/camp-connect" serve &
  SERVER=$!
  trap 'kill "$SERVER" 2>/dev/null || true; rm -rf "${DIR:-/nonexistent}"' EXIT
  for _ in $(seq 1 100); do
    curl -sf "http://127.0.0.1:$1/healthz" >/dev/null && return 0
    sleep 0.2
  done
  echo "the server did not start on port $1" >&2
  return 1
}
