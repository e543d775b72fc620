// Compiled by tsc --strict against the packed package: the public types must say exactly
// this. Each @ts-expect-error line must fail to type-check, or tsc reports it unused.
import { Calculator, UsageLog, defaultPriceBook, parseUsageCsv } from "@hoopai/billing";
import type { Comparison, Estimate, PlanQuote, PriceBook, UsageMix, Capacity, Feature, Scenario, Simulation, UsageEvent,
  Forecast, Projection, Backtest } from "@hoopai/billing";

const book: PriceBook = defaultPriceBook();
book.plans.push({ id: "ent", name: "Enterprise", credits: 50000, overageRate: "0.02",
  overageTiers: [{ upTo: 10000, rate: "0.02" }, { rate: "0.015" }], monthlyPrice: "899.00" });
const calc = new Calculator(book);
const fallback = new Calculator();

const mix: UsageMix = {
  conversation: { aiMessages: 1200 },
  voice: [{ calls: 40, averageSeconds: 135, provider: "eleven", language: "de" }],
  content: { textGenerations: 60 },
  workflow: [{ executions: 300, gptSteps: 2, averageTokens: 600 }],
};
const estimate: Estimate = calc.estimate(mix);
const voiceCredits: number = estimate.byFeature.voice.credits;
const comparison: Comparison = calc.compare(mix, { plans: ["pro", "ent"], alertThresholds: [50, 75] });
const quote: PlanQuote = comparison.plans[0];
const cost: string = quote.overageCost;
const price: string | null = quote.monthlyPrice;
const alerts: number[] = quote.alerts;
const served: number = quote.hardCap.servedCredits;
const recommended: string = fallback.compare(mix).recommended;
const basis: "totalCost" | "allocation" = comparison.basis;
const total: string | null = quote.totalCost;
const monthBasis: "totalCost" | "allocation" = calc.project({ mix, months: 2 }).months[0].basis;
const capacity: Capacity = calc.capacity("starter");
const feature: Feature = "voice";
const minutes: number = capacity.perFeature[feature].high;
const rate: string = calc.priceBook.plans[0].overageRate;

const events: UsageEvent[] = [
  { at: "2026-11-02T09:00:00Z", feature: "conversation", messages: 3, agent: "Ava", channel: "sms" },
  { at: "2026-11-02T10:00:00Z", feature: "voice", seconds: 135, direction: "inbound", mode: "test" },
  { at: "2026-11-03", topUp: 100 },
  ...parseUsageCsv("at,feature\n2026-11-04T00:00:00Z,reviews\n"),
];
const scenario: Scenario = { plan: "starter", start: "2026-11-01", cycles: 2, hardCap: true,
  featureLimits: { voice: { percent: 60 } }, events, synthetic: { mix, seed: 7 } };
const simulation: Simulation = calc.simulate(scenario);
const expired: number = simulation.cycles[0].expiredCredits;
// R1: the total is not known without the monthly price; the usage lines' sum always is.
const invoiceTotal: string | null = simulation.cycles[0].invoice.total;
const usageCharges: string = simulation.cycles[0].invoice.usageCharges;
const ava: number | undefined = simulation.cycles[0].byAgent["Ava"];
const generated: UsageEvent[] = calc.generateEvents({ mix, start: "2026-11-01", seed: 1 });
const forecast: Forecast = calc.forecast({ plan: "pro", cycleStart: "2026-11-01", asOf: "2026-11-10", usedByFeature: { voice: 40 } });
const runOut: string | null = forecast.runOutDate;
const planned: Forecast = calc.forecast({ plan: "pro", cycleStart: "2026-11-01", asOf: "2026-11-10", usedByFeature: { voice: 40 },
  plannedTopUps: [{ at: "2026-11-20", credits: 500 }] });
const refilled: string | null | undefined = planned.runOuts[0]?.until;
const lineKind: "monthlyPrice" | "overage" | "topUp" | undefined = simulation.cycles[0].invoice.lines[0]?.kind;
const boughtAt: string | null | undefined = simulation.cycles[0].invoice.lines[0]?.at;
// @ts-expect-error a planned top-up needs its credits
calc.forecast({ plan: "pro", cycleStart: "2026-11-01", asOf: "2026-11-10", usedByFeature: {}, plannedTopUps: [{ at: "2026-11-20" }] });
const projection: Projection = calc.project({ mix, months: 12, growth: { overall: 5, byFeature: { voice: -2.5 } } });
const backtest: Backtest = calc.backtest(scenario);

// A usage export held in the engine (API v2 item 4).
const log: UsageLog = UsageLog.fromCsv("at,feature\n2026-11-02,reviews\n");
const fromBytes: UsageLog = UsageLog.fromCsv(new Uint8Array(0));
const builder = UsageLog.builder();
builder.push(new Uint8Array(0));
const rowsSoFar: number = builder.rows;
const built: UsageLog = builder.finish();
const firstAt: string | null = log.first;
const logEvents: UsageEvent[] = log.events(0, 10);
const withLog: Simulation = calc.simulate({ ...scenario, testAsPreview: true }, log);
const inside: number | undefined = withLog.log?.inside;
const logBacktest: Backtest = calc.backtest({ ...scenario, withoutTopUps: true }, log);
const bought: string | undefined = simulation.cycles[0].topUps[0]?.at;
// @ts-expect-error a chunk is bytes, not text
builder.push("at,feature");
// @ts-expect-error a log is a UsageLog, not its events
calc.simulate(scenario, logEvents);

// @ts-expect-error an event needs a known feature
const badEvent: UsageEvent = { at: "2026-11-02", feature: "chat" };
// @ts-expect-error a content event needs its kind
const noKind: UsageEvent = { at: "2026-11-02", feature: "content" };
// @ts-expect-error money is a string, never a number (R22)
const asNumber: number = quote.overageCost;
// @ts-expect-error an unknown price makes the total null, never "0.00" (R1, R24)
const alwaysKnown: string = quote.totalCost;
// @ts-expect-error an invoice's total is null while the monthly price is unknown (R1)
const invoiceAlwaysKnown: string = simulation.cycles[0].invoice.total;
// @ts-expect-error the basis is one of two words
const badBasis: "cheapest" = comparison.basis;
// @ts-expect-error unknown fields are not part of a mix
calc.estimate({ chat: { aiMessages: 1 } });
// @ts-expect-error a price must be a string
calc.compare(mix, { plans: "pro" });
// @ts-expect-error money in a book is a string
const badBook: PriceBook = { ...book, plans: [{ id: "x", name: "X", credits: 1, overageRate: 0.03 }] };
// @ts-expect-error features are a closed set
const badFeature: Feature = "chat";

export { fromBytes, rowsSoFar, built, firstAt, inside, logBacktest, bought, basis, total, monthBasis, alwaysKnown, invoiceAlwaysKnown, badBasis, expired, invoiceTotal, usageCharges, ava, generated, runOut, projection, backtest, badEvent, noKind, voiceCredits, cost, price, alerts, served, recommended, minutes, rate, asNumber, badBook, badFeature };

// The estimator build (`@hoopai/billing/estimator`): the same types, the simulator's
// methods absent.
import { Calculator as Estimator, defaultPriceBook as estimatorBook } from "@hoopai/billing/estimator";
import type { Comparison as EstimatorComparison, PriceBook as EstimatorBook } from "@hoopai/billing/estimator";
const small = new Estimator(estimatorBook());
const smallBook: EstimatorBook = small.priceBook;
const sameShape: Comparison = small.compare(mix) satisfies EstimatorComparison;
const breaks: { credits: number; from: string; to: string }[] = small.breakEvens(["starter", "pro"]);
const smallCapacity: Capacity = small.capacity("pro");
// @ts-expect-error the estimator has no simulator
small.simulate({ plan: "starter", start: "2026-11-01" });
void [smallBook, sameShape, breaks, smallCapacity];
