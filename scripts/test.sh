#!/usr/bin/env bash
# Every test: installs what is missing, then formatting and lints, native unit, scenario and property tests,
# the JS API in Node and in headless Chrome, a bounded fuzz run, the packed npm package,
# its types and a bad-input table from JS, and the pages in Chromium.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
bash scripts/setup.sh --test

step "formatting and lints: cargo fmt --check, cargo clippy --all-targets (native, wasm32 and the estimator build) -D warnings"
cargo fmt --check
cargo clippy --all-targets -- -D warnings
cargo clippy --target wasm32-unknown-unknown --all-targets -- -D warnings
cargo clippy --target wasm32-unknown-unknown --lib --no-default-features -- -D warnings # the estimator build

step "native unit and scenario tests: cargo test"
cargo test

step "build the package (pkg/)"
bash scripts/build.sh

step "JS API in Node: wasm-pack test --node"
wasm-pack test --node

step "JS API in Chrome: wasm-pack test --headless --chrome"
CHROMEDRIVER=$(command -v chromedriver) wasm-pack test --headless --chrome

step "bounded fuzzing: 10 s a target (scripts/fuzz.sh for longer runs)"
bash scripts/fuzz.sh 10

step "the npm package and its types, then the pages in Chromium: node --test"
node --test --test-concurrency=1 tests/js/ tests/pages/
