//! A scenario's usage (say, last month's CSV export) priced on every plan of the book,
//! without and with a hard cap.

use crate::recommend::Basis;
use hoopai_billing_macros::shape;
use rust_decimal::Decimal;

use crate::credits;
use crate::error::BillingError;
use crate::error::BillingResult;
use crate::money;
use crate::overage::overage_cost;
use crate::price_book::{Book, PlanTerms};
use crate::recommend::{recommendation, Weighed};
use crate::schema::{Amount, Scenario};
use crate::simulate::{event_count, prepare, report::invoice, rules_for, run, Prepared};
use crate::usage_log::UsageLog;

/// The most event runs (events × 2 × plans) one backtest may do.
pub const MAX_EVENT_RUNS: u64 = 16_000_000;

struct Totals {
    /// The invoices' totals, summed (the monthly price only when known).
    cost: Decimal,
    /// The overage lines, summed.
    overage_cost: Decimal,
    /// The most credits consumed in one cycle.
    largest_cycle: u64,
    consumed: u64,
    overage: u64,
    blocked_credits: u64,
    blocked_events: u64,
}

/// The scenario's events (rated once) on `plan`, with or without a hard cap.
fn totals(book: &Book, scenario: &Scenario, prepared: &Prepared, plan: &PlanTerms, hard_cap: bool) -> BillingResult<Totals> {
    let rules = rules_for(book, scenario, plan, hard_cap)?;
    let mut t = Totals {
        cost: Decimal::ZERO,
        overage_cost: Decimal::ZERO,
        largest_cycle: 0,
        consumed: 0,
        overage: 0,
        blocked_credits: 0,
        blocked_events: 0,
    };
    run(prepared, &rules, |ledger| {
        let invoice = invoice(ledger, plan)?;
        t.cost = money::add(t.cost, invoice.total.unwrap_or(invoice.usage_charges).0, "backtest")?;
        t.overage_cost = money::add(t.overage_cost, overage_cost(&plan.overage, ledger.overage, "backtest")?, "backtest")?;
        t.largest_cycle = t.largest_cycle.max(ledger.consumed);
        // Sums over cycles, each checked against 2^53 − 1 (R23).
        t.consumed = credits::add(t.consumed, ledger.consumed, "backtest.consumedCredits")?;
        t.overage = credits::add(t.overage, ledger.overage, "backtest.overageCredits")?;
        t.blocked_credits = credits::add(t.blocked_credits, ledger.blocked.credits, "backtest.capped.blockedCredits")?;
        t.blocked_events = credits::add(t.blocked_events, ledger.blocked.events, "backtest.capped.blockedEvents")?;
        Ok(())
    })?;
    Ok(t)
}

/// Runs `scenario` (with `log`'s rows inside its cycles) on every plan, hard cap off and on, and recommends one (R24); errors
/// name `scenario.<field>`.
pub fn backtest(book: &Book, scenario: &Scenario, log: Option<&UsageLog>) -> BillingResult<Backtest> {
    let prepared = prepare(book, scenario, log)?;
    // Work is budgeted before it is done: the ledger runs every event twice per plan.
    let (events, plan_count) = (event_count(&prepared), book.plans().len());
    let runs = events.saturating_mul(2 * plan_count as u64);
    if runs > MAX_EVENT_RUNS {
        return Err(BillingError::limit(
            "scenario",
            format!(
                "a backtest runs each of its {events} events twice on each of the book's {plan_count} plans: {runs} in all; \
                 at most {MAX_EVENT_RUNS} (simulate the scenario, or use fewer events or plans)"
            ),
        ));
    }
    let mut plans = Vec::with_capacity(book.plans().len());
    // R24 weighs the usage every plan must cover: the most any plan serves in a cycle
    // without a cap. A percent feature limit blocks more on a smaller plan (R17), which
    // does not make that plan cover the usage; a limit in credits blocks alike on all.
    let mut usage = 0;
    for plan in book.plans() {
        let open = totals(book, scenario, &prepared, plan, false)?;
        let capped = totals(book, scenario, &prepared, plan, true)?;
        // An unknown monthly price makes every total that includes it unknown (R1).
        let known = |cost: Decimal| plan.monthly_price.map(|_| Amount(cost));
        plans.push(BacktestPlan {
            plan: plan.id.clone(),
            name: plan.name.clone(),
            cost: known(open.cost),
            overage_cost: Amount(open.overage_cost),
            consumed_credits: open.consumed,
            overage_credits: open.overage,
            blocked_credits: open.blocked_credits,
            blocked_events: open.blocked_events,
            capped: CappedCost {
                cost: known(capped.cost),
                consumed_credits: capped.consumed,
                blocked_credits: capped.blocked_credits,
                blocked_events: capped.blocked_events,
            },
        });
        usage = usage.max(open.largest_cycle);
    }
    let weighed: Vec<Weighed> = book
        .plans()
        .iter()
        .zip(&plans)
        .map(|(plan, result)| Weighed {
            plan: &plan.id,
            allocation: plan.credits,
            usage,
            overage_cost: result.overage_cost.0,
            total_cost: result.cost.map(|cost| cost.0),
        })
        .collect();
    let (recommended, basis) = recommendation(&weighed);
    Ok(Backtest { current: scenario.plan.clone(), plans, usage_credits: usage, recommended, basis })
}

// The shapes this operation takes and returns (declared once: `#[shape]`).

/// A scenario's usage priced on every plan of the book, without and with a hard cap.
///
/// ```js
/// const b = calc.backtest(scenarioFromCsv);
/// b.plans[0]; // { plan: "starter", cost: null, overageCost: "61.20", overageCredits: 2040,
///            //   capped: { cost: null, blockedCredits: 2040, blockedEvents: 310, ... } }
/// ```
#[shape(output)]
pub struct Backtest {
    /// The scenario's own plan.
    pub current: String,
    pub plans: Vec<BacktestPlan>,
    /// The credits a plan must cover to be recommended on allocation (R24): the largest
    /// cycle's consumed credits on the plan that serves the most without a cap.
    pub usage_credits: u64,
    /// Without a hard cap (R24): the lowest cost when every price is known; else the
    /// smallest allocation that covers the usage (none covers: the lowest overage cost).
    /// The usage is the largest cycle's consumed credits on the plan that serves the most:
    /// a percent feature limit blocks more on a smaller plan, which does not make that
    /// plan cover the usage (decision).
    pub recommended: String,
    pub basis: Basis,
}

/// One plan's cost for the scenario, summed over its cycles.
///
/// ```js
/// b.plans[1].capped.blockedCredits; // 0
/// ```
#[shape(output)]
#[derive(Eq)]
pub struct BacktestPlan {
    pub plan: String,
    pub name: String,
    /// The invoices' total without a hard cap; `null` when the monthly price is
    /// unknown (R1).
    pub cost: Option<Amount>,
    /// The overage lines of the invoices, summed (always known).
    pub overage_cost: Amount,
    pub consumed_credits: u64,
    pub overage_credits: u64,
    /// Credits and events feature limits blocked without a hard cap (R17).
    pub blocked_credits: u64,
    pub blocked_events: u64,
    /// With the hard cap on (R16).
    pub capped: CappedCost,
}

/// What a hard cap would have cost and refused.
///
/// ```js
/// { cost: "29.00", consumedCredits: 500, blockedCredits: 2040, blockedEvents: 310 }
/// ```
#[shape(output)]
#[derive(Eq)]
pub struct CappedCost {
    /// `null` when the monthly price is unknown (R1).
    pub cost: Option<Amount>,
    pub consumed_credits: u64,
    pub blocked_credits: u64,
    pub blocked_events: u64,
}
