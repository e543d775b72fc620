#!/usr/bin/env bash
# Bounded fuzzing: each cargo-fuzz target (price book, estimate, simulate, usage log) for SECONDS
# (default 60) from the seed corpus in fuzz/corpus/. A panic or failed assertion stops
# with the crashing input under fuzz/artifacts/.
# Usage: scripts/fuzz.sh [seconds]
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
seconds=${1:-60}
if ! cargo fuzz --version >/dev/null 2>&1; then
  step "cargo install cargo-fuzz"
  cargo install cargo-fuzz --version 0.13.2
fi
# cargo-fuzz passes nightly flags (sanitizers); the machine has one stable toolchain,
# which accepts them with RUSTC_BOOTSTRAP=1.
export RUSTC_BOOTSTRAP=1
for target in price_book estimate simulate usage_log; do
  step "fuzz $target for ${seconds}s"
  mkdir -p "fuzz/corpus/$target"
  work=$(mktemp -d)
  cp -r "fuzz/corpus/$target/." "$work/"
  log="$work.log"
  status=0
  cargo fuzz run "$target" "$work" -- -max_total_time="$seconds" -max_len=4096 -print_final_stats=1 > "$log" 2>&1 || status=$?
  grep -E '^(stat::number_of_executed_units|==[0-9]+==|SUMMARY|thread .* panicked)' "$log" || true
  [ "$status" -eq 0 ] || tail -40 "$log" >&2
  rm -rf "$work" "$log"
  [ "$status" -eq 0 ] || { echo "fuzz $target failed: see fuzz/artifacts/$target" >&2; exit 1; }
done
echo "fuzzing clean: 4 targets x ${seconds}s"
