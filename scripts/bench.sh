#!/usr/bin/env bash
# The benchmark: prints, from one run on this machine, compare() per call natively and
# through the JS API in Node, a plain-JS baseline and its wrong cents, an exact decimal.js
# peer (checked equal to the engine on 10,000 random mixes) and the ratios between them, the simulator's
# events per second natively and in WASM (events generated in the core and passed from
# JS), a 1,000,000-row CSV export read into a UsageLog, simulated and backtested natively
# and in WASM, the release .wasm and JS glue sizes, raw and gzipped, and the time of the largest
# input each entry point accepts (scripts/limits.mjs) and the time to first numbers on each
# page under Fast 3G (scripts/first-numbers.mjs). Figures are printed,
# never asserted.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
bash scripts/setup.sh --test   # Chromium too, for the page timings
echo "date: $(date -u +%Y-%m-%dT%H:%MZ)"
echo "machine: $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1), $(free -g | awk '/Mem:/ {print $2}') GiB; $(rustc --version); node $(node --version)"
# One 1,000,000-row export (scripts/big-export.mjs) for the native and the WASM UsageLog figures.
export BIG_CSV="${TMPDIR:-/tmp}/hoopai-bench-1m.csv"
node --input-type=module -e "import { bigExport } from '$ROOT/scripts/big-export.mjs'; import { writeFileSync } from 'node:fs'; writeFileSync(process.env.BIG_CSV, bigExport(1_000_000));"
step "native (cargo run --release --example bench)"
cargo run --quiet --release --example bench
step "build the release package"
bash scripts/build.sh | sed -n '/sizes/,$p'
step "what the estimator's page loads (gzip -9): the bindings, the .wasm and the entry point's JS"
for f in pkg/estimator/web/{hoopai_billing_bg.wasm,hoopai_billing.js,index.js,recovery.mjs,web-start.mjs}; do
  printf '  %-44s %8d bytes gzip -9\n' "$f" "$(gzip -9 -c "$f" | wc -c)"
done
step "where the estimator's bytes go (twiggy, on the same build with names: scripts/size-parts.mjs)"
command -v twiggy >/dev/null || cargo install --quiet --locked twiggy
names="${TMPDIR:-/tmp}/hoopai-estimator-names"
wasm-bindgen --target web --out-dir "$names" target/wasm32-unknown-unknown/estimator/hoopai_billing.wasm
node scripts/size-parts.mjs "$names/hoopai_billing_bg.wasm"
step "WASM in Node (scripts/bench.mjs)"
node scripts/bench.mjs
step "a 1,000,000-row CSV export as a UsageLog in WASM, in Node (scripts/bench-log.mjs)"
node scripts/bench-log.mjs
step "the dashboard on that export in Chromium: time to numbers, longest frame gap (scripts/dashboard-big.mjs)"
node scripts/dashboard-big.mjs
step "the largest accepted input of each entry point, in Node (scripts/limits.mjs)"
node scripts/limits.mjs
step "time to first numbers on each page under Chromium's Fast 3G profile (scripts/first-numbers.mjs)"
node scripts/first-numbers.mjs
