// Issue 13's hostile probe, case by case from JS on the package as users install it: each
// defect it found now gives the exact value or an Error with a code, and after each case a
// good call answers correctly on the same calculator and on a new one (R22, R23).
import { test } from "node:test";
import assert from "node:assert/strict";
import { resolve } from "node:path";

const billing = await import(resolve(import.meta.dirname, "../../pkg/node/index.mjs"));

/** A book with the published rates and these plans. */
function bookWith(plans) {
  return { ...billing.defaultPriceBook(), plans };
}

/** `n` plans of `tiers` graduated tiers each. */
function manyPlans(n, tiers = 1) {
  return Array.from({ length: n }, (_, p) => {
    const rates = Array.from({ length: tiers }, (_, t) => `0.${String(40000 - t * 900 - (p % 700)).padStart(6, "0")}`);
    return {
      id: `p${p}`, name: `Plan ${p}`, credits: 1000 + p * 911, overageRate: rates[0], monthlyPrice: `${50 + p * 7}.00`,
      overageTiers: rates.map((rate, t) => (t + 1 < tiers ? { upTo: (t + 1) * 2000, rate } : { rate })),
    };
  });
}

const messages = (n) => ({ conversation: { aiMessages: n } });
const shared = new billing.Calculator();

/** Asserts a good call still answers on `calc` (as a new calculator on its book does),
 * on the shared calculator and on a new one. */
function stillAnswers(calc) {
  assert.deepEqual(calc.compare(messages(600)), new billing.Calculator(calc.priceBook).compare(messages(600)));
  for (const c of [shared, new billing.Calculator()]) {
    assert.equal(c.compare(messages(600)).plans[0].overageCost, "3.00");
  }
}

const cases = [
  {
    name: "generateEvents at the old per-cycle maximum: a LIMIT error, not a trap after 2.7 GB",
    run: (calc) => calc.generateEvents({ mix: messages(20_000_000), start: "2026-11-01", seed: 1 }),
    error: { code: "LIMIT", field: "spec.mix" },
  },
  {
    name: "generateEvents, 1,000,000 a cycle over 120 cycles: a LIMIT error",
    run: (calc) => calc.generateEvents({ mix: messages(1_000_000), start: "2026-11-01", cycles: 120, seed: 1 }),
    error: { code: "LIMIT", field: "spec.mix" },
  },
  {
    name: "backtest sums over cycles are checked: 2^53 - 1 then 2 credits is OVERFLOW",
    run: (calc) => calc.backtest({ plan: "starter", start: "2026-11-01", cycles: 2, events: [
      { at: "2026-11-02", feature: "conversation", messages: Number.MAX_SAFE_INTEGER },
      { at: "2026-12-02", feature: "conversation", messages: 2 }] }),
    error: { code: "OVERFLOW", field: "backtest.consumedCredits" },
  },
  {
    name: "a 20-digit rate on 10,000,001 overage credits is exact (was ten times too small)",
    calc: () => new billing.Calculator(bookWith([{ id: "x", name: "X", credits: 1, overageRate: "99999999999999999999" }])),
    run: (calc) => calc.compare(messages(10_000_002)).plans[0].overageCost,
    value: "1000000099999999999989999999.00",
  },
  {
    name: "a 6-decimal rate at 7.9e22 is rounded once (was a cent off)",
    calc: () => new billing.Calculator(bookWith([{ id: "x", name: "X", credits: 1, overageRate: "99999999999999.999999" }])),
    run: (calc) => calc.compare(messages(82_742_285_112)).plans[0].overageCost.slice(-8),
    value: "17257.71",
  },
  {
    name: "past what a Decimal holds to the cent: OVERFLOW, never a rounded amount",
    calc: () => new billing.Calculator(bookWith([{ id: "x", name: "X", credits: 1, overageRate: "999999999999999999.25" }])),
    run: (calc) => calc.compare(messages(Number.MAX_SAFE_INTEGER)),
    error: { code: "OVERFLOW" },
  },
  {
    name: "an agent named __proto__ keeps its credits in byAgent",
    run: (calc) => {
      const cycle = calc.simulate({ plan: "pro", start: "2026-11-01", events: [
        { at: "2026-11-02", feature: "conversation", messages: 7, agent: "__proto__" }] }).cycles[0];
      return [Object.hasOwn(cycle.byAgent, "__proto__"), cycle.byAgent["__proto__"], Object.keys(cycle.byAgent).length];
    },
    value: [true, 7, 1],
  },
  {
    name: "voice rounding in integers: 300 calls of 45.3 s at 4 a minute are 294 credits and 4,410 s",
    run: (calc) => {
      const events = Array.from({ length: 300 }, (_, i) => ({ at: `2026-11-02T10:${String(Math.floor(i / 60)).padStart(2, "0")}:${String(i % 60).padStart(2, "0")}Z`,
        feature: "voice", seconds: 45.3, creditsPerMinute: 4 }));
      const r = calc.simulate({ plan: "pro", start: "2026-11-01", events }).cycles[0].insights.voiceRounding;
      return [r.credits, r.extraSeconds];
    },
    value: [294, 4410],
  },
  {
    name: "project: 1,000 % voice growth with no voice usage is fine",
    run: (calc) => calc.project({ mix: messages(1), months: 120, growth: { byFeature: { voice: 1000 } } }).months[119].credits,
    value: 1,
  },
  {
    name: "project: a growth of 1e-30 % moves no count",
    run: (calc) => calc.project({ mix: messages(1000), months: 3, growth: { overall: 1e-30 } }).months[2].credits,
    value: 1000,
  },
  {
    name: "a book of 80,000 plans: a LIMIT error at once (was 21 s)",
    run: () => new billing.Calculator(bookWith(manyPlans(80_000))),
    error: { code: "LIMIT", field: "book.plans" },
  },
  {
    name: "an unknown plan on a 200-plan book lists 10 ids, not all",
    calc: () => new billing.Calculator(bookWith(manyPlans(200))),
    run: (calc) => calc.capacity("gold"),
    error: { code: "UNKNOWN_NAME", message: 'plan: unknown plan "gold"; the book has p0, p1, p2, p3, p4, p5, p6, p7, p8, p9 and 190 more' },
  },
  {
    name: "breakEvens on 60 plans of 30 tiers walks the cost lines (was 13.7 s)",
    calc: () => new billing.Calculator(bookWith(manyPlans(60, 30))),
    run: (calc) => Array.isArray(calc.breakEvens()),
    value: true,
  },
  {
    name: "backtest of 48,000,000 synthetic events: a LIMIT error before any work",
    run: (calc) => calc.backtest({ plan: "pro", start: "2026-11-01", cycles: 4, synthetic: { mix: messages(12_000_000), seed: 1 } }),
    error: { code: "LIMIT" },
  },
  {
    name: "backtest of 1,000,000 events on a 53-plan book: a LIMIT error before any work",
    calc: () => new billing.Calculator(bookWith(manyPlans(53))),
    run: (calc) => calc.backtest({ plan: "p0", start: "2026-11-01", synthetic: { mix: messages(1_000_000), seed: 1 } }),
    error: { code: "LIMIT", field: "scenario" },
  },
  {
    name: "a synthetic mix of 5,000 voice lines: a LIMIT error (lines, not calls, cost work)",
    run: (calc) => calc.simulate({ plan: "pro", start: "2026-11-01",
      synthetic: { mix: { voice: Array.from({ length: 5000 }, () => ({ calls: 4000, averageSeconds: 60 })) }, seed: 1 } }),
    error: { code: "LIMIT", field: "scenario.synthetic.mix.voice" },
  },
];

for (const c of cases) {
  test(c.name, () => {
    const calc = c.calc ? c.calc() : shared;
    if ("error" in c) {
      assert.throws(() => c.run(calc), (e) => {
        assert.ok(e instanceof Error, "an Error");
        for (const [key, value] of Object.entries(c.error)) assert.equal(e[key], value, `${key} of ${e.message}`);
        assert.equal(e.message, `${e.field}: ${e.reason}`);
        return true;
      });
    } else {
      assert.deepEqual(c.run(calc), c.value);
    }
    stillAnswers(calc);
  });
}
