#!/usr/bin/env bash
# Installs what building (and, with --test, testing) needs; skips what is there.
# Usage: scripts/setup.sh [--test]
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

WASM_PACK_VERSION=0.15.1
BINDGEN_VERSION=$(wasm_bindgen_version)
with_browser=false
[ "${1:-}" = "--test" ] && with_browser=true

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

if [ "$(wasm-pack --version 2>/dev/null)" != "wasm-pack $WASM_PACK_VERSION" ]; then
  step "cargo install wasm-pack $WASM_PACK_VERSION (about 3 minutes)"
  cargo install wasm-pack --version "$WASM_PACK_VERSION"
fi

if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $BINDGEN_VERSION" ]; then
  step "cargo install wasm-bindgen-cli $BINDGEN_VERSION (about 7 minutes)"
  # No --locked: its lock file pins a crate version that is gone (shared/TOOLCHAIN.md).
  cargo install wasm-bindgen-cli --version "$BINDGEN_VERSION" --force
fi

if [ ! -x "$ROOT/tools/node_modules/.bin/wasm-opt" ] || [ ! -x "$ROOT/tools/node_modules/.bin/tsc" ] \
   || [ ! -d "$ROOT/tools/node_modules/playwright-core" ] || [ ! -f "$ROOT/tools/node_modules/axe-core/axe.min.js" ] \
   || [ ! -d "$ROOT/tools/node_modules/decimal.js" ]; then
  step "npm ci in tools/ (binaryen's wasm-opt, typescript, playwright-core, axe-core, decimal.js for the benchmark)"
  (cd "$ROOT/tools" && npm ci --no-audit --no-fund)
fi

if $with_browser && { ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; }; then
  step "apt-get install chromium chromium-driver"
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y chromium chromium-driver
fi
