// Bad input from JS, a table across every entry point: each throws an Error whose message
// names the field and the reason (R23), and the calculator answers correctly afterwards.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { resolve } from "node:path";

const require = createRequire(import.meta.url);
const billing = require(resolve(import.meta.dirname, "../../pkg/node/hoopai_billing.js"));
const calc = new billing.Calculator();
const book = billing.defaultPriceBook();
const plan = (edit) => ({ ...book, plans: [{ ...book.plans[0], ...edit }] });
const scenario = (edit) => ({ plan: "starter", start: "2026-11-01", ...edit });
const event = (e) => scenario({ events: [{ at: "2026-11-02T10:00:00Z", ...e }] });
const mixWith = (edit) => ({ conversation: { aiMessages: 10 }, ...edit });

const cases = [
  // new Calculator(book)
  ["book: plans empty", () => new billing.Calculator({ ...book, plans: [] }), "book.plans: must list at least one plan"],
  ["book: money as a number", () => new billing.Calculator(plan({ overageRate: 0.03 })), "book.plans[0].overageRate: must be a decimal string such as \"0.03\", not a number"],
  ["book: negative money", () => new billing.Calculator(plan({ overageRate: "-0.03" })), "book.plans[0].overageRate: must be >= 0"],
  ["book: zero credits", () => new billing.Calculator(plan({ credits: 0 })), "book.plans[0].credits: must be at least 1 credit, got 0"],
  ["book: fractional credits", () => new billing.Calculator(plan({ credits: 1.5 })), "book.plans[0].credits: must be a whole number >= 0, got 1.5"],
  ["book: duplicate ids", () => new billing.Calculator({ ...book, plans: [book.plans[0], book.plans[0]] }), "book.plans[1].id: duplicate plan id \"starter\""],
  ["book: tiers out of order", () => new billing.Calculator(plan({ overageTiers: [{ upTo: 10, rate: "0.03" }, { upTo: 5, rate: "0.02" }, { rate: "0.01" }] })), "book.plans[0].overageTiers[1].upTo: must be greater than the previous tier's end (10), got 5"],
  ["book: voice bounds inverted", () => new billing.Calculator({ ...book, rates: { ...book.rates, voice: { ...book.rates.voice, min: 6 } } }), "book.rates.voice.max: must be at least min (6), got 5"],
  ["book: default outside bounds", () => new billing.Calculator({ ...book, rates: { ...book.rates, voice: { ...book.rates.voice, default: 9 } } }), "book.rates.voice.default: must be within the book's voice rate bounds 3..5"],
  ["book: threshold 0", () => new billing.Calculator({ ...book, alertThresholds: [0] }), "book.alertThresholds[0]: must be over 0 and at most 1000"],
  ["book: unknown field", () => new billing.Calculator({ ...book, discount: 5 }), "book.discount: unknown field `discount`"],
  ["book: not an object", () => new billing.Calculator("starter"), "book: must be an object"],
  ["book: null (never the published book in silence)", () => new billing.Calculator(null), "book: must be an object, got null; leave the argument out to use the default"],
  // estimate / compare
  ["mix: null for a count (never the default)", () => calc.estimate({ content: { textGenerations: null, imageGenerations: 2 } }), "mix.content.textGenerations: invalid type: null, expected a whole number >= 0; leave the field out to use its default"],
  ["mix: a Map (JSON would read {})", () => calc.estimate(new Map([["conversation", { aiMessages: 10 }]])), "mix: invalid type: a Map, expected an object"],
  ["mix: a class instance", () => calc.estimate({ conversation: new (class Usage { constructor() { this.aiMessages = 5; } })() }), "mix.conversation: invalid type: an instance of Usage, expected an object"],
  ["scenario: a lone surrogate at its own field", () => calc.simulate(event({ feature: "conversation", agent: "Ava\ud800" })), "scenario.events[0].agent: invalid type: a string with a lone UTF-16 surrogate, expected a string"],
  ["scenario: null for messages", () => calc.simulate(event({ feature: "conversation", messages: null })), "scenario.events[0].messages: invalid type: null, expected a whole number >= 0; leave the field out"],
  ["options: featureLimits as a Map", () => calc.simulate(scenario({ featureLimits: new Map() })), "scenario.featureLimits: invalid type: a Map, expected an object"],
  ["scenario: a Set for a mode (an enum field)", () => calc.simulate(event({ feature: "reviews", mode: new Set() })), "scenario.events[0].mode: invalid type: a Set, expected a string"],
  ["scenario: an invalid Date", () => calc.simulate(scenario({ until: new Date(NaN) })), "scenario.until: invalid type: an invalid Date, expected a string"],
  ["mix: negative count", () => calc.estimate({ conversation: { aiMessages: -1 } }), "mix.conversation.aiMessages: must be a whole number >= 0, got -1"],
  ["mix: NaN", () => calc.estimate({ reviews: { responses: NaN } }), "mix.reviews.responses: must be a whole number >= 0, got NaN"],
  ["mix: Infinity seconds", () => calc.estimate({ voice: [{ calls: 1, averageSeconds: Infinity }] }), "mix.voice[0].averageSeconds: must be a finite number >= 0, got Infinity"],
  ["mix: negative seconds", () => calc.estimate({ voice: [{ calls: 2, averageSeconds: -5 }] }), "mix.voice[0].averageSeconds: must be a finite number >= 0, got -5"],
  ["mix: count as a string", () => calc.estimate({ conversation: { aiMessages: "12" } }), "mix.conversation.aiMessages: invalid type: string \"12\", expected a whole number >= 0"],
  ["mix: BigInt", () => calc.estimate({ conversation: { aiMessages: 12n } }), "mix.conversation.aiMessages: must be a whole number >= 0, got BigInt 12"],
  ["mix: above 2^53", () => calc.estimate({ conversation: { aiMessages: 2 ** 53 } }), "mix.conversation.aiMessages: must be at most 9007199254740991"],
  ["mix: credits overflow", () => calc.estimate({ content: { imageGenerations: 3002399751580331 } }), "mix.content.imageGenerations: the credits exceed 9007199254740991"],
  ["mix: rate out of bounds", () => calc.estimate({ voice: [{ calls: 1, averageSeconds: 60, creditsPerMinute: 9 }] }), "mix.voice[0].creditsPerMinute: must be within the book's voice rate bounds 3..5"],
  ["mix: step rate out of bounds", () => calc.estimate({ workflow: [{ executions: 1, gptSteps: 1, creditsPerStep: 5 }] }), "mix.workflow[0].creditsPerStep: must be within the book's workflow step rates 1..2"],
  ["mix: missing field", () => calc.estimate({ voice: [{ calls: 1 }] }), "mix.voice[0]: missing field `averageSeconds`"],
  ["mix: unknown feature", () => calc.estimate({ chat: { aiMessages: 1 } }), "mix.chat: unknown field `chat`"],
  ["mix: undefined", () => calc.estimate(undefined), "mix: is required, got nothing"],
  ["mix: array", () => calc.estimate([]), "mix: must be an object"],
  ["compare: null options", () => calc.compare(mixWith({}), null), "options: must be an object, got null; leave the argument out to use the default"],
  ["breakEvens: null plans", () => calc.breakEvens(null), "plans: must be an array of plan ids"],
  ["compare: unknown plan", () => calc.compare(mixWith({}), { plans: ["gold"] }), "options.plans[0]: unknown plan \"gold\""],
  ["compare: no plans", () => calc.compare(mixWith({}), { plans: [] }), "options.plans: must name at least one plan"],
  ["compare: duplicate threshold", () => calc.compare(mixWith({}), { alertThresholds: [75, 75] }), "options.alertThresholds[1]: duplicate threshold 75"],
  ["compare: threshold over 1000", () => calc.compare(mixWith({}), { alertThresholds: [1001] }), "options.alertThresholds[0]: must be over 0 and at most 1000"],
  // capacity
  ["capacity: unknown plan", () => calc.capacity("gold"), "plan: unknown plan \"gold\""],
  ["capacity: not a string", () => calc.capacity(3), "plan: must be a string"],
  // simulate
  ["simulate: unknown plan", () => calc.simulate(scenario({ plan: "gold" })), "scenario.plan: unknown plan \"gold\""],
  ["simulate: impossible date", () => calc.simulate(scenario({ start: "2026-02-30" })), "scenario.start: no such date"],
  ["simulate: no zone", () => calc.simulate(event({ feature: "reviews", at: "2026-11-02T10:00:00" })), "scenario.events[0].at: a date-time needs a zone"],
  ["simulate: outside the cycles", () => calc.simulate(event({ feature: "reviews", at: "2026-12-02" })), "scenario.events[0].at: must be inside the simulated cycles"],
  ["simulate: out of order", () => calc.simulate(scenario({ events: [{ at: "2026-11-03", feature: "reviews" }, { at: "2026-11-02", feature: "reviews" }] })), "scenario.events[1].at: events must be in time order"],
  ["simulate: unknown feature", () => calc.simulate(event({ feature: "chat" })), "scenario.events[0].feature: unknown variant \"chat\""],
  ["simulate: unknown mode", () => calc.simulate(event({ feature: "reviews", mode: "dry-run" })), "scenario.events[0].mode: unknown variant \"dry-run\""],
  ["simulate: negative seconds", () => calc.simulate(event({ feature: "voice", seconds: -1 })), "scenario.events[0].seconds: must be a finite number >= 0, got -1"],
  ["simulate: top-up of 0", () => calc.simulate(event({ topUp: 0 })), "scenario.events[0].topUp: must be at least 1 credit, got 0"],
  ["simulate: limit over 100%", () => calc.simulate(scenario({ featureLimits: { voice: { percent: 101 } } })), "scenario.featureLimits.voice.percent: must be at most 100"],
  ["simulate: limit with both", () => calc.simulate(scenario({ featureLimits: { voice: { percent: 50, credits: 5 } } })), "scenario.featureLimits.voice: must set percent or credits, not both"],
  ["simulate: zero cycles", () => calc.simulate(scenario({ cycles: 0 })), "scenario.cycles: must be 1 to 120, got 0"],
  ["simulate: field of another feature", () => calc.simulate(event({ feature: "reviews", seconds: 3 })), "scenario.events[0].seconds: unknown field `seconds`"],
  ["simulate: synthetic too big", () => calc.simulate(scenario({ synthetic: { mix: { conversation: { aiMessages: 3e7 } }, seed: 1 } })), "scenario.synthetic.mix: would generate 30000000 events a cycle"],
  // generateEvents, forecast, project, backtest, breakEvens, parseUsageCsv
  ["generateEvents: no seed", () => calc.generateEvents({ mix: {}, start: "2026-11-01" }), "spec: missing field `seed`"],
  ["forecast: asOf before the cycle", () => calc.forecast({ plan: "pro", cycleStart: "2026-11-01", asOf: "2026-10-30", usedByFeature: {} }), "input.asOf: must be after the cycle's start"],
  ["forecast: unknown feature", () => calc.forecast({ plan: "pro", cycleStart: "2026-11-01", asOf: "2026-11-05", usedByFeature: { chat: 1 } }), "input.usedByFeature.chat: unknown field `chat`"],
  ["project: too many months", () => calc.project({ mix: {}, months: 121 }), "input.months: must be 1 to 120, got 121"],
  ["project: growth -100%", () => calc.project({ mix: {}, months: 2, growth: { overall: -100 } }), "input.growth.overall: must be over -100 and at most 1000"],
  ["backtest: unknown plan", () => calc.backtest(scenario({ plan: "gold" })), "scenario.plan: unknown plan \"gold\""],
  ["breakEvens: one plan", () => calc.breakEvens(["pro"]), "plans: must name at least two plans"],
  ["breakEvens: unknown plan", () => calc.breakEvens(["pro", "gold"]), "plans[1]: unknown plan \"gold\""],
  ["parseUsageCsv: bad cell", () => billing.parseUsageCsv("at,feature,seconds\n2026-11-02T10:00:00Z,voice,-3\n"), "csv line 2, column 3 (\"seconds\"): must be a finite number >= 0, got -3"],
  ["parseUsageCsv: unknown column", () => billing.parseUsageCsv("at,price\n"), "csv line 1, column 2 (\"price\"): unknown column"],
  ["parseUsageCsv: not a string", () => billing.parseUsageCsv(42), "csv: must be a string"],
];

const reference = calc.compare({ conversation: { aiMessages: 600 } });

test(`${cases.length} malformed inputs, each an Error naming the field; the calculator answers after each`, () => {
  assert.ok(cases.length >= 40);
  for (const [name, call, message] of cases) {
    assert.throws(call, (error) => {
      assert.ok(error instanceof Error, `${name}: an Error`);
      assert.ok(error.message.startsWith(message), `${name}:\n   got: ${error.message}\nwanted: ${message}`);
      assert.ok(message.startsWith(error.field), `${name}: field ${error.field}`);
      return true;
    }, name);
    assert.deepEqual(calc.compare({ conversation: { aiMessages: 600 } }), reference, `after ${name}`);
  }
});

test("what JSON reads as its value is read so: boxed primitives, a valid Date, plain objects of another realm", async () => {
  const { runInNewContext } = await import("node:vm");
  const foreign = runInNewContext("({ conversation: { aiMessages: 600 } })");
  assert.equal(calc.compare(foreign).plans[0].overageCost, "3.00");
  // eslint-disable-next-line no-new-wrappers
  assert.equal(calc.compare({ conversation: { aiMessages: new Number(600) } }).plans[0].overageCost, "3.00");
  assert.equal(calc.capacity("starter").plan, "starter");
  const sim = calc.simulate({ plan: new String("pro"), start: new Date("2026-11-01T00:00:00Z"), hardCap: new Boolean(false) });
  assert.equal(sim.cycles[0].start, "2026-11-01");
  // A null prototype is a plain object too.
  const bare = Object.assign(Object.create(null), { conversation: { aiMessages: 600 } });
  assert.equal(calc.compare(bare).plans[0].overageCost, "3.00");
});
