//! What `estimate`, `compare` and `capacity` return (API.md "Estimate", "Comparison",
//! "Capacity").

use hoopai_billing_macros::shape;

use super::values::Amount;
use crate::feature::PerFeature;

/// Credits a month's usage needs, with the R11 range.
///
/// ```js
/// const { credits, low, high, byFeature } = calc.estimate(mix);
/// ```
#[shape(output)]
#[derive(Eq)]
pub struct Estimate {
    /// Expected total, at the book's default rates.
    pub credits: u64,
    pub low: u64,
    pub high: u64,
    pub by_feature: PerFeature<CreditRange>,
}

/// Expected credits and their low..high range (R11).
///
/// ```js
/// calc.estimate(mix).byFeature.voice; // { credits: 480, low: 360, high: 600 }
/// ```
#[shape(output)]
#[derive(Copy, Default, Eq)]
pub struct CreditRange {
    pub credits: u64,
    pub low: u64,
    pub high: u64,
}

/// Every compared plan side by side.
///
/// ```js
/// const { plans, recommended } = calc.compare(mix);
/// ```
#[shape(output)]
pub struct Comparison {
    pub estimate: Estimate,
    /// In book order.
    pub plans: Vec<PlanQuote>,
    /// The recommended plan for the expected credits (R24).
    pub recommended: String,
    /// What the recommendation rests on: `"totalCost"` when every compared plan has a
    /// known monthly price, else `"allocation"` (R24).
    pub basis: Basis,
}

/// What a recommendation rests on (R24): `"totalCost"`, the lowest total when every
/// price is known; `"allocation"`, the smallest allocation that covers the usage (or,
/// where none does, the lowest overage cost) when a monthly price is unknown.
///
/// ```js
/// const { recommended, basis } = calc.compare(mix);
/// if (basis === "allocation") show(`${recommended} covers your usage; prices not set`);
/// ```
#[shape(output)]
#[derive(Copy, Eq)]
#[serde(rename_all = "camelCase")]
pub enum Basis {
    TotalCost,
    Allocation,
}

/// What one plan would cost for the usage.
///
/// ```js
/// const starter = calc.compare({ conversation: { aiMessages: 600 } }).plans[0];
/// starter.overageCredits; // 100
/// starter.overageCost;    // "3.00"
/// ```
#[shape(output)]
pub struct PlanQuote {
    pub plan: String,
    pub name: String,
    pub included_credits: u64,
    pub used_credits: u64,
    pub overage_credits: u64,
    /// `usedCredits / includedCredits` (1.2 = 120 %).
    pub utilization: f64,
    /// `"0.00"` when none; each graduated tier rounded on its own (R20, R22).
    pub overage_cost: Amount,
    /// `null` when the book does not know it.
    pub monthly_price: Option<Amount>,
    /// `monthlyPrice` + `overageCost`; `null` when the monthly price is unknown (R1).
    pub total_cost: Option<Amount>,
    /// The overage cost at the low and the high end of the estimate's range (R11).
    pub overage_cost_range: CostRange,
    /// The total cost at the low and the high end of the estimate's range; `null` when
    /// the monthly price is unknown (R1).
    #[cfg_attr(target_arch = "wasm32", tsify(type = "CostRange | null"))]
    pub total_cost_range: Option<CostRange>,
    /// Thresholds this usage reaches, ascending (R14).
    pub alerts: Vec<u64>,
    /// With a hard cap on (R16): what would be served and what blocked.
    pub hard_cap: HardCapQuote,
}

/// The low and the high end of a cost.
///
/// ```js
/// const { low, high } = quote.totalCostRange; // "0.00", "4.50"
/// ```
#[shape(output)]
#[derive(Eq)]
pub struct CostRange {
    pub low: Amount,
    pub high: Amount,
}

/// A mix has no event sizes, so with a hard cap `served = min(used, included)` and
/// `blocked` is the rest (R16).
///
/// ```js
/// quote.hardCap; // { servedCredits: 500, blockedCredits: 100 }
/// ```
#[shape(output)]
#[derive(Copy, Eq)]
pub struct HardCapQuote {
    pub served_credits: u64,
    pub blocked_credits: u64,
}

/// What a plan's allocation covers if spent on one feature alone (R21). Units:
/// messages, minutes, generations (low: images, high: texts), responses, steps.
///
/// ```js
/// calc.capacity("starter").perFeature.voice; // { low: 100, high: 166 }
/// ```
#[shape(output)]
#[derive(Eq)]
pub struct Capacity {
    pub plan: String,
    pub credits: u64,
    pub per_feature: PerFeature<UnitRange>,
}

/// A low..high number of units.
///
/// ```js
/// const { low, high } = calc.capacity("pro").perFeature.workflow; // 1250, 2500
/// ```
#[shape(output)]
#[derive(Copy, Default, Eq)]
pub struct UnitRange {
    pub low: u64,
    pub high: u64,
}
