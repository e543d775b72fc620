// Names that are not ASCII come back as they went in, through every result that carries
// one (issue 11: results cross with serde-wasm-bindgen): plan ids and names in Japanese,
// an agent "Zoë 🚀", a channel and a provider in other scripts.
import { test } from "node:test";
import assert from "node:assert/strict";
import { resolve } from "node:path";

const { Calculator, UsageLog, defaultPriceBook } = await import(resolve(import.meta.dirname, "../../pkg/node/index.mjs"));

const book = defaultPriceBook();
book.plans.push({ id: "プレミアム・プラス", name: "プレミアム プラス 🚀", credits: 50000, overageRate: "0.015", monthlyPrice: "899.00" });
book.plans = book.plans.map((p) => ({ ...p, monthlyPrice: p.monthlyPrice ?? "10.00" }));
book.rates.voice.table = [{ provider: "Ελληνικά", language: "日本語", creditsPerMinute: 5 }];
const calc = new Calculator(book);
const agent = "Zoë 🚀";
const plan = "プレミアム・プラス";
const name = "プレミアム プラス 🚀";
const mix = { conversation: { aiMessages: 120000 }, voice: [{ calls: 3, averageSeconds: 61, provider: "Ελληνικά", language: "日本語" }] };

test("plan ids and names in any script, through every result", () => {
  assert.equal(calc.priceBook.plans[3].name, name);
  assert.equal(calc.priceBook.rates.voice.table[0].language, "日本語");
  const comparison = calc.compare(mix);
  assert.deepEqual(comparison.plans.map((p) => p.plan).at(-1), plan);
  assert.equal(comparison.plans.at(-1).name, name);
  assert.equal(comparison.recommended, plan);
  assert.equal(calc.capacity(plan).plan, plan);
  assert.ok(calc.breakEvens().some((b) => b.to === plan));
  const projection = calc.project({ mix, months: 2 });
  assert.equal(projection.totals.at(-1).name, name);
  assert.equal(projection.months[0].costs.at(-1).plan, plan);
  assert.equal(projection.months[0].mix.voice[0].language, "日本語");
  const forecast = calc.forecast({ plan, cycleStart: "2026-11-01", asOf: "2026-11-11", usedByFeature: { conversation: 100 } });
  assert.equal(forecast.plans.at(-1).name, name);
});

test("agent names in any script, from events and from a log", () => {
  const events = [
    { at: "2026-11-02T09:00:00Z", feature: "conversation", messages: 60000, agent, channel: "Мессенджер" },
    { at: "2026-11-03T09:00:00Z", feature: "voice", seconds: 61, agent: "日本語のエージェント", provider: "Ελληνικά", language: "日本語" },
  ];
  const sim = calc.simulate({ plan, start: "2026-11-01", events });
  const cycle = sim.cycles[0];
  assert.deepEqual(Object.keys(cycle.byAgent).sort(), [agent, "日本語のエージェント"].sort());
  assert.equal(cycle.insights.topAgents[0].agent, agent);
  assert.ok(cycle.invoice.lines[0].description.startsWith(name));
  const backtest = calc.backtest({ plan, start: "2026-11-01", events });
  assert.equal(backtest.current, plan);
  assert.equal(backtest.plans.at(-1).name, name);
  const generated = calc.generateEvents({ mix: { voice: [{ calls: 1, averageSeconds: 30, provider: "Ελληνικά", language: "日本語" }] }, start: "2026-11-01", seed: 1 });
  assert.equal(generated[0].language, "日本語");
  const log = UsageLog.fromCsv(`at,feature,messages,agent,channel\n2026-11-02T09:00:00Z,conversation,5,${agent},Мессенджер\n`);
  assert.deepEqual(log.events()[0], { at: "2026-11-02T09:00:00Z", feature: "conversation", messages: 5, agent, channel: "Мессенджер" });
  assert.deepEqual(calc.simulate({ plan, start: "2026-11-01" }, log).cycles[0].byAgent, { [agent]: 5 });
  log.free();
});
