# Camp Connect: `make run` serves the demo, `make test` runs every test.
# Both install what is missing first (scripts/install-tools.sh) and are fast
# when everything is in place.

SHELL := /bin/bash
.DEFAULT_GOAL := run

# cargo-leptos builds with these; the tests use the same so they reuse the
# build's artifacts instead of compiling ~300 crates a second time.
export RUSTFLAGS := --cfg erase_components
export LEPTOS_OUTPUT_NAME := camp-connect

DATABASE_URL ?= sqlite://data/camp-connect.db
export DATABASE_URL
BIN := target/debug/camp-connect

.PHONY: run test tools build release bench unit-test integration-test e2e lint fmt clean

## run: install tools, build, migrate and seed the demo database, serve on http://127.0.0.1:3000
## with demo sign-in on (one account per role, see /sign-in)
run: tools build
	$(BIN) seed --demo
	DEMO_SIGN_IN=true $(BIN) serve

## test: lint, unit and integration tests (SQLite and PostgreSQL), browser tests (JS on and off)
test: tools lint unit-test integration-test e2e

tools:
	@bash scripts/install-tools.sh

# cargo-leptos adds `--cfg erase_components` to the RUSTFLAGS it finds, so
# it runs without ours: the flags then match the tests' exactly and the
# server build reuses what `cargo test` compiled instead of redoing it all.
build:
	env -u RUSTFLAGS cargo leptos build

## release: the optimised server and the size-optimised WASM (wasm-opt from npm's binaryen)
release: tools
	env -u RUSTFLAGS PATH="$(CURDIR)/end2end/node_modules/.bin:$$PATH" cargo leptos build --release

## bench: release build, scale seeds, every benchmark (WASM size, review pages, deadline-day load, memory)
bench: tools
	bash scripts/bench.sh

lint:
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy -p camp-connect-app --lib --target wasm32-unknown-unknown --features hydrate -- -D warnings

# Time limits turn a hung test into a clear failure instead of a stuck CI run.
unit-test:
	timeout 20m cargo test --workspace --lib --bins

integration-test:
	timeout 30m cargo test -p camp-connect --test it

e2e: build
	cd end2end && npx playwright test

fmt:
	cargo fmt --all

clean:
	cargo clean
	rm -rf data end2end/.tmp end2end/test-results
