//! A scenario's usage (say, last month's CSV export) priced on every plan of the book,
//! without and with a hard cap.

use rust_decimal::Decimal;

use crate::compare::cheapest;
use crate::error::BillingResult;
use crate::money;
use crate::price_book::{Book, PlanTerms};
use crate::schema::{Backtest, BacktestPlan, CappedCost, Scenario};
use crate::simulate::{prepare, report::invoice, rules_for, run, Prepared};

struct Totals {
    cost: Decimal,
    consumed: u64,
    overage: u64,
    blocked_credits: u64,
    blocked_events: u64,
}

/// The scenario's events (rated once) on `plan`, with or without a hard cap.
fn totals(book: &Book, scenario: &Scenario, prepared: &Prepared, plan: &PlanTerms, hard_cap: bool) -> BillingResult<Totals> {
    let rules = rules_for(book, scenario, plan, hard_cap)?;
    let mut t = Totals { cost: Decimal::ZERO, consumed: 0, overage: 0, blocked_credits: 0, blocked_events: 0 };
    run(prepared, &rules, |ledger| {
        t.cost = money::add(t.cost, invoice(ledger, plan)?.1, "backtest")?;
        // Each cycle's totals are at most 2^53 − 1; over at most 120 cycles they fit in u64.
        t.consumed += ledger.consumed;
        t.overage += ledger.overage;
        t.blocked_credits += ledger.blocked.credits;
        t.blocked_events += ledger.blocked.events;
        Ok(())
    })?;
    Ok(t)
}

/// Runs `scenario` on every plan, hard cap off and on; errors name `scenario.<field>`.
pub fn backtest(book: &Book, scenario: &Scenario) -> BillingResult<Backtest> {
    let prepared = prepare(book, scenario)?;
    let mut plans = Vec::with_capacity(book.plans().len());
    let mut costs = Vec::with_capacity(book.plans().len());
    for plan in book.plans() {
        let open = totals(book, scenario, &prepared, plan, false)?;
        let capped = totals(book, scenario, &prepared, plan, true)?;
        costs.push(open.cost);
        plans.push(BacktestPlan {
            plan: plan.id.clone(),
            name: plan.name.clone(),
            cost: money::format_amount(open.cost),
            consumed_credits: open.consumed,
            overage_credits: open.overage,
            capped: CappedCost {
                cost: money::format_amount(capped.cost),
                consumed_credits: capped.consumed,
                blocked_credits: capped.blocked_credits,
                blocked_events: capped.blocked_events,
            },
        });
    }
    let recommended = cheapest(plans.iter().map(|p| p.plan.as_str()).zip(costs));
    Ok(Backtest { current: scenario.plan.clone(), plans, recommended })
}
