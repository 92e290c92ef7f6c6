#!/usr/bin/env bash
# Installs every tool the build and the tests need, each only when missing.
# Idempotent: a second run on a ready machine takes a few seconds.
# Versions are pinned here and in Cargo.lock; see README "Toolchain".
set -euo pipefail
cd "$(dirname "$0")/.."

CARGO_LEPTOS_VERSION=0.3.11
# cargo-leptos 0.3.11's lock file needs rustc >= 1.96 (cargo-util-schemas 0.14.2).
CARGO_LEPTOS_RUSTC=1.96.0

log() { printf '[install-tools] %s\n' "$*"; }

# The wasm-bindgen-cli must equal the wasm-bindgen crate in Cargo.lock exactly.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

# The toolchain named in rust-toolchain.toml, with the WASM target, rustfmt and clippy.
install_rust_toolchain() {
  local channel
  channel=$(sed -n 's/^channel = "\(.*\)"/\1/p' rust-toolchain.toml)
  if ! rustup run "$channel" rustc --version >/dev/null 2>&1 \
     || ! rustup target list --toolchain "$channel" --installed | grep -qx wasm32-unknown-unknown \
     || ! rustup component list --toolchain "$channel" --installed | grep -q '^clippy' \
     || ! rustup component list --toolchain "$channel" --installed | grep -q '^rustfmt'; then
    log "installing Rust $channel with wasm32-unknown-unknown, rustfmt and clippy"
    rustup toolchain install "$channel" --profile minimal \
      --component rustfmt --component clippy --target wasm32-unknown-unknown
  fi
}

install_cargo_leptos() {
  if cargo leptos --version 2>/dev/null | grep -q "$CARGO_LEPTOS_VERSION"; then return; fi
  log "installing cargo-leptos $CARGO_LEPTOS_VERSION (about 10 minutes on 2 cores)"
  rustup toolchain install "$CARGO_LEPTOS_RUSTC" --profile minimal
  # no_downloads: cargo-leptos must never try to fetch wasm-opt/sass/tailwind at build time.
  cargo "+$CARGO_LEPTOS_RUSTC" install cargo-leptos --version "$CARGO_LEPTOS_VERSION" \
    --locked --features no_downloads
}

install_wasm_bindgen() {
  local want
  want=$(wasm_bindgen_version)
  if wasm-bindgen --version 2>/dev/null | grep -q " $want\$"; then return; fi
  log "installing wasm-bindgen-cli $want"
  # `cargo install --locked` fails: its lock wants webpki-roots 1.0.11, which the
  # registry does not serve. Let cargo unpack the source, pin webpki-roots, build it.
  cargo install wasm-bindgen-cli --version "$want" --locked >/dev/null 2>&1 || true
  local src
  src=$(ls -d "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/wasm-bindgen-cli-"$want" | head -n 1)
  local tmp
  tmp=$(mktemp -d)
  cp -r "$src" "$tmp/src"
  (cd "$tmp/src" && cargo update -p webpki-roots --precise 1.0.10 && cargo install --path . --locked)
  rm -rf "$tmp"
}

install_apt_packages() {
  local missing=()
  command -v chromium >/dev/null || missing+=(chromium)
  command -v npm >/dev/null || missing+=(nodejs npm)
  command -v curl >/dev/null || missing+=(curl)
  command -v psql >/dev/null || missing+=(postgresql-client)
  command -v python3 >/dev/null || missing+=(python3)
  if [ ${#missing[@]} -gt 0 ]; then
    log "apt-get install ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

# aiosmtpd: the real SMTP server the mail tests deliver to (server/tests/it/common/smtp.rs).
AIOSMTPD_VERSION=1.4.6
install_aiosmtpd() {
  if python3 -c 'import aiosmtpd' >/dev/null 2>&1; then return; fi
  log "installing aiosmtpd $AIOSMTPD_VERSION (pip)"
  if ! python3 -m pip install --quiet "aiosmtpd==$AIOSMTPD_VERSION"; then
    # Debian's own python3 refuses pip installs (PEP 668): use Debian's package.
    log "pip refused; apt-get install python3-aiosmtpd"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-aiosmtpd >/dev/null
  fi
}

install_npm_packages() {
  # binaryen (wasm-opt) for release builds and Playwright for the browser tests.
  if [ ! -x end2end/node_modules/.bin/wasm-opt ] || [ ! -d end2end/node_modules/@playwright/test ] \
     || [ end2end/package-lock.json -nt end2end/node_modules/.package-lock.json ]; then
    log "npm ci in end2end/"
    (cd end2end && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
  fi
}

install_rust_toolchain
install_apt_packages
install_aiosmtpd
install_npm_packages
install_wasm_bindgen
install_cargo_leptos
log "all tools present"
