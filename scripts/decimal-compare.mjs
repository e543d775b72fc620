// The benchmark's exact peer (issue 12): `compare` on the published book written in JS
// with decimal.js, as a careful pricing page would: credits as integers, money as
// decimals rounded half away from zero to the cent, the recommendation by R24's
// allocation basis (the published book has no prices). scripts/bench.mjs checks it equal
// to the engine on 10,000 random mixes, then times both.
import { createRequire } from "node:module";
import { join, resolve } from "node:path";

const Decimal = createRequire(join(resolve(import.meta.dirname, ".."), "tools/package.json"))("decimal.js");
const Money = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });

const PLANS = [
  { plan: "starter", name: "Starter", credits: 500, rate: new Money("0.03") },
  { plan: "pro", name: "Pro", credits: 2500, rate: new Money("0.025") },
  { plan: "premium", name: "Premium", credits: 10000, rate: new Money("0.02") },
];
const THRESHOLDS = [75, 90];
const VOICE = { low: 3, expected: 4, high: 5 };

/** Credits of a mix at the book's rates: expected, low and high (R5..R11). */
function credits(mix) {
  const fixed = (mix.conversation?.aiMessages ?? 0) + (mix.content?.textGenerations ?? 0) + 3 * (mix.content?.imageGenerations ?? 0)
    + (mix.reviews?.responses ?? 0)
    + (mix.workflow ?? []).reduce((sum, w) => sum + w.executions * w.gptSteps * (w.averageTokens === undefined ? 1 : w.averageTokens > 1000 ? 2 : 1), 0);
  const minutes = (mix.voice ?? []).reduce((sum, v) => sum + v.calls * Math.ceil(v.averageSeconds / 60), 0);
  return { credits: fixed + minutes * VOICE.expected, low: fixed + minutes * VOICE.low, high: fixed + minutes * VOICE.high };
}

const cost = (plan, used) => plan.rate.times(Math.max(0, used - plan.credits)).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);

/** The published book's comparison of `mix`, in the engine's shape (the fields it checks). */
export function decimalCompare(mix) {
  const estimate = credits(mix);
  const plans = PLANS.map((plan) => {
    const overage = cost(plan, estimate.credits);
    return {
      plan: plan.plan, overageCredits: Math.max(0, estimate.credits - plan.credits), overageCost: overage.toFixed(2),
      overageCostRange: { low: cost(plan, estimate.low).toFixed(2), high: cost(plan, estimate.high).toFixed(2) },
      totalCost: null, alerts: THRESHOLDS.filter((t) => estimate.credits * 100 >= plan.credits * t),
      hardCap: { servedCredits: Math.min(estimate.credits, plan.credits), blockedCredits: Math.max(0, estimate.credits - plan.credits) },
      cost: overage,
    };
  });
  // R24, allocation basis: the smallest allocation that covers the usage; else the lowest
  // overage cost, a tie to the larger allocation.
  const covering = plans.filter((p, i) => PLANS[i].credits >= estimate.credits);
  const best = covering.length ? covering[0]
    : plans.reduce((a, b) => (b.cost.lessThan(a.cost) || b.cost.equals(a.cost) ? b : a));
  return { estimate, plans, recommended: best.plan, basis: "allocation" };
}

/** The fields the peer computes, from the engine's result, to compare with it. */
export function sameFields(engine) {
  return {
    estimate: { credits: engine.estimate.credits, low: engine.estimate.low, high: engine.estimate.high },
    plans: engine.plans.map((q) => ({ plan: q.plan, overageCredits: q.overageCredits, overageCost: q.overageCost,
      overageCostRange: q.overageCostRange, totalCost: q.totalCost, alerts: q.alerts, hardCap: q.hardCap })),
    recommended: engine.recommended, basis: engine.basis,
  };
}

/** The peer's result without its internal exact costs, for comparison. */
export function peerFields(peer) {
  return { ...peer, plans: peer.plans.map(({ cost: _, ...rest }) => rest) };
}
