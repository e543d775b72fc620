//! Every plan side by side for one month's usage: used, included and overage credits,
//! exact overage cost, alerts, what a hard cap would serve, and the recommended plan
//! (R1, R14..R16, R20, R22).

use rust_decimal::Decimal;

use crate::alerts::{reached, validate_thresholds};
use crate::error::{BillingError, BillingResult};
use crate::estimate::estimate;
use crate::money;
use crate::overage::overage_cost;
use crate::price_book::{Book, PlanTerms};
use crate::schema::{CompareOptions, Comparison, CostRange, HardCapQuote, PlanQuote, UsageMix};

/// Compares the plans `options` selects (default: all, in book order) for `mix`.
/// Errors name `mix.<field>` or `options.<field>`.
pub fn compare(book: &Book, mix: &UsageMix, options: &CompareOptions) -> BillingResult<Comparison> {
    let estimate = estimate(book, mix)?;
    let thresholds = match &options.alert_thresholds {
        Some(list) => validate_thresholds(list, "options.alertThresholds")?,
        None => book.alert_thresholds().to_vec(),
    };
    let mut quotes = Vec::new();
    let mut totals = Vec::new();
    for plan in selected_plans(book, options.plans.as_deref(), "options.plans")? {
        let quote = quote(plan, &estimate, &thresholds).map_err(|e| e.within(&format!("plans.{}", plan.id)))?;
        totals.push(quote.1);
        quotes.push(quote.0);
    }
    let recommended = cheapest(quotes.iter().map(|q| q.plan.as_str()).zip(totals));
    Ok(Comparison { estimate, plans: quotes, recommended })
}

/// One plan's quote and its exact total; errors carry no path (the caller adds it).
fn quote(plan: &PlanTerms, estimate: &crate::schema::Estimate, thresholds: &[u64]) -> BillingResult<(PlanQuote, Decimal)> {
    let path = "";
    let total = total_cost(plan, estimate.credits, path)?;
    Ok((
        PlanQuote {
            plan: plan.id.clone(),
            name: plan.name.clone(),
            included_credits: plan.credits,
            used_credits: estimate.credits,
            overage_credits: estimate.credits.saturating_sub(plan.credits),
            utilization: estimate.credits as f64 / plan.credits as f64,
            overage_cost: money::format_amount(overage_cost(&plan.overage, estimate.credits.saturating_sub(plan.credits), path)?),
            monthly_price: plan.monthly_price.map(money::format_amount),
            total_cost: money::format_amount(total),
            total_cost_range: CostRange {
                low: money::format_amount(total_cost(plan, estimate.low, path)?),
                high: money::format_amount(total_cost(plan, estimate.high, path)?),
            },
            alerts: reached(thresholds, estimate.credits, plan.credits),
            hard_cap: HardCapQuote {
                served_credits: estimate.credits.min(plan.credits),
                blocked_credits: estimate.credits.saturating_sub(plan.credits),
            },
        },
        total,
    ))
}

/// The plan with the lowest total cost; a tie goes to the plan earlier in the list.
pub fn cheapest<'a>(totals: impl IntoIterator<Item = (&'a str, Decimal)>) -> String {
    let mut best: Option<(&str, Decimal)> = None;
    for (plan, total) in totals {
        if best.map_or(true, |(_, lowest)| total < lowest) {
            best = Some((plan, total));
        }
    }
    best.map(|(plan, _)| plan.to_string()).unwrap_or_default()
}

/// The monthly price (or 0 when unknown) plus the overage cost of `used` credits (R15).
pub fn total_cost(plan: &PlanTerms, used: u64, path: &str) -> BillingResult<Decimal> {
    let overage = overage_cost(&plan.overage, used.saturating_sub(plan.credits), path)?;
    money::add(plan.monthly_price.unwrap_or(Decimal::ZERO), overage, path)
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
            return Err(BillingError::invalid(at, format!("duplicate plan {id:?} (also {path}[{first}])")));
        }
    }
    Ok(book.plans().iter().filter(|p| ids.contains(&p.id)).collect())
}
