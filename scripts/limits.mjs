// Times the largest input each entry point accepts (the documented limits), in Node on
// the WASM package, and checks that one past the limit is a LIMIT error. Prints a table;
// asserts nothing about time. Usage: node scripts/limits.mjs (after scripts/build.sh).
import { resolve } from "node:path";

// The package's public entry point, as users call it.
const billing = await import(resolve(import.meta.dirname, "../pkg/node/index.mjs"));

/** A book of `plans` plans of `tiers` tiers, all priced (break-evens walk every tier). */
function bigBook(plans, tiers) {
  const book = billing.defaultPriceBook();
  book.plans = Array.from({ length: plans }, (_, p) => {
    const rates = Array.from({ length: tiers }, (_, t) => `0.${String(40000 - t * 700 - ((p * 37 + t * 11) % 500)).padStart(6, "0")}`);
    return {
      id: `p${p}`, name: `Plan ${p}`, credits: 1000 + p * 977, overageRate: rates[0], monthlyPrice: `${100 + p * 13}.${String(p % 100).padStart(2, "0")}`,
      overageTiers: rates.map((rate, t) => (t + 1 < tiers ? { upTo: (t + 1) * 1500, rate } : { rate })),
    };
  });
  return book;
}

function time(run) {
  const start = process.hrtime.bigint();
  const result = run();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, result };
}

function past(run) {
  try {
    run();
    return "accepted (should be refused)";
  } catch (error) {
    return `${error.code}: ${error.message.slice(0, 90)}`;
  }
}

const calc = new billing.Calculator();
const voiceLines = (n) => Array.from({ length: n }, (_, i) => ({ calls: 4000, averageSeconds: 30 + (i % 300) }));
const synthetic = (messages, cycles = 1) => ({ plan: "pro", start: "2026-11-01", cycles, synthetic: { mix: { conversation: { aiMessages: messages } }, seed: 1 } });
const csvRows = (n) => `at,feature,messages,agent\n${"2026-11-02T10:00:00Z,conversation,3,Ava\n".repeat(n)}`;
const forecastInput = { plan: "pro", cycleStart: "2026-11-01", asOf: "2026-11-11", usedByFeature: { conversation: 1e12 } };
// Top-ups every 10 seconds from Nov 11 on, each too small to last until the next: every one ends a run-out.
const plannedTopUps = (n) => Array.from({ length: n }, (_, i) => ({ at: new Date(Date.parse("2026-11-11T00:00:10Z") + i * 10_000).toISOString(), credits: 1 }));
let logAtLimit = null; // the log at its limit, read by one case and used by the next
const cases = [
  ["new Calculator(book): 200 plans of 50 tiers", () => new billing.Calculator(bigBook(200, 50)), () => new billing.Calculator(bigBook(201, 1))],
  ["breakEvens(): 200 plans of 50 tiers, all priced", () => new billing.Calculator(bigBook(200, 50)).breakEvens(), null],
  ["compare(mix): 1,000 voice and 1,000 workflow lines",
    () => calc.compare({ voice: voiceLines(1000), workflow: Array.from({ length: 1000 }, () => ({ executions: 9, gptSteps: 2 })) }),
    () => calc.compare({ voice: voiceLines(1001) })],
  ["simulate: 12,000,000 synthetic events", () => calc.simulate(synthetic(12_000_000)), () => calc.simulate(synthetic(6_000_001, 2))],
  ["simulate: 1,000 voice lines of 4,000 calls (4,000,000 events)",
    () => calc.simulate({ plan: "pro", start: "2026-11-01", synthetic: { mix: { voice: voiceLines(1000) }, seed: 1 } }), null],
  ["backtest: 2,666,666 events on 3 plans (16,000,000 runs)", () => calc.backtest(synthetic(2_666_666)), () => calc.backtest(synthetic(2_666_667))],
  ["generateEvents: 500,000 events",
    () => calc.generateEvents({ mix: { conversation: { aiMessages: 500_000 } }, start: "2026-11-01", seed: 1 }),
    () => calc.generateEvents({ mix: { conversation: { aiMessages: 500_001 } }, start: "2026-11-01", seed: 1 })],
  ["parseUsageCsv: 300,000 rows (12 MB)",
    () => billing.parseUsageCsv(csvRows(300_000)),
    () => billing.parseUsageCsv(csvRows(300_001))],
  ["UsageLog.fromCsv: 5,000,000 rows (205 MB of bytes)",
    () => { logAtLimit = billing.UsageLog.fromCsv(Buffer.from(csvRows(5_000_000))); },
    () => billing.UsageLog.fromCsv(Buffer.from(csvRows(5_000_001)))],
  ["simulate: a log of 5,000,000 rows", () => calc.simulate({ plan: "pro", start: "2026-11-01" }, logAtLimit), null],
  ["backtest: a log of 2,666,666 rows on 3 plans (16,000,000 runs)",
    () => calc.backtest({ plan: "pro", start: "2026-11-01" }, billing.UsageLog.fromCsv(csvRows(2_666_666))),
    () => calc.backtest({ plan: "pro", start: "2026-11-01" }, logAtLimit)],
  ["forecast: 100,000 planned top-ups",
    () => calc.forecast({ ...forecastInput, plannedTopUps: plannedTopUps(100_000) }),
    () => calc.forecast({ ...forecastInput, plannedTopUps: plannedTopUps(100_001) })],
  ["project: 120 months, 1,000 voice lines", () => calc.project({ mix: { voice: voiceLines(1000) }, months: 120, growth: { overall: 2 } }), null],
];

console.log("largest accepted input | time (ms) | one past the limit");
for (const [name, largest, beyond] of cases) {
  const { ms } = time(largest);
  console.log(`${name} | ${ms.toFixed(0)} | ${beyond ? past(beyond) : "-"}`);
}
// The module lives on: a good call after all of the above.
console.log(`after: compare gives ${calc.compare({ conversation: { aiMessages: 600 } }).plans[0].overageCost}`);
