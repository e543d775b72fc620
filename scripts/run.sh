#!/usr/bin/env bash
# The main job: installs what is missing, builds the WASM package, serves the pages.
# Usage: scripts/run.sh [port]   (default 8080)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bash "$ROOT/scripts/setup.sh"
bash "$ROOT/scripts/build.sh"
step "serving www/ (Ctrl-C stops)"
exec node "$ROOT/scripts/serve.mjs" "${1:-8080}"
