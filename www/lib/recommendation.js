// A comparison's recommendation in words (BILLING_RULES R24): what the engine knows,
// never "cheapest" or "$0.00 a month" for a plan whose price is not set.
import { count, list, money, moneyRange, plural } from "./billing.js";

// `list` is a formatter of billing.js, used here and offered with the recommendation words.
export { list };

/**
 * The recommended row's badge, its basis said (R24): alone, "recommended" reads as "the best
 * buy". `covers` names what the plan's credits cover ("your usage", "the largest month"),
 * or is null when they cover none of it (the least overage).
 */
export const badge = (basis, covers) => `recommended: ${basis === "totalCost" ? "lowest total" : covers ? `covers ${covers}` : "least overage"}`;

/** An overage cost with its low..high range when the rates leave one open. */
const overageWithRange = (quote) => moneyRange(quote.overageCost, quote.overageCostRange);

/**
 * The sentences that say which plan `comparison` recommends and why, for its basis:
 * `totalCost` names the lowest total; `allocation` names the plan whose allocation covers
 * the credits, the overage each smaller plan would add, and that prices are not set.
 */
export function describeRecommendation(comparison) {
  const best = comparison.plans.find((q) => q.plan === comparison.recommended);
  const used = count(comparison.estimate.credits);
  if (comparison.basis === "totalCost") {
    const range = best.totalCostRange.low === best.totalCostRange.high
      ? "" : ` (${money(best.totalCostRange.low)} to ${money(best.totalCostRange.high)} depending on the rates left open)`;
    // R24: a tie goes to the plan earlier in the book; said as a tie, not as the least.
    const tied = comparison.plans.filter((q) => q.plan !== best.plan && q.totalCost === best.totalCost).map((q) => q.name);
    const lead = tied.length ? `${list([best.name, ...tied])} cost the same for ${used} credits; ${best.name}, first in the list, is recommended:`
      : `${best.name} costs the least for ${used} credits:`;
    return [`${lead} ${money(best.totalCost)} a month${range}, `
      + `${money(best.monthlyPrice)} subscription plus ${money(best.overageCost)} overage.`];
  }
  const sentences = [];
  if (best.overageCredits === 0) {
    // R24 without prices: the plan with the smallest allocation that covers the usage, said as such.
    sentences.push(`${best.name} is the smallest plan whose monthly credits cover your usage: its ${count(best.includedCredits)} cover your ${plural(comparison.estimate.credits, "credit", "credits")}.`);
    const { high } = comparison.estimate;
    if (high > best.includedCredits) {
      sentences.push(`At the high end of the range (${count(high)} credits) ${best.name} would add up to ${money(best.overageCostRange.high)} in overage.`);
    }
  } else {
    sentences.push(`No plan's monthly credits cover your ${plural(comparison.estimate.credits, "credit", "credits")}; ${best.name} adds the least overage: ${overageWithRange(best)}.`);
  }
  const smaller = comparison.plans.filter((q) => q.plan !== best.plan && q.overageCredits > 0);
  if (smaller.length) {
    const parts = smaller.map((q, i) => `${q.name}${i === 0 ? " would add" : ""} ${overageWithRange(q)}`);
    sentences.push(`${list(parts)} in overage each month.`);
  }
  const unset = comparison.plans.filter((q) => q.monthlyPrice == null).map((q) => q.name);
  sentences.push(unset.length === comparison.plans.length
    ? "Subscription prices are not published here (ask sales), so no plan's total is shown and plans are compared by what their credits cover, not by cost."
    : `Subscription prices are not published here for ${list(unset)} (ask sales), so plans are compared by what their credits cover.`);
  return sentences;
}
