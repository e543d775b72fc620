// The UsageLog path in WASM for scripts/bench.sh (issue 10 item 8): the export in
// process.env.BIG_CSV (1,000,000 rows) read into a UsageLog as bytes and as text, then
// simulated and backtested on the published book, through the package's public entry
// point in Node. Best of three; prints figures, asserts nothing.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";

const { Calculator, UsageLog } = await import(resolve(import.meta.dirname, "../pkg/node/index.mjs"));
const bytes = readFileSync(process.env.BIG_CSV);
const text = bytes.toString("utf8");
const calc = new Calculator();
const scenario = { plan: "pro", start: "2026-11-15", cycles: 2 };
const best = { bytes: Infinity, text: Infinity, simulate: Infinity, backtest: Infinity, first: 0 };
let rows = 0;
for (let round = 0; round < 3; round++) {
  let start = performance.now();
  const log = UsageLog.fromCsv(bytes);
  const read = performance.now() - start;
  best.bytes = Math.min(best.bytes, read);
  start = performance.now();
  calc.simulate(scenario, log);
  const simulate = performance.now() - start;
  best.simulate = Math.min(best.simulate, simulate);
  start = performance.now();
  calc.backtest(scenario, log);
  const backtest = performance.now() - start;
  best.backtest = Math.min(best.backtest, backtest);
  if (round === 0) best.first = read + simulate + backtest;
  rows = log.length;
  log.free();
  start = performance.now();
  UsageLog.fromCsv(text).free();
  best.text = Math.min(best.text, performance.now() - start);
}
const all = best.bytes + best.simulate + best.backtest;
console.log(`wasm UsageLog (${rows.toLocaleString("en-US")} rows, ${(bytes.length / 1e6).toFixed(1)} MB, node): `
  + `read ${best.bytes.toFixed(0)} ms from bytes (${best.text.toFixed(0)} ms from a string), simulate ${best.simulate.toFixed(0)} ms, `
  + `backtest ${best.backtest.toFixed(0)} ms, in all ${all.toFixed(0)} ms (first run ${best.first.toFixed(0)} ms); `
  + `read + simulate ${(rows / (best.bytes + best.simulate) / 1000).toFixed(2)} M rows/s`);
