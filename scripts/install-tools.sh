#!/usr/bin/env bash
# Installs every tool the build and the tests need, each only when missing.
# `install-tools.sh rust` installs only the Rust toolchain: all `make run` needs.
# Idempotent: a second run on a ready machine takes a few seconds.
# Versions are pinned here and in Cargo.lock; see README "Toolchain".
# No cargo-leptos nor wasm-bindgen-cli: the site is built by scripts/build, a
# workspace member that cargo compiles from Cargo.lock like the rest.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '[install-tools] %s\n' "$*"; }

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

install_apt_packages() {
  local missing=()
  command -v chromium >/dev/null || missing+=(chromium)
  command -v npm >/dev/null || missing+=(nodejs npm)
  command -v curl >/dev/null || missing+=(curl)
  command -v psql >/dev/null || missing+=(postgresql-client)
  command -v python3 >/dev/null || missing+=(python3)
  # Browser tests read a mailed link's secret from the SQLite database.
  command -v sqlite3 >/dev/null || missing+=(sqlite3)
  # The deploy drill's TLS proxy gets a certificate made by openssl.
  command -v openssl >/dev/null || missing+=(openssl)
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
# The browser, npm packages and mail server serve the tests and release builds only.
if [ "${1:-}" = rust ]; then log "Rust toolchain present"; exit 0; fi
install_apt_packages
install_aiosmtpd
install_npm_packages
log "all tools present"
