//! Every plan side by side for one month's usage: used, included and overage credits,
//! exact overage cost, alerts, what a hard cap would serve, and the recommended plan
//! (R1, R14..R16, R20, R22, R24).

use crate::recommend::Basis;
use crate::schema::Count;
use hoopai_billing_macros::shape;
use rust_decimal::Decimal;

use crate::alerts::{reached, validate_thresholds};
use crate::error::{BillingError, BillingResult};
use crate::estimate::estimate;
use crate::money;
use crate::overage::overage_cost;
use crate::price_book::{Book, PlanTerms};
use crate::recommend::{recommendation, Weighed};
use crate::schema::{Amount, Estimate, UsageMix};

/// Compares the plans `options` selects (default: all, in book order) for `mix`, and
/// recommends one (R24). Errors name `mix.<field>` or `options.<field>`.
pub fn compare(book: &Book, mix: &UsageMix, options: &CompareOptions) -> BillingResult<Comparison> {
    let estimate = estimate(book, mix)?;
    let thresholds = match &options.alert_thresholds {
        Some(list) => validate_thresholds(list, "options.alertThresholds")?,
        None => book.alert_thresholds().to_vec(),
    };
    let plans = selected_plans(book, options.plans.as_deref(), "options.plans")?;
    let mut quotes = Vec::with_capacity(plans.len());
    let mut weighed = Vec::with_capacity(plans.len());
    for plan in &plans {
        let within = |e: BillingError| e.within(&format!("plans.{}", plan.id));
        let costs = MonthCost::of(plan, estimate.credits).map_err(within)?;
        quotes.push(quote(plan, &estimate, &costs, &thresholds).map_err(within)?);
        weighed.push(costs.weighed(plan));
    }
    let (recommended, basis) = recommendation(&weighed);
    Ok(Comparison { estimate, plans: quotes, recommended, basis })
}

/// One plan's quote; errors carry no path (the caller adds it).
fn quote(plan: &PlanTerms, estimate: &Estimate, costs: &MonthCost, thresholds: &[u64]) -> BillingResult<PlanQuote> {
    let at = |credits| MonthCost::of(plan, credits);
    let (low, high) = (at(estimate.low)?, at(estimate.high)?);
    Ok(PlanQuote {
        plan: plan.id.clone(),
        name: plan.name.clone(),
        included_credits: plan.credits,
        used_credits: estimate.credits,
        overage_credits: costs.overage_credits,
        utilization: estimate.credits as f64 / plan.credits as f64,
        overage_cost: Amount(costs.overage_cost),
        monthly_price: plan.monthly_price.map(Amount),
        total_cost: costs.total_cost.map(Amount),
        overage_cost_range: CostRange { low: Amount(low.overage_cost), high: Amount(high.overage_cost) },
        total_cost_range: low.total_cost.zip(high.total_cost).map(|(low, high)| CostRange { low: Amount(low), high: Amount(high) }),
        alerts: reached(thresholds, estimate.credits, plan.credits),
        hard_cap: HardCapQuote {
            served_credits: estimate.credits.min(plan.credits),
            blocked_credits: estimate.credits.saturating_sub(plan.credits),
        },
    })
}

/// What one plan costs for a month of `credits` credits (R1, R15): exact, before display.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MonthCost {
    pub credits: u64,
    pub overage_credits: u64,
    /// The sum of the rounded tier lines (R22).
    pub overage_cost: Decimal,
    /// Monthly price + overage cost; `None` when the price is unknown (R1).
    pub total_cost: Option<Decimal>,
}

impl MonthCost {
    /// `plan` at `credits` a month; errors carry no path.
    pub fn of(plan: &PlanTerms, credits: u64) -> BillingResult<MonthCost> {
        Self::with_overage_cost(plan, credits, overage_cost(&plan.overage, credits.saturating_sub(plan.credits), "")?)
    }

    /// `plan` at `credits` a month, its overage already priced (the sum of its rounded
    /// tier lines); errors carry no path.
    pub fn with_overage_cost(plan: &PlanTerms, credits: u64, overage_cost: Decimal) -> BillingResult<MonthCost> {
        let total_cost = plan.monthly_price.map(|price| money::add(price, overage_cost, "")).transpose()?;
        Ok(MonthCost { credits, overage_credits: credits.saturating_sub(plan.credits), overage_cost, total_cost })
    }

    /// The month as R24 weighs it.
    pub fn weighed<'a>(&self, plan: &'a PlanTerms) -> Weighed<'a> {
        Weighed {
            plan: &plan.id,
            allocation: plan.credits,
            usage: self.credits,
            overage_cost: self.overage_cost,
            total_cost: self.total_cost,
        }
    }
}

/// The plans named in `ids`, in book order; all plans when `ids` is `None`. Errors name
/// `path[i]` for an unknown or repeated id, or `path` for an empty list.
pub fn selected_plans<'b>(book: &'b Book, ids: Option<&[String]>, path: &str) -> BillingResult<Vec<&'b PlanTerms>> {
    let Some(ids) = ids else {
        return Ok(book.plans().iter().collect());
    };
    if ids.is_empty() {
        return Err(BillingError::invalid(path, "must name at least one plan, or be left out for all"));
    }
    for (i, id) in ids.iter().enumerate() {
        let at = format!("{path}[{i}]");
        book.plan(id, &at)?;
        if let Some(first) = ids[..i].iter().position(|other| other == id) {
            return Err(BillingError::invalid(at, format!("duplicate plan {} (also {path}[{first}])", crate::error::quote(id))));
        }
    }
    Ok(book.plans().iter().filter(|p| ids.contains(&p.id)).collect())
}

// The shapes this operation takes and returns (declared once: `#[shape]`).

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

// The shapes this operation takes and returns (declared once: `#[shape]`).

/// Which plans to compare and which alert thresholds to check.
///
/// ```js
/// calc.compare(mix, { plans: ["pro", "premium"], alertThresholds: [50, 75, 90] });
/// ```
#[shape]
#[derive(Default)]
pub struct CompareOptions {
    /// Plan ids; default: every plan of the book. Quotes come in book order.
    pub plans: Option<Vec<String>>,
    /// Percentages of the allocation; default: the book's (R14).
    pub alert_thresholds: Option<Vec<Count>>,
}
