# Camp Connect: `make run` serves the demo, `make test` runs every test.
# Both install what is missing first (scripts/install-tools.sh) and are fast
# when everything is in place.

SHELL := /bin/bash
.DEFAULT_GOAL := run

# The build (scripts/build) uses these for debug builds; the tests use the
# same so they reuse the build's artifacts instead of compiling ~300 crates
# a second time.
export RUSTFLAGS := --cfg erase_components
export LEPTOS_OUTPUT_NAME := camp-connect

DATABASE_URL ?= sqlite://data/camp-connect.db
export DATABASE_URL
BIN := target/debug/camp-connect

.PHONY: run test tools toolchain build release bench unit-test integration-test e2e lint fmt clean

## run: install Rust if missing, build, migrate and seed the demo database, serve on
## http://127.0.0.1:3000 with demo sign-in on (one account per role, see /sign-in)
run: toolchain build
	$(BIN) seed --demo
	DEMO_SIGN_IN=true $(BIN) serve

## test: lint, unit and integration tests (SQLite and PostgreSQL), browser tests (JS on and off)
test: tools lint unit-test integration-test e2e

tools:
	@bash scripts/install-tools.sh

# Only what `make run` needs: a fresh machine serves without first installing
# chromium, Playwright and the mail server the tests use.
toolchain:
	@bash scripts/install-tools.sh rust

# Our own build tool (scripts/build, about 40 CPU-seconds to compile) does
# what `cargo leptos build` does, so a fresh machine does not compile
# cargo-leptos and wasm-bindgen-cli (~24 minutes). It keeps the
# RUSTFLAGS above for debug builds: the server build and `cargo test` share
# their artifacts. `cargo leptos build`/`watch` still work for those who have
# it installed: the settings stay in Cargo.toml's [[workspace.metadata.leptos]]
# (run it with `env -u RUSTFLAGS`: it adds `--cfg erase_components` itself).
build:
	cargo run -p camp-connect-build -- build

## release: the optimised server and the size-optimised WASM (wasm-opt from npm's binaryen)
# The tool drops `--cfg erase_components` for release builds, as cargo-leptos does.
release: tools
	cargo run -p camp-connect-build -- build --release

## bench: release build, scale seeds, every benchmark (WASM size, review pages, deadline-day load, memory)
bench: tools
	bash scripts/bench.sh

# The build tool is linted on its own: its wasm-bindgen dependencies turn on
# features (serde for indexmap/hashbrown) that, unified into the workspace's
# graph, would rebuild most of it a second time.
lint:
	cargo fmt --all -- --check
	cargo clippy --workspace --exclude camp-connect-build --all-targets -- -D warnings
	cargo clippy -p camp-connect-build --all-targets -- -D warnings
	cargo clippy -p camp-connect-app --lib --target wasm32-unknown-unknown --features hydrate -- -D warnings

# Time limits turn a hung test into a clear failure instead of a stuck CI run.
# The build tool is tested apart, for the same reason as in `lint`.
unit-test:
	timeout 20m cargo test --workspace --exclude camp-connect-build --lib --bins
	timeout 5m cargo test -p camp-connect-build

integration-test:
	timeout 30m cargo test -p camp-connect --test it

e2e: build
	cd end2end && npx playwright test

fmt:
	cargo fmt --all

clean:
	cargo clean
	rm -rf data end2end/.tmp end2end/test-results
