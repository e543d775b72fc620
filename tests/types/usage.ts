// Compiled by tsc --strict against the packed package: the public types must say exactly
// this. Each @ts-expect-error line must fail to type-check, or tsc reports it unused.
import { Calculator, defaultPriceBook } from "@hoopai/billing";
import type { Comparison, Estimate, PlanQuote, PriceBook, UsageMix, Capacity, Feature } from "@hoopai/billing";

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
const capacity: Capacity = calc.capacity("starter");
const feature: Feature = "voice";
const minutes: number = capacity.perFeature[feature].high;
const rate: string = calc.priceBook.plans[0].overageRate;

// @ts-expect-error money is a string, never a number (R22)
const asNumber: number = quote.totalCost;
// @ts-expect-error unknown fields are not part of a mix
calc.estimate({ chat: { aiMessages: 1 } });
// @ts-expect-error a price must be a string
calc.compare(mix, { plans: "pro" });
// @ts-expect-error money in a book is a string
const badBook: PriceBook = { ...book, plans: [{ id: "x", name: "X", credits: 1, overageRate: 0.03 }] };
// @ts-expect-error features are a closed set
const badFeature: Feature = "chat";

export { voiceCredits, cost, price, alerts, served, recommended, minutes, rate, asNumber, badBook, badFeature };
